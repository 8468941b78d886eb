from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from candidates import roles, selectors


def _candidate_context(user):
    return {"phase_rows": selectors.candidate_phase_rows(user)}


DASHBOARDS = {
    roles.CANDIDAT: ("home/dashboard_candidate.html", _candidate_context),
    roles.CONSEILLER: ("home/dashboard_counsellor.html", None),
    roles.ADMINISTRATEUR: ("home/dashboard_staff.html", None),
    roles.EDITEUR: ("home/dashboard_staff.html", None),
}


@login_required
def dashboard(request):
    """*Mon tableau de bord*: one screen per role."""
    template, build_context = DASHBOARDS.get(request.user.role, ("home/dashboard_no_role.html", None))
    return render(request, template, build_context(request.user) if build_context else {})


def support(request):
    """*Support technique*: who to contact when something does not work."""
    return render(request, "home/support.html", {"support_email": settings.SUPPORT_EMAIL})
