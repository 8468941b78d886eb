"""The one place that says who may see and do what."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from . import roles


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.is_active and user.role == role


def is_candidate(user) -> bool:
    return has_role(user, roles.CANDIDAT)


def is_counsellor(user) -> bool:
    return has_role(user, roles.CONSEILLER)


def is_administrator(user) -> bool:
    return has_role(user, roles.ADMINISTRATEUR)


def can_access_admin(user) -> bool:
    """Académie staff (administrators and editors) work in the Wagtail admin; nobody else."""
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")


def role_required(check):
    """A view decorator: anonymous → login; a person who fails `check` → 404 (nothing is confirmed)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


candidate_required = role_required(is_candidate)
counsellor_required = role_required(is_counsellor)
