from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from candidates import roles, selectors

BENEFICIARIES_PER_PAGE = 20


def _candidate_context(request):
    return {
        "phase_rows": selectors.candidate_phase_rows(request.user),
        "comments": selectors.candidate_comments(request.user)[:20],
    }


def _counsellor_context(request):
    search = request.GET.get("q", "").strip()
    paginator = Paginator(selectors.counsellor_dossiers(request.user, search), BENEFICIARIES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    progress = selectors.dossiers_progress(page.object_list)
    return {
        "search": search,
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "query_prefix": f"q={search}&" if search else "",
        "rows": [(dossier, progress[dossier.pk]) for dossier in page.object_list],
    }


DASHBOARDS = {
    roles.CANDIDAT: ("home/dashboard_candidate.html", _candidate_context),
    roles.CONSEILLER: ("home/dashboard_counsellor.html", _counsellor_context),
    roles.ADMINISTRATEUR: ("home/dashboard_staff.html", None),
    roles.EDITEUR: ("home/dashboard_staff.html", None),
}


@login_required
def dashboard(request):
    """*Mon tableau de bord*: one screen per role."""
    template, build_context = DASHBOARDS.get(request.user.role, ("home/dashboard_no_role.html", None))
    return render(request, template, build_context(request) if build_context else {})


def support(request):
    """*Support technique*: who to contact when something does not work."""
    return render(request, "home/support.html", {"support_email": settings.SUPPORT_EMAIL})
