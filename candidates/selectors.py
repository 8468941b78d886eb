"""Reads scoped to the person asking: what is not theirs is simply not found."""

from dataclasses import dataclass

from django.db.models import Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from phases.models import PhasePage

from .models import Attestation, Comment, Dossier, PhaseResponse, Synthesis, SynthesisNote, User
from .permissions import is_administrator, is_candidate, is_counsellor


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


def candidate_comments(candidate: User):
    """*MES COMMENTAIRES*: the counsellor's comments to this candidate, newest first."""
    return Comment.objects.filter(candidate=candidate).select_related("phase", "author")


# Counsellor side -------------------------------------------------------------------------------


def counsellor_dossiers(counsellor: User, search: str = ""):
    """All and only the dossiers this counsellor follows, with the last activity of each candidate."""
    dossiers = (
        Dossier.objects.filter(counsellor=counsellor)
        .select_related("candidate", "dabm")
        .annotate(
            last_activity=Max("candidate__phase_responses__updated_at"),
            attested_minutes=Coalesce(
                Subquery(
                    Attestation.objects.filter(dossier=OuterRef("pk"))
                    .values("dossier")
                    .annotate(total=Sum("duration_minutes"))
                    .values("total")
                ),
                0,
            ),
        )
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )
    for word in search.split():
        dossiers = dossiers.filter(
            Q(candidate__last_name__icontains=word)
            | Q(candidate__first_name__icontains=word)
            | Q(candidate__username__icontains=word)
            | Q(candidate__email__icontains=word)
        )
    return dossiers


def counsellor_dossier(counsellor: User, pk: int) -> Dossier:
    """One of the counsellor's dossiers; anybody else's is a 404."""
    return get_object_or_404(Dossier.objects.filter(counsellor=counsellor).select_related("candidate", "dabm"), pk=pk)


def dossier_phase(dossier: Dossier, slug: str) -> PhasePage:
    """A phase of the dossier's modularisation (live or not: answers may remain on an unpublished one)."""
    return get_object_or_404(PhasePage.objects.filter(dossiers=dossier), slug=slug)


@dataclass
class DossierProgress:
    phases: int = 0
    done: int = 0
    answered: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def dossiers_progress(dossiers) -> dict[int, DossierProgress]:
    """Progress of each dossier over its phases, in three queries whatever the number of dossiers."""
    dossier_ids = [dossier.pk for dossier in dossiers]
    candidate_of = {dossier.pk: dossier.candidate_id for dossier in dossiers}
    links = Dossier.phases.through.objects.filter(dossier_id__in=dossier_ids).values_list("dossier_id", "phasepage_id")
    phases = {phase.pk: phase for phase in PhasePage.objects.live()}
    responses = {
        (r.candidate_id, r.phase_id): r
        for r in PhaseResponse.objects.filter(candidate_id__in=candidate_of.values()).only(
            "candidate_id", "phase_id", "status", "answers"
        )
    }
    progress = {pk: DossierProgress() for pk in dossier_ids}
    for dossier_id, phase_id in links:
        phase = phases.get(phase_id)
        if phase is None:
            continue
        row = progress[dossier_id]
        response = responses.get((candidate_of[dossier_id], phase_id))
        answered, total = phase.progress(response.answers if response else {})
        row.phases += 1
        row.done += bool(response and response.status == PhaseResponse.Status.DONE)
        row.answered += answered
        row.total += total
    return progress


def dossier_phase_rows(dossier: Dossier) -> list[PhaseRow]:
    """The phases of a dossier with the candidate's status and progress, for the counsellor."""
    return candidate_phase_rows(dossier.candidate)


def phase_comments(dossier: Dossier, phase: PhasePage):
    return Comment.objects.filter(candidate=dossier.candidate, phase=phase).select_related("author")


def synthesis_note(dossier: Dossier, phase: PhasePage) -> SynthesisNote:
    return SynthesisNote.objects.filter(candidate=dossier.candidate, phase=phase).first() or SynthesisNote(
        candidate=dossier.candidate, phase=phase
    )


def dossier_holdings(dossier: Dossier) -> dict:
    """What deleting this dossier destroys, counted for the confirmation page."""
    candidate = dossier.candidate
    return {
        "responses_count": PhaseResponse.objects.filter(candidate=candidate).exclude(answers={}).count(),
        "comments_count": Comment.objects.filter(candidate=candidate).count(),
        "notes_count": SynthesisNote.objects.filter(candidate=candidate).exclude(text="").count(),
    }


# Attestations de présence ---------------------------------------------------------------------


def attestations_for(user: User):
    """The attestations this person may see: a counsellor's own candidates', or a candidate's own."""
    attestations = Attestation.objects.select_related("dossier__candidate", "dossier__dabm", "dossier__counsellor")
    if is_counsellor(user):
        return attestations.filter(dossier__counsellor=user)
    if is_candidate(user):
        return attestations.filter(dossier__candidate=user)
    return attestations.none()


def attestation_for(user: User, pk: int) -> Attestation:
    return get_object_or_404(attestations_for(user), pk=pk)


def attested_minutes(dossier: Dossier) -> int:
    return dossier.attestations.aggregate(total=Sum("duration_minutes"))["total"] or 0


def dossier_attestations(dossier: Dossier):
    return dossier.attestations.select_related("counsellor").order_by("-start")


@dataclass
class AttestationFilters:
    dossier: int | None = None
    month: str = ""  # "2026-03"

    @classmethod
    def from_query(cls, query) -> "AttestationFilters":
        dossier = query.get("candidat", "")
        month = query.get("mois", "")
        valid_month = len(month) == 7 and month[4] == "-" and month.replace("-", "").isdigit()
        return cls(dossier=int(dossier) if dossier.isdigit() else None, month=month if valid_month else "")

    def query_prefix(self) -> str:
        parts = [f"candidat={self.dossier}" if self.dossier else "", f"mois={self.month}" if self.month else ""]
        return "".join(f"{part}&" for part in parts if part)


def counsellor_attestations(counsellor: User, filters: AttestationFilters):
    attestations = attestations_for(counsellor).select_related("counsellor").order_by("-start")
    if filters.dossier:
        attestations = attestations.filter(dossier_id=filters.dossier)
    if filters.month:
        year, month = (int(part) for part in filters.month.split("-"))
        attestations = attestations.filter(start__year=year, start__month=month)
    return attestations


def attestation_months(counsellor: User) -> list[str]:
    """The months in which this counsellor's candidates have attestations, newest first ("2026-03")."""
    months = attestations_for(counsellor).dates("start", "month", order="DESC")
    return [f"{month:%Y-%m}" for month in months]


# Document de synthèse --------------------------------------------------------------------------


def synthesis_dossier(user: User, pk: int) -> Dossier:
    """The dossier whose synthèse this person may generate or read: their own (candidate), one they
    follow (counsellor), any (administrator). Anyone else: 404."""
    dossiers = Dossier.objects.select_related("candidate", "counsellor", "dabm")
    if is_candidate(user):
        dossiers = dossiers.filter(candidate=user)
    elif is_counsellor(user):
        dossiers = dossiers.filter(counsellor=user)
    elif not is_administrator(user):
        dossiers = dossiers.none()
    return get_object_or_404(dossiers, pk=pk)


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
    done = {
        r.phase_id: r
        for r in PhaseResponse.objects.filter(candidate=candidate, status=PhaseResponse.Status.DONE)
    }
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
        attested_minutes=attested_minutes(dossier),
        observations=synthesis.observations if synthesis else "",
        observations_at=synthesis.observations_at if synthesis else None,
        issued_on=issued_on or timezone.localdate(),
    )
