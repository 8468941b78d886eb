from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from candidates import access, portal_settings
from candidates.alerts import selectors as alerts_selectors
from candidates.dossiers import selectors
from candidates.followup import selectors as followup_selectors
from candidates.satisfaction import selectors as satisfaction_selectors
from candidates.synthesis import selectors as synthesis_selectors

from . import emails
from .forms import SupportForm


def _candidate_context(request):
    return {
        "phase_rows": selectors.candidate_phase_rows(request.user),
        "comments": selectors.candidate_comments(request.user)[:20],
        "synthesis": synthesis_selectors.latest_version_of(request.user),
        "satisfaction": satisfaction_selectors.satisfaction_to_answer(request.user),
        "followup": followup_selectors.followup_to_answer(request.user, timezone.localdate()),
    }


def _counsellor_context(request):
    search = request.GET.get("q", "").strip()
    page = selectors.counsellor_dossiers_page(request.user, search, request.GET.get("page"))
    progress = selectors.dossiers_progress(page.object_list)
    return {
        "search": search,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "query_prefix": f"q={search}&" if search else "",
        "rows": [(dossier, progress[dossier.pk]) for dossier in page.object_list],
        "board": alerts_selectors.counsellor_board(
            request.user,
            now=timezone.now(),
            reason=request.GET.get("motif"),
            everything=request.GET.get("tout") == "1",
            portal=portal_settings.portal_settings(request),
        ),
    }


DASHBOARDS = {  # access.dashboard_of → template, context
    "candidate": ("home/dashboard_candidate.html", _candidate_context),
    "counsellor": ("home/dashboard_counsellor.html", _counsellor_context),
    "staff": ("home/dashboard_staff.html", None),
}


@require_safe
@login_required
def dashboard(request):
    """*Mon tableau de bord*: one screen per role."""
    template, build_context = DASHBOARDS.get(access.dashboard_of(request.user), ("home/dashboard_no_role.html", None))
    return render(request, template, build_context(request) if build_context else {})


@require_http_methods(["GET", "POST"])
def support(request):
    """*Support technique*: the support contact, and for logged-in people a form that e-mails it."""
    form = None
    if request.user.is_authenticated:
        form = SupportForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            if emails.send_support_request(sender=request.user, **form.cleaned_data):
                messages.success(
                    request,
                    _(
                        "Votre message sera envoyé au support technique dans quelques minutes. "
                        "Il vous répondra par courriel."
                    ),
                )
                return redirect("support")
            messages.error(
                request,
                _("Votre message n'a pas pu être envoyé. Écrivez directement à %(email)s.")
                % {"email": portal_settings.support_email(request)},
            )
    context = {
        "support_email": portal_settings.support_email(request),
        "support_phone": portal_settings.portal_settings(request).support_phone,
        "form": form,
    }
    return render(request, "home/support.html", context, status=400 if form and form.errors else 200)
