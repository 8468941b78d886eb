"""The input of the document de synthèse (TEMPORARY: replaced by the block-answers branch)."""

from dataclasses import dataclass

from django.utils import timezone

from candidates.models import Dossier, PhaseResponse, Synthesis, SynthesisNote
from phases.models import PhasePage


@dataclass
class SynthesisPhase:
    phase: PhasePage
    answers: list  # [(stream child, display data)] as PhasePage.answered_questions gives them
    notes: str  # the counsellor's synthesis notes on this phase


@dataclass
class SynthesisContent:
    dossier: Dossier
    phases: list[SynthesisPhase]  # the completed phases of the modularisation, in the bilan's order
    attested_minutes: int
    observations: str
    observations_at: object  # datetime or None
    issued_on: object  # date: the publication date, or today for a draft


def synthesis_content(dossier: Dossier, *, issued_on=None) -> SynthesisContent:
    """Everything the document de synthèse shows, read in a fixed number of queries."""
    candidate = dossier.candidate
    done = {r.phase_id: r for r in PhaseResponse.objects.filter(candidate=candidate, status=PhaseResponse.Status.DONE)}
    notes = dict(SynthesisNote.objects.filter(candidate=candidate).values_list("phase_id", "text"))
    phases = [
        SynthesisPhase(phase, phase.answered_questions(done[phase.pk].answers), notes.get(phase.pk, ""))
        for phase in dossier.phases.order_by("path")
        if phase.pk in done
    ]
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    return SynthesisContent(
        dossier=dossier,
        phases=phases,
        attested_minutes=dossier.attestations.total_minutes(),
        observations=synthesis.observations if synthesis else "",
        observations_at=synthesis.observations_at if synthesis else None,
        issued_on=issued_on or timezone.localdate(),
    )
