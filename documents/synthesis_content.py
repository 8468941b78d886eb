"""What the *Document de synthèse* is made of (`SynthesisContent`), read from the models for one dossier:
the input of the renderers in `synthesis.py`. Who may see the dossier is decided before (the views ask
`candidates.selectors`)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from candidates.models import Dossier, PhaseResponse, Synthesis, SynthesisNote
from phases.models import PhasePage, PublishedPart


@dataclass
class SynthesisPhase:
    """One completed phase: its questions with their answers, and what the counsellor noted on it."""

    phase: PhasePage
    answers: list  # ShownAnswers (phases/history.py) from PhasePage.answered_questions, for document_answer
    notes: str  # the counsellor's synthesis notes on this phase


@dataclass
class SynthesisContent:
    """Everything the synthèse shows; the renderers read nothing else (no query of their own)."""

    dossier: Dossier
    phases: list[SynthesisPhase]  # the completed phases of the modularisation, in the bilan's order
    attested_minutes: int  # the hours of the dossier's attestations de présence
    observations: str  # the beneficiary's observations on the synthèse
    observations_at: datetime.datetime | None
    issued_on: datetime.date  # the publication date, or today for a draft


def synthesis_content(dossier: Dossier, *, issued_on: datetime.date | None = None) -> SynthesisContent:
    """The synthèse of this dossier as of now, read in a fixed number of queries; `issued_on` is the date
    the document says it is made on (today by default)."""
    candidate = dossier.candidate
    done = {
        response.phase_id: response
        for response in PhaseResponse.objects.filter(candidate=candidate, status=PhaseResponse.Status.DONE)
    }
    retirements = PublishedPart.retirements(done)
    notes = dict(SynthesisNote.objects.filter(candidate=candidate).values_list("phase_id", "text"))
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    return SynthesisContent(
        dossier=dossier,
        phases=[
            SynthesisPhase(
                phase, done[phase.pk].shown_answers(phase, retirements.get(phase.pk, {})), notes.get(phase.pk, "")
            )
            for phase in dossier.phases.order_by("path")
            if phase.pk in done
        ],
        attested_minutes=dossier.attestations.total_minutes(),
        observations=synthesis.observations if synthesis else "",
        observations_at=synthesis.observations_at if synthesis else None,
        issued_on=issued_on or timezone.localdate(),
    )
