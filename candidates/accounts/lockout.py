"""Login throttling (django-axes): the client's address, and the page shown on a lock-out."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    return render(
        request,
        "registration/lockout.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def client_ip(request) -> str:
    """The address the lock-out counts failures for.

    With no proxy (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR; behind N proxies, each appends the
    address it received the request from to X-Forwarded-For, so the client is the N-th entry from
    the right. Entries further left were written by the client itself and are never trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
