"""The dossier's screens. The candidate's phase screen: answer, save a draft, autosave, finish, reopen.
The counsellor's: *Ajouter un candidat* and the dossier's edit page, *Consulter son compte*, the phase
tabs *Voir* / *Modifier* / *Supprimer*, and *Supprimer son compte*."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from phases.forms import AnswerForm

from ..access import candidate_required, counsellor_required
from ..accounts.emails import send_account_created
from ..aftercare.services import dossier_close_with_aftercare
from ..attestations.selectors import dossier_attestations
from ..followup.selectors import dossier_followup, followup_shown_answers
from ..forms import ConfirmForm, add_service_errors
from ..navigation import candidate_trail, here, trail
from ..orientation.selectors import orientation_of, own_dossier
from ..synthesis.models import Synthesis
from . import selectors, services
from .forms import CandidateForm, CloseForm, FollowUpForm
from .models import PhaseResponse

STALE_MESSAGE = gettext_lazy(
    "Ces réponses ont été modifiées ailleurs (dans un autre onglet, ou effacées par votre conseiller) "
    "depuis l'ouverture de la page. Votre saisie n'a pas été enregistrée : elle est conservée ci-dessous. "
    "Vérifiez-la, puis cliquez à nouveau sur « Enregistrer » pour la garder."
)
INCOMPLETE_MESSAGE = gettext_lazy(
    "Vos réponses sont enregistrées, mais des questions obligatoires restent sans réponse."
)
FINISHED_MESSAGE = gettext_lazy("Cette phase est terminée : rouvrez-la pour modifier vos réponses.")
NOT_NOTIFIED = gettext_lazy("Le candidat n'a pas pu être prévenu du commentaire par courriel : pensez à le lui dire.")
ACCOUNT_NOT_NOTIFIED = gettext_lazy(
    "Le compte est créé, mais le courriel de notification n'a pas pu être envoyé. Prévenez le candidat."
)


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
        "answered_questions": response.shown_answers(phase),
        "progress": phase.progress(response.answers),
        "breadcrumb": trail(here(phase.title)),
        # What the phase's « Métiers à explorer » and « L'écart » blocks show: computed if they are there.
        "orientation": SimpleLazyObject(lambda: orientation_of(own_dossier(request.user))),
    }
    return render(request, "candidates/dossiers/phase_answer.html", context, status=status)


@require_http_methods(["GET", "POST"])
@candidate_required
def phase_answer(request, slug):
    phase = selectors.candidate_phase(request.user, slug)
    response = selectors.candidate_response(request.user, phase)
    if request.method != "POST":
        services.answers_consulted(actor=request.user, phase=phase)
        return _render(request, phase, response, AnswerForm(phase=phase, answers=response.answers))

    action = request.POST.get("action", "save")
    if action == "reopen":
        services.response_reopen(candidate=request.user, phase=phase)
        messages.success(request, _("La phase est rouverte : vous pouvez modifier vos réponses."))
        return redirect("dossiers:phase_answer", slug=slug)
    return _save(request, phase, response, complete=action == "complete", search=action == "search")


def _save(request, phase, response, *, complete: bool, search: bool = False):
    """*Enregistrer*, *Marquer comme terminée* or *Rechercher dans le ROME* (without JavaScript): the draft
    is saved first in all cases; a search comes back to the form with its results to tick."""
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
        return redirect("dossiers:phase_answer", slug=phase.slug)
    if search:
        searched = AnswerForm(phase=phase, answers=response.answers, searches=form.searches())
        return _render(request, phase, response, searched)
    if not complete:
        messages.success(request, _("Vos réponses sont enregistrées."))
        return redirect("dossiers:phase_answer", slug=phase.slug)

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


# The counsellor's side -----------------------------------------------------------------------------


def _render_candidate_form(request, form, title, dossier=None):
    breadcrumb = candidate_trail(dossier, here(_("Modifier le dossier"))) if dossier else trail(here(title))
    context = {"form": form, "title": title, "dossier": dossier, "breadcrumb": breadcrumb}
    return render(request, "candidates/dossiers/candidate_form.html", context, status=400 if form.errors else 200)


def _names(dossier) -> dict:
    return {"first_name": dossier.candidate.first_name, "last_name": dossier.candidate.last_name}


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_add(request):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CandidateForm(data, files, counsellor=request.user)
    if form.is_valid():
        try:
            dossier = services.candidate_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:  # committed: the e-mail can only announce an account that exists
            messages.success(request, _("Le compte de %(first_name)s %(last_name)s est créé.") % _names(dossier))
            if form.cleaned_data["notify"] and not send_account_created(dossier.candidate, request):
                messages.warning(request, ACCOUNT_NOT_NOTIFIED)
            return redirect("dossiers:candidate", dossier.pk)
    return _render_candidate_form(request, form, _("Ajouter un candidat"))


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_edit(request, pk):
    dossier = selectors.counsellor_dossier(request.user, pk)
    title = _("Modifier le dossier de %(first_name)s %(last_name)s") % _names(dossier)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CandidateForm(data, files, counsellor=request.user, dossier=dossier)
    if form.is_valid():
        try:
            services.candidate_update(actor=request.user, dossier=dossier, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le dossier de %(first_name)s %(last_name)s est enregistré.") % _names(dossier))
            if dossier.counsellor != request.user:  # handed over to a colleague: no longer in this list
                return redirect("dashboard")
            return redirect("dossiers:candidate", dossier.pk)
    return _render_candidate_form(request, form, title, dossier)


@require_safe
@counsellor_required
def candidate_account(request, pk):
    dossier = selectors.counsellor_dossier(request.user, pk)
    services.account_consulted(actor=request.user, dossier=dossier)
    modularisation = list(dossier.phases.order_by("path"))  # read once: the titles, and the phase rows
    attestations = list(dossier_attestations(dossier))  # all shown: their total needs no query
    followup = dossier_followup(dossier)
    context = {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "phase_rows": selectors.dossier_phase_rows(dossier, modularisation),
        "modularisation": modularisation,
        "comments": selectors.candidate_comments(dossier.candidate)[:10],
        "attestations": attestations,
        "attested": sum(attestation.duration_minutes for attestation in attestations),  # read: no query
        "synthesis": Synthesis.objects.filter(dossier=dossier).first(),
        "followup": followup,
        "followup_answers": followup_shown_answers(followup),
        "can_close": not dossier.closed_on and dossier.start_date <= timezone.localdate(),
        "orientation": orientation_of(dossier, modularisation),
        "breadcrumb": trail(here(dossier.candidate.get_full_name() or dossier.candidate.username)),
    }
    return render(request, "candidates/dossiers/counsellor_candidate.html", context)


def _phase_context(request, pk, slug, tab):
    dossier = selectors.counsellor_dossier(request.user, pk)
    phase = selectors.dossier_phase(dossier, slug)
    response = selectors.candidate_response(dossier.candidate, phase)
    return {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "phase": phase,
        "response": response,
        "tab": tab,
        "breadcrumb": _phase_trail(dossier, phase, tab),
    }


PHASE_TABS = {"modifier": gettext_lazy("Modifier"), "supprimer": gettext_lazy("Effacer le contenu")}


def _phase_trail(dossier, phase, tab):
    """… › the candidate › *the phase* (its *Voir* tab) › the other tab."""
    if tab not in PHASE_TABS:
        return candidate_trail(dossier, here(phase.title))
    view_url = reverse("dossiers:phase_view", args=[dossier.pk, phase.slug])
    return candidate_trail(dossier, (phase.title, view_url), here(str(PHASE_TABS[tab])))


@require_safe
@counsellor_required
def phase_view(request, pk, slug):
    """*Voir*: what the candidate entered, read-only."""
    context = _phase_context(request, pk, slug, "voir")
    services.answers_consulted(actor=request.user, dossier=context["dossier"], phase=context["phase"])
    context["answered_questions"] = context["response"].shown_answers(context["phase"])
    context["comments"] = selectors.phase_comments(context["dossier"], context["phase"])
    return render(request, "candidates/dossiers/counsellor_phase_view.html", context)


@require_http_methods(["GET", "POST"])
@counsellor_required
def phase_edit(request, pk, slug):
    """*Modifier*: post a comment to the candidate, keep private synthesis notes."""
    context = _phase_context(request, pk, slug, "modifier")
    dossier, phase = context["dossier"], context["phase"]
    note = selectors.synthesis_note(dossier, phase)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        initial={"notes": note.text},
        notified=dossier.candidate.notify_comments,
    )
    if request.method == "POST" and form.is_valid():
        follow_up = services.phase_follow_up(
            actor=request.user,
            dossier=dossier,
            phase=phase,
            notes=form.cleaned_data["notes"],
            comment=form.cleaned_data["comment"],
            absolute_url=request.build_absolute_uri,
        )
        if follow_up.comment:
            messages.success(request, _("Commentaire publié et notes enregistrées."))
            if not follow_up.notified:
                messages.warning(request, NOT_NOTIFIED)
        else:
            messages.success(request, _("Notes de synthèse enregistrées."))
        return redirect("dossiers:phase_edit", pk=dossier.pk, slug=phase.slug)
    services.answers_consulted(actor=request.user, dossier=dossier, phase=phase)
    context.update(form=form, comments=selectors.phase_comments(dossier, phase))
    return render(
        request, "candidates/dossiers/counsellor_phase_edit.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@counsellor_required
def phase_erase(request, pk, slug):
    """*Supprimer*: erase the phase's answers after a confirmation; the candidate starts it again."""
    context = _phase_context(request, pk, slug, "supprimer")
    dossier, phase = context["dossier"], context["phase"]
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.response_erase(actor=request.user, dossier=dossier, phase=phase)
        messages.success(request, _("Le contenu de la phase « %(title)s » est effacé.") % {"title": phase.title})
        return redirect("dossiers:phase_view", pk=dossier.pk, slug=phase.slug)
    context.update(form=form, answered=context["phase"].progress(context["response"].answers)[0])
    return render(
        request, "candidates/dossiers/counsellor_phase_erase.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_delete(request, pk):
    """*Supprimer son compte*, after a confirmation page that says what will be destroyed."""
    dossier = selectors.counsellor_dossier(request.user, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        name = dossier.candidate.get_full_name() or dossier.candidate.username
        services.candidate_delete(actor=request.user, dossier=dossier)
        messages.success(request, _("Le compte de %(name)s et toutes ses données sont supprimés.") % {"name": name})
        return redirect("dashboard")
    context = {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "form": form,
        "breadcrumb": candidate_trail(dossier, here(_("Supprimer le compte"))),
        **selectors.dossier_holdings(dossier),
    }
    return render(
        request, "candidates/dossiers/counsellor_candidate_delete.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_close(request, pk):
    """« Clore le bilan », after a confirmation that asks how it ended; the follow-up and the
    appreciation are scheduled at once."""
    dossier = selectors.counsellor_dossier(request.user, pk)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier_close_with_aftercare(
                actor=request.user, dossier=dossier, outcome=form.cleaned_data["outcome"], today=timezone.localdate()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le bilan de %(first_name)s %(last_name)s est clos.") % _names(dossier))
            return redirect("dossiers:candidate", dossier.pk)
    context = {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "form": form,
        "breadcrumb": candidate_trail(dossier, here(_("Clore le bilan"))),
    }
    return render(
        request, "candidates/dossiers/counsellor_candidate_close.html", context, status=400 if form.errors else 200
    )
