"""What the *Document de synthèse* is made of (`SynthesisContent`), read from the models for one dossier:
the input of the renderers in `synthesis.py`. Who may see the dossier is decided before (the views ask
`candidates.selectors`)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from candidates.models import Dossier, PhaseResponse, SharingConsent, Synthesis, SynthesisNote
from phases.models import PhasePage, PublishedPart
from phases.synthesis_sections import SynthesisSection


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
    phases: list[SynthesisPhase]  # the annex: the completed phases of the modularisation not left out, in order
    attested_minutes: int  # the hours of the dossier's attestations de présence
    observations: str  # the beneficiary's observations on the synthèse
    observations_at: datetime.datetime | None
    issued_on: datetime.date  # the publication date, or today for a draft
    # {SynthesisSection value: the counsellor's HTML (rich_text.TAGS)}, "" for a section not written
    sections: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SynthesisSection.values, ""))
    consents: list[SharingConsent] = field(default_factory=list)  # the active ones, oldest first
    sessions: list[datetime.date] = field(default_factory=list)  # the attested sessions' days, in order


def synthesis_content(dossier: Dossier, *, issued_on: datetime.date | None = None) -> SynthesisContent:
    """The synthèse of this dossier as of now, read in a fixed number of queries; `issued_on` is the date
    the document says it is made on (today by default)."""
    candidate = dossier.candidate
    done = {
        response.phase_id: response
        for response in PhaseResponse.objects.filter(candidate=candidate, status=PhaseResponse.Status.DONE)
    }
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    left_out = set(synthesis.left_out.values_list("pk", flat=True)) if synthesis else set()
    annexed = {phase_id: response for phase_id, response in done.items() if phase_id not in left_out}
    retirements = PublishedPart.retirements(annexed) if annexed else {}
    notes = dict(SynthesisNote.objects.filter(candidate=candidate).values_list("phase_id", "text"))
    sessions = list(dossier.attestations.order_by("start").values_list("start", "duration_minutes"))
    return SynthesisContent(
        dossier=dossier,
        phases=[
            SynthesisPhase(
                phase,
                annexed[phase.pk].shown_answers(phase, retirements.get(phase.pk, {})),
                notes.get(phase.pk, ""),
            )
            for phase in dossier.phases.order_by("path")
            if phase.pk in annexed
        ],
        attested_minutes=sum(minutes for _start, minutes in sessions),
        observations=synthesis.observations if synthesis else "",
        observations_at=synthesis.observations_at if synthesis else None,
        issued_on=issued_on or timezone.localdate(),
        sections={section.value: text for section, text in synthesis.sections()}
        if synthesis
        else dict.fromkeys(SynthesisSection.values, ""),
        consents=list(SharingConsent.objects.filter(dossier=dossier, revoked_at__isnull=True)),
        sessions=[timezone.localtime(start).date() for start, _minutes in sessions],
    )
