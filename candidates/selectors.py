"""Reads scoped to the person asking: what is not theirs is simply not found."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from phases.models import PhasePage

from .models import PhaseResponse, User


def candidate_phases(candidate: User):
    """The live phases of the candidate's modularisation, in the bilan's order."""
    return PhasePage.objects.live().filter(dossiers__candidate=candidate).order_by("path")


def candidate_phase(candidate: User, slug: str) -> PhasePage:
    return get_object_or_404(candidate_phases(candidate), slug=slug)


def candidate_response(candidate: User, phase: PhasePage) -> PhaseResponse:
    """The candidate's saved answers to the phase, or an empty, unsaved response."""
    return PhaseResponse.objects.filter(candidate=candidate, phase=phase).first() or PhaseResponse(
        candidate=candidate, phase=phase
    )


@dataclass
class PhaseRow:
    phase: PhasePage
    status: str
    status_label: str
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def candidate_phase_rows(candidate: User) -> list[PhaseRow]:
    """*LES PHASES DU BILAN*: each phase of the candidate with status and progress (two queries)."""
    responses = {r.phase_id: r for r in PhaseResponse.objects.filter(candidate=candidate)}
    rows = []
    for phase in candidate_phases(candidate):
        response = responses.get(phase.pk) or PhaseResponse(phase=phase)
        answered, total = phase.progress(response.answers)
        rows.append(PhaseRow(phase, response.status, response.get_status_display(), answered, total))
    return rows
