"""The counsellor's follow-up of a beneficiary: *Consulter son compte*, the phase tabs
*Voir* / *Modifier* / *Supprimer*, and *Supprimer son compte*."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from .. import emails, journal, selectors, services
from ..forms import ConfirmForm, FollowUpForm
from ..models import Synthesis
from ..permissions import counsellor_required

NOT_NOTIFIED = gettext_lazy("Le candidat n'a pas pu être prévenu du commentaire par courriel : pensez à le lui dire.")


@require_safe
@counsellor_required
def candidate_account(request, pk):
    dossier = selectors.counsellor_dossier(request.user, pk)
    journal.record(request.user, journal.Action.ACCOUNT_VIEWED, dossier=dossier, obj=dossier)
    modularisation = list(dossier.phases.order_by("path"))  # read once: the titles, and the phase rows
    attestations = list(selectors.dossier_attestations(dossier))  # all shown: their total needs no query
    context = {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "phase_rows": selectors.dossier_phase_rows(dossier, modularisation),
        "modularisation": modularisation,
        "comments": selectors.candidate_comments(dossier.candidate)[:10],
        "attestations": attestations,
        "attested": sum(attestation.duration_minutes for attestation in attestations),
        "synthesis": Synthesis.objects.filter(dossier=dossier).first(),
    }
    return render(request, "candidates/counsellor_candidate.html", context)


def _phase_context(request, pk, slug, tab):
    dossier = selectors.counsellor_dossier(request.user, pk)
    phase = selectors.dossier_phase(dossier, slug)
    response = selectors.candidate_response(dossier.candidate, phase)
    return {"dossier": dossier, "candidate": dossier.candidate, "phase": phase, "response": response, "tab": tab}


@require_safe
@counsellor_required
def phase_view(request, pk, slug):
    """*Voir*: what the candidate entered, read-only."""
    context = _phase_context(request, pk, slug, "voir")
    journal.record(request.user, journal.Action.ANSWERS_VIEWED, dossier=context["dossier"], obj=context["phase"])
    context["answered_questions"] = context["phase"].answered_questions(context["response"].answers)
    context["comments"] = selectors.phase_comments(context["dossier"], context["phase"])
    return render(request, "candidates/counsellor_phase_view.html", context)


@require_http_methods(["GET", "POST"])
@counsellor_required
def phase_edit(request, pk, slug):
    """*Modifier*: post a comment to the candidate, keep private synthesis notes."""
    context = _phase_context(request, pk, slug, "modifier")
    dossier, phase = context["dossier"], context["phase"]
    note = selectors.synthesis_note(dossier, phase)
    form = FollowUpForm(request.POST if request.method == "POST" else None, initial={"notes": note.text})
    if request.method == "POST" and form.is_valid():
        services.synthesis_note_save(dossier=dossier, phase=phase, text=form.cleaned_data["notes"])
        journal.record(request.user, journal.Action.NOTE_SAVED, dossier=dossier, obj=phase)
        if form.cleaned_data["comment"].strip():
            comment = services.comment_create(
                author=request.user, dossier=dossier, phase=phase, text=form.cleaned_data["comment"]
            )
            journal.record(request.user, journal.Action.COMMENT_ADDED, dossier=dossier, obj=comment)
            messages.success(request, _("Commentaire publié et notes enregistrées."))
            if not emails.send_comment_posted(comment, request):
                messages.warning(request, NOT_NOTIFIED)
        else:
            messages.success(request, _("Notes de synthèse enregistrées."))
        return redirect("counsellor_phase_edit", pk=dossier.pk, slug=phase.slug)
    journal.record(request.user, journal.Action.ANSWERS_VIEWED, dossier=dossier, obj=phase)
    context.update(form=form, comments=selectors.phase_comments(dossier, phase))
    return render(request, "candidates/counsellor_phase_edit.html", context, status=400 if form.errors else 200)


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
        return redirect("counsellor_phase_view", pk=dossier.pk, slug=phase.slug)
    context.update(form=form, answered=context["phase"].progress(context["response"].answers)[0])
    return render(request, "candidates/counsellor_phase_erase.html", context, status=400 if form.errors else 200)


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
    context = {"dossier": dossier, "candidate": dossier.candidate, "form": form, **selectors.dossier_holdings(dossier)}
    return render(request, "candidates/counsellor_candidate_delete.html", context, status=400 if form.errors else 200)
