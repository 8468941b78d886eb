"""The candidate's phase screen: answer, save a draft, autosave, finish, reopen."""

import re

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from phases.forms import AnswerForm

from .. import journal, selectors, services
from ..models import PhaseResponse
from ..permissions import candidate_required

STALE_MESSAGE = gettext_lazy(
    "Ces réponses ont été modifiées ailleurs (dans un autre onglet, ou effacées par votre conseiller) "
    "depuis l'ouverture de la page. Votre saisie n'a pas été enregistrée : elle est conservée ci-dessous. "
    "Vérifiez-la, puis cliquez à nouveau sur « Enregistrer » pour la garder."
)
INCOMPLETE_MESSAGE = gettext_lazy(
    "Vos réponses sont enregistrées, mais des questions obligatoires restent sans réponse."
)
FINISHED_MESSAGE = gettext_lazy("Cette phase est terminée : rouvrez-la pour modifier vos réponses.")


def _posted_version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


SAVE_ID = re.compile(r"[0-9a-z-]{1,64}")


def _posted_save_id(request) -> str:
    """The autosave's own id (phase-form.js `newSaveId`); anything else is no id at all."""
    save_id = request.POST.get("save_id", "")
    return save_id if SAVE_ID.fullmatch(save_id) else ""


def _render(request, phase, response, form, *, version=None, status=200):
    context = {
        "phase": phase,
        "response": response,
        "form": form,
        "version": response.version if version is None else version,
        "answered_questions": phase.answered_questions(response.answers),
        "progress": phase.progress(response.answers),
    }
    return render(request, "candidates/phase_answer.html", context, status=status)


@require_http_methods(["GET", "POST"])
@candidate_required
def phase_answer(request, slug):
    phase = selectors.candidate_phase(request.user, slug)
    response = selectors.candidate_response(request.user, phase)
    if request.method != "POST":
        journal.record(request.user, journal.Action.ANSWERS_VIEWED, candidate=request.user, obj=phase)
        return _render(request, phase, response, AnswerForm(phase=phase, answers=response.answers))

    action = request.POST.get("action", "save")
    if action == "reopen":
        services.response_reopen(candidate=request.user, phase=phase)
        messages.success(request, _("La phase est rouverte : vous pouvez modifier vos réponses."))
        return redirect("phase_answer", slug=slug)
    return _save(request, phase, response, complete=action == "complete")


def _save(request, phase, response, *, complete: bool):
    """*Enregistrer* or *Marquer comme terminée*: the draft is saved first in both cases."""
    form = AnswerForm(request.POST, phase=phase, answers=response.answers)
    if not form.is_valid():
        return _render(request, phase, response, form, version=_posted_version(request), status=400)
    try:
        response = services.response_save(
            candidate=request.user, phase=phase, answers=form.cleaned_answers(), version=_posted_version(request)
        )
    except services.StaleVersion as stale:
        messages.error(request, STALE_MESSAGE)
        return _render(request, phase, response, form, version=stale.current_version, status=409)
    except services.PhaseFinished:
        messages.error(request, FINISHED_MESSAGE)
        return redirect("phase_answer", slug=phase.slug)
    journal.record(request.user, journal.Action.ANSWERS_SAVED, candidate=request.user, obj=phase)
    if not complete:
        messages.success(request, _("Vos réponses sont enregistrées."))
        return redirect("phase_answer", slug=phase.slug)

    missing = services.response_complete(candidate=request.user, phase=phase)
    if missing:
        for child in missing:
            form.add_error(child.id, _("Répondez à cette question pour terminer la phase."))
        messages.warning(request, INCOMPLETE_MESSAGE)
        return _render(request, phase, response, form, status=400)
    messages.success(request, _("Phase « %(title)s » terminée. Bravo !") % {"title": phase.title})
    return redirect("dashboard")


@require_POST
@candidate_required
def phase_autosave(request, slug):
    """Background save while typing. Answers JSON; the page keeps the text whatever happens."""
    phase = selectors.candidate_phase(request.user, slug)
    response = selectors.candidate_response(request.user, phase)
    form = AnswerForm(request.POST, phase=phase, answers=response.answers)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"error": _("Certaines réponses ne sont pas valides."), "errors": errors}, status=400)
    try:
        response = services.response_save(
            candidate=request.user,
            phase=phase,
            answers=form.cleaned_answers(),
            version=_posted_version(request),
            save_id=_posted_save_id(request),
        )
    except services.StaleVersion as stale:
        return JsonResponse({"error": STALE_MESSAGE, "version": stale.current_version}, status=409)
    except services.PhaseFinished:
        return JsonResponse({"error": FINISHED_MESSAGE}, status=409)
    journal.record(request.user, journal.Action.ANSWERS_SAVED, candidate=request.user, obj=phase)
    answered, total = phase.progress(response.answers)
    return JsonResponse(
        {
            "version": response.version,
            "saved_at": time_format(timezone.localtime(response.updated_at), "H:i"),
            "status": PhaseResponse.Status(response.status).label,
            "answered": answered,
            "total": total,
        }
    )
