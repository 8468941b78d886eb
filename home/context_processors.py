from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from candidates import roles

ALL_ROLES = frozenset(roles.BY_PRIORITY) | {None}

# The guide's menu: (label, URL name, roles that see it). Later features add their entries here.
MAIN_MENU = [
    (_("Mon tableau de bord"), "dashboard", ALL_ROLES),
    (_("Ajouter un candidat"), "candidate_add", frozenset({roles.CONSEILLER})),
    (_("Ajouter une attestation"), "attestation_add", frozenset({roles.CONSEILLER})),
    (_("Support technique"), "support", ALL_ROLES),
]


def navigation(request):
    """The header menu for the person viewing the page, with the current entry marked."""
    context = {"ACADEMIE_NAME": settings.ACADEMIE_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    items = []
    for label, url_name, allowed in MAIN_MENU:
        if user.role in allowed:
            url = reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path == url})
    context["main_menu"] = items
    context["show_admin_link"] = user.role in (roles.ADMINISTRATEUR, roles.EDITEUR)
    return context
