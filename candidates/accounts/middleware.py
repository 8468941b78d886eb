import time
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import BadRequest
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from .. import access


class AdminAccessMiddleware:
    """Send a logged-in candidate or counsellor who opens the Wagtail admin back to their dashboard.

    Wagtail would show them its own login screen; they must never see the admin at all.
    Anonymous visitors are left to Wagtail, which sends them to the portal's login.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if (
            request.path.startswith(self.admin_prefix)
            and request.user.is_authenticated
            and not access.can_open_admin(request.user)
        ):
            messages.error(request, _("Votre compte n'a pas accès à l'administration du portail."))
            return redirect("dashboard")
        return self.get_response(request)


LOGIN_TIME_KEY = "login_time"
WRITTEN_AT_KEY = "written_at"
SESSION_REFRESH_SECONDS = 60


class MinuteSessionMiddleware(SessionMiddleware):
    """Django's session middleware, except that an unchanged session is written at most once a minute.

    With `SESSION_SAVE_EVERY_REQUEST`, Django rewrites the session on every request only to slide its
    expiry (a write, and on SQLite a commit, for every page). Here the expiry slides when the session was
    last written a minute ago or more: an idle session still ends `SESSION_COOKIE_AGE` after the last
    request, give or take that minute. A changed session (login, logout, anything a view stores in it)
    is written at once, as by Django.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return super().process_response(request, response)
        now, accessed = int(time.time()), session.accessed
        if not session.modified and now - session.get(WRITTEN_AT_KEY, 0) < SESSION_REFRESH_SECONDS:
            if accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        session[WRITTEN_AT_KEY] = now
        return super().process_response(request, response)


@receiver(user_logged_in)
def _store_login_time(sender, request, user, **kwargs):
    """Remember when the session began, for the absolute lifetime below."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_KEY] = int(time.time())


class SessionLifetimeMiddleware:
    """End a session `SESSION_ABSOLUTE_LIFETIME` seconds after login, however active it was.

    Inactivity is handled by Django (`SESSION_COOKIE_AGE` with `SESSION_SAVE_EVERY_REQUEST`), the
    expiry slid at most once a minute (`MinuteSessionMiddleware`).
    A session without a login time (opened before this rule) starts counting now.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_TIME_KEY)
            now = int(time.time())
            if started is None:
                request.session[LOGIN_TIME_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                messages.info(request, _("Votre session a expiré. Veuillez vous reconnecter."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in person, static files aside.

    Pages and downloads shown to a logged-in person may hold candidates' data: no browser or proxy
    may keep them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True)
        return response


class NullCharacterMiddleware:
    """A query string with a NUL character (`?q=%00`) is a 400 *Requête invalide*, for every page.

    No link of the portal ever holds one, and PostgreSQL refuses it in any text it is compared with.
    Submitted forms are checked field by field instead (Django's `CharField` names the error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in unquote_plus(request.META.get("QUERY_STRING", "")):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)
