from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from candidates import roles

DASHBOARD_TEMPLATES = {
    roles.CANDIDAT: "home/dashboard_candidate.html",
    roles.CONSEILLER: "home/dashboard_counsellor.html",
    roles.ADMINISTRATEUR: "home/dashboard_staff.html",
    roles.EDITEUR: "home/dashboard_staff.html",
}


@login_required
def dashboard(request):
    """*Mon tableau de bord*: one screen per role."""
    template = DASHBOARD_TEMPLATES.get(request.user.role, "home/dashboard_no_role.html")
    return render(request, template)


def support(request):
    """*Support technique*: who to contact when something does not work."""
    return render(request, "home/support.html", {"support_email": settings.SUPPORT_EMAIL})
