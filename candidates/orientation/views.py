"""*Mes métiers* (the candidate's): their RIASEC profile, the jobs to explore, the gap to each envisaged
job; and the buttons on it, in the phases' ROME blocks and on the fiche pages: « Ajouter à mes métiers
envisagés », « Ajouter au plan d'action », « Ne plus me le suggérer » / « Rétablir »."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ..access import candidate_required
from ..navigation import here, trail
from . import selectors, services

CODE_MAX_LENGTH = 12


def _back(request, default="orientation:overview"):
    """Back where the button was (`next`, a path of this site), or to *Mes métiers*."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def _code(request, name, value=None) -> str:
    code = request.POST.get(name, "") if value is None else value
    return code if code.isascii() and code.isalnum() and len(code) <= CODE_MAX_LENGTH else ""


def _done(request, action, **kwargs):
    try:
        messages.success(request, action(**kwargs))
    except services.NotPossible as refusal:
        messages.error(request, str(refusal))
    return _back(request)


@require_safe
@candidate_required
def overview(request):
    orientation = selectors.orientation_of(selectors.own_dossier(request.user))
    context = {"orientation": orientation, "breadcrumb": trail(here(_("Mes métiers")))}
    return render(request, "candidates/orientation/overview.html", context)


@require_POST
@candidate_required
def envisage(request):
    dossier = selectors.own_dossier(request.user)
    return _done(
        request,
        services.job_envisage,
        candidate=request.user,
        dossier=dossier,
        appellation_code=_code(request, "appellation"),
    )


@require_POST
@candidate_required
def plan_add(request):
    """`step`: « J1501:123456 », the fiche and the competence (or savoir) to acquire for it."""
    dossier = selectors.own_dossier(request.user)
    fiche, _sep, item = request.POST.get("step", "").partition(":")
    return _done(
        request,
        services.plan_step_add,
        candidate=request.user,
        dossier=dossier,
        fiche_code=_code(request, "", fiche),
        item_code=_code(request, "", item),
    )


@require_POST
@candidate_required
def dismiss(request):
    dossier = selectors.own_dossier(request.user)
    try:
        dismissed = services.suggestion_dismiss(dossier=dossier, fiche_code=_code(request, "fiche"))
    except services.NotPossible as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("« %(label)s » ne vous sera plus suggéré. Vous pouvez le rétablir en bas de « Mes métiers ».")
            % {"label": dismissed.fiche_label},
        )
    return _back(request)


@require_POST
@candidate_required
def restore(request, code):
    dismissed = selectors.dismissed_suggestion(selectors.own_dossier(request.user), code)
    services.suggestion_restore(dismissed=dismissed)
    messages.success(request, _("« %(label)s » peut de nouveau vous être suggéré.") % {"label": dismissed.fiche_label})
    return _back(request)
