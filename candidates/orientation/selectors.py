"""Reads for *Mes métiers*: a dossier's ROME profile (its answers to the ROME blocks), the jobs the
référentiel suggests from it, and the gap to each envisaged job. Dossiers come from the access gate:
a candidate's own (`own_dossier`), a counsellor's followed ones (`dossiers.selectors`)."""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from phases.rome_blocks import RomeProfile, interest_chart
from phases.rome_profile import rome_profile
from skills.gap import fiche_gap
from skills.suggestions import suggest

from .. import access
from ..accounts.models import User
from ..dossiers.models import Dossier, PhaseResponse
from .models import DismissedSuggestion


@dataclass
class JobGap:
    job: object  # the envisaged job (phases.rome_blocks.ShownItem)
    gap: object  # skills.gap.Gap, or None when the job's fiche is no longer in the référentiel


@dataclass
class Orientation:
    """Everything *Mes métiers*, the phases' ROME blocks and the dossier page show."""

    profile: RomeProfile
    chart: object = None  # phases.rome_blocks.InterestChart
    suggestions: list = field(default_factory=list)  # skills.suggestions.Suggestion, ten at most
    gaps: list = field(default_factory=list)  # JobGap, one per envisaged job
    dismissed: list = field(default_factory=list)  # DismissedSuggestion

    @property
    def has_material(self) -> bool:
        """Whether the candidate has said anything suggestions start from."""
        profile = self.profile
        return bool(profile.competence_codes or profile.jobs_held or profile.jobs_considered)


def own_dossier(candidate: User) -> Dossier:
    return get_object_or_404(access.dossiers_for(candidate), candidate=candidate)


def dossier_answers(dossier: Dossier, modularisation=None) -> list[tuple]:
    """(phase, answers) of the dossier's live phases, in the bilan's order; `modularisation`: the
    dossier's phases in order, when the caller has read them."""
    if modularisation is None:
        modularisation = dossier.phases.order_by("path")
    phases = [phase for phase in modularisation if phase.live]
    answers = dict(
        PhaseResponse.objects.filter(candidate_id=dossier.candidate_id, phase__in=phases).values_list(
            "phase_id", "answers"
        )
    )
    return [(phase, answers.get(phase.pk) or {}) for phase in phases]


def dossier_profile(dossier: Dossier, modularisation=None) -> RomeProfile:
    return rome_profile(dossier_answers(dossier, modularisation))


def job_gaps(profile: RomeProfile) -> list[JobGap]:
    """The gap to each envisaged job, in the candidate's order."""
    have = profile.competence_codes
    return [JobGap(job, fiche_gap(job.fiche, have)) for job in profile.jobs_considered if job.fiche]


def orientation_of(dossier: Dossier, modularisation=None) -> Orientation:
    profile = dossier_profile(dossier, modularisation)
    dismissed = list(dossier.dismissed_suggestions.all())
    suggestions = suggest(
        competences=profile.competence_codes,
        profile=profile.interests,
        held=[job.fiche for job in profile.jobs_held if job.fiche],
        considered=[job.fiche for job in profile.jobs_considered if job.fiche],
        # Neither what they dismissed nor the jobs they held (their neighbours are suggested, « proches »).
        exclude=[item.fiche_code for item in dismissed] + [job.fiche for job in profile.jobs_held if job.fiche],
    )
    return Orientation(profile, interest_chart(profile.interests), suggestions, job_gaps(profile), dismissed)


def dismissed_suggestion(dossier: Dossier, fiche_code: str) -> DismissedSuggestion:
    return get_object_or_404(DismissedSuggestion, dossier=dossier, fiche_code=fiche_code)
