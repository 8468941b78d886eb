from django.utils.translation import gettext_lazy as _

from candidates import access
from candidates.templatetags.links import fixed_url


def _everyone(user) -> bool:
    return True


# The guide's menu: (label, URL name, who sees it). Later features add their entries here.
MAIN_MENU = [
    (_("Mon tableau de bord"), "dashboard", _everyone),
    (_("Ajouter un candidat"), "dossiers:candidate_add", access.follows_candidates),
    (_("Ajouter une attestation"), "attestations:add", access.follows_candidates),
    (_("Appréciations"), "satisfaction:results", access.follows_candidates),
    (_("Mes métiers"), "orientation:overview", access.has_own_bilan),
    (_("Explorer un métier"), "explore:search", access.can_explore_jobs),
    (_("Support technique"), "support", _everyone),
]


def navigation(request):
    """The header menu for the person viewing the page, with the current entry marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for label, url_name, shown_to in MAIN_MENU:
        if shown_to(user):
            url = fixed_url(url_name)
            items.append({"label": label, "url": url, "current": request.path == url})
    return {"main_menu": items, "show_admin_link": access.is_academie_staff(user)}
