from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import can_access_admin


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
            and not can_access_admin(request.user)
        ):
            messages.error(request, _("Votre compte n'a pas accès à l'administration du portail."))
            return redirect("dashboard")
        return self.get_response(request)
