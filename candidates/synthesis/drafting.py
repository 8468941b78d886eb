"""The *Synthèse* screen: the counsellor (or an administrator) writes the four sections of the document
de synthèse beside the material they come from, chooses the phases of the annex, and saves the draft
(« Enregistrer le brouillon », or the autosave while typing, with the same guarantees as the phases')."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import access
from ..dossiers.services import StaleVersion
from ..forms import add_service_errors
from ..navigation import candidate_trail, here, trail
from . import services
from .forms import SECTION_HINTS, SynthesisForm
from .material import dossier_material
from .models import Synthesis, communicable_to
from .selectors import finished_phases, sharing_consents, synthesis_dossier

STALE_MESSAGE = gettext_lazy(
    "Cette synthèse a été modifiée ailleurs (dans un autre onglet, ou par une autre personne) depuis "
    "l'ouverture de la page. Votre texte n'a pas été enregistré : il est conservé ci-dessous. "
    "Vérifiez-le, puis cliquez à nouveau sur « Enregistrer le brouillon » pour le garder."
)


# The dossier's counsellor and administrators (`synthesis_dossier` then finds only theirs); anyone else: 404.
drafts_required = access.required(access.can_read_synthesis_drafts)


def _synthesis(dossier) -> Synthesis:
    return Synthesis.objects.filter(dossier=dossier).prefetch_related("left_out", "versions").first() or Synthesis(
        dossier=dossier
    )


def _initial(synthesis: Synthesis, completed) -> dict:
    left_out = {phase.pk for phase in synthesis.left_out.all()} if synthesis.pk else set()
    return {
        **{section.value: text for section, text in synthesis.sections()},
        "annex": [str(phase.pk) for phase in completed if phase.pk not in left_out],
        "version": synthesis.version,
    }


def _save(request, dossier, form) -> Synthesis:
    """The service's save of the valid `form` (StaleVersion, ValidationError are the caller's)."""
    return services.synthesis_save(
        actor=request.user,
        dossier=dossier,
        sections=form.sections(),
        left_out=form.left_out(),
        version=form.cleaned_data["version"],
        save_id=form.cleaned_data["save_id"],
    )


def _render(request, dossier, synthesis, material, form, status=200):
    candidate = dossier.candidate
    title = _("Synthèse de %(name)s") % {"name": candidate.get_full_name() or candidate.username}
    crumb = here(_("Synthèse"))
    context = {
        "dossier": dossier,
        "candidate": candidate,
        "synthesis": synthesis,
        "title": title,
        "form": form,
        "sections": [
            (field, SECTION_HINTS[found.section], found)
            for field, found in zip(form.section_fields(), material.sections, strict=True)
        ],
        "versions": list(synthesis.versions.all()) if synthesis.pk else [],
        "can_publish": access.can_publish_synthesis(request.user),
        "communicable": communicable_to(sharing_consents(dossier)),
        "breadcrumb": candidate_trail(dossier, crumb) if access.follows_candidates(request.user) else trail(crumb),
    }
    return render(request, "candidates/synthesis/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@drafts_required
def synthesis_edit(request, pk):
    """The screen (GET), and « Enregistrer le brouillon » (POST)."""
    dossier = synthesis_dossier(request.user, pk)
    synthesis, material = _synthesis(dossier), dossier_material(dossier)
    if request.method != "POST":
        form = SynthesisForm(initial=_initial(synthesis, material.completed), completed=material.completed)
        return _render(request, dossier, synthesis, material, form)
    form = SynthesisForm(request.POST, completed=material.completed)
    if not form.is_valid():
        return _render(request, dossier, synthesis, material, form, status=400)
    try:
        _save(request, dossier, form)
    except StaleVersion as stale:
        messages.error(request, STALE_MESSAGE)
        data = request.POST.copy()
        data["version"] = stale.current_version  # « Enregistrer le brouillon » again keeps this text
        form = SynthesisForm(data, completed=material.completed)
        return _render(request, dossier, synthesis, material, form, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render(request, dossier, synthesis, material, form, status=400)
    messages.success(request, _("Le brouillon de la synthèse est enregistré."))
    return redirect("synthesis:edit", dossier.pk)


@require_POST
@drafts_required
def synthesis_autosave(request, pk):
    """The editor's background save. Answers JSON; the page keeps the text whatever happens."""
    dossier = synthesis_dossier(request.user, pk)
    form = SynthesisForm(request.POST, completed=finished_phases(dossier))
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"error": _("Le brouillon n'a pas pu être enregistré."), "errors": errors}, status=400)
    try:
        synthesis = _save(request, dossier, form)
    except StaleVersion as stale:
        return JsonResponse({"error": str(STALE_MESSAGE), "version": stale.current_version}, status=409)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    saved_at = time_format(timezone.localtime(synthesis.updated_at), "H:i")
    return JsonResponse({"version": synthesis.version, "saved_at": saved_at})
