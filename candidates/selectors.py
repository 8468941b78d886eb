"""Reads scoped to the person asking: what is not theirs is simply not found."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from phases.models import PhasePage

from . import query_params
from .models import (
    Appointment,
    Attestation,
    CalendarFeed,
    Comment,
    Dossier,
    PhaseResponse,
    PrivateFile,
    Synthesis,
    SynthesisNote,
    User,
)
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


def responses_progress(responses, structures) -> list[tuple[int, int, str, int]]:
    """(candidate id, phase id, status, answered questions) of these responses to the phases of
    `structures` ({phase pk: PhaseStructure}).

    The answers (kilobytes each) are not loaded: each response stores how many questions it answered
    when it was saved. A count made before the phase's questions were edited is counted again from
    its answers, read in a second query only when there is such a response (`recount_progress`
    updates them all)."""
    rows = list(
        responses.filter(phase_id__in=structures).values_list(
            "pk", "candidate_id", "phase_id", "status", "answered", "answered_for"
        )
    )
    stale = [row[0] for row in rows if row[5] != structures[row[2]].digest]
    recounted = {}
    if stale:
        recounted = {
            pk: structures[phase_id].answered(answers)
            for pk, phase_id, answers in PhaseResponse.objects.filter(pk__in=stale).values_list(
                "pk", "phase_id", "answers"
            )
        }
    return [(candidate_id, phase_id, status, recounted.get(pk, answered))
            for pk, candidate_id, phase_id, status, answered, _for in rows]


def candidate_phase_rows(candidate: User, phases=None) -> list[PhaseRow]:
    """*LES PHASES DU BILAN*: each phase of the candidate with status and progress (two queries; one
    when the caller has read the phases: `phases`, the live phases of the modularisation in order)."""
    phases = list(candidate_phases(candidate)) if phases is None else phases
    responses = {
        phase_id: (status, answered)
        for _candidate, phase_id, status, answered in responses_progress(
            PhaseResponse.objects.filter(candidate=candidate), {phase.pk: phase.structure for phase in phases}
        )
    }
    rows = []
    for phase in phases:
        status, answered = responses.get(phase.pk, (PhaseResponse.Status.NOT_STARTED, 0))
        status_label = PhaseResponse.Status(status).label
        rows.append(PhaseRow(phase, status, status_label, answered, len(phase.question_children)))
    return rows


def candidate_comments(candidate: User):
    """*MES COMMENTAIRES*: the counsellor's comments to this candidate, newest first (with the phase's
    title, not its questions)."""
    return (
        Comment.objects.filter(candidate=candidate)
        .select_related("phase", "author")
        .defer("phase__questions", "phase__introduction")
    )


# Counsellor side -------------------------------------------------------------------------------


def counsellor_dossiers(counsellor: User, search: str = ""):
    """All and only the dossiers this counsellor follows, with the last activity of each candidate.

    Both figures are subqueries, not a join with GROUP BY: the paginator's COUNT drops them, and the
    database computes them for the rows of the page only."""
    dossiers = (
        Dossier.objects.filter(counsellor=counsellor)
        .select_related("candidate", "dabm")
        .annotate(
            last_activity=Subquery(
                PhaseResponse.objects.filter(candidate=OuterRef("candidate"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
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
    dossiers = Dossier.objects.filter(counsellor=counsellor).select_related("candidate", "dabm")
    dossier = get_object_or_404(dossiers, pk=pk)
    dossier.counsellor = counsellor  # theirs: no query to read them again
    return dossier


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
    """Progress of each dossier over the live phases of its modularisation, in three queries whatever the
    number of dossiers: the links to the phases, the phases (their parsed questions are cached), and the
    status and count of answered questions of the responses (`responses_progress`)."""
    dossier_ids = [dossier.pk for dossier in dossiers]
    candidate_of = {dossier.pk: dossier.candidate_id for dossier in dossiers}
    progress = {pk: DossierProgress() for pk in dossier_ids}
    if not dossier_ids:
        return progress
    links = Dossier.phases.through.objects.filter(dossier_id__in=dossier_ids).values_list("dossier_id", "phasepage_id")
    structures = PhasePage.live_structures()
    responses = {
        (candidate_id, phase_id): (status, answered)
        for candidate_id, phase_id, status, answered in responses_progress(
            PhaseResponse.objects.filter(candidate_id__in=candidate_of.values()), structures
        )
    }
    for dossier_id, phase_id in links:
        structure = structures.get(phase_id)
        if structure is None:
            continue
        row = progress[dossier_id]
        status, answered = responses.get((candidate_of[dossier_id], phase_id), (None, 0))
        row.phases += 1
        row.done += status == PhaseResponse.Status.DONE
        row.answered += answered
        row.total += len(structure.questions)
    return progress


def dossier_phase_rows(dossier: Dossier, modularisation=None) -> list[PhaseRow]:
    """The phases of a dossier with the candidate's status and progress, for the counsellor;
    `modularisation`: the dossier's phases in order, when the caller has read them."""
    phases = None if modularisation is None else [phase for phase in modularisation if phase.live]
    return candidate_phase_rows(dossier.candidate, phases)


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
        "files_count": PrivateFile.objects.filter(owner=candidate).count(),
    }


# Attestations de présence ---------------------------------------------------------------------


def attestations_for(user: User):
    """The attestations this person may see: a counsellor's own candidates', or a candidate's own."""
    attestations = Attestation.objects.select_related(
        "dossier__candidate", "dossier__dabm", "dossier__counsellor", "counsellor"
    )
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
        month = query.get("mois", "")
        valid_month = query_params.year_month(month) is not None
        return cls(dossier=query_params.positive_int(query.get("candidat")), month=month if valid_month else "")

    def query_prefix(self) -> str:
        parts = [f"candidat={self.dossier}" if self.dossier else "", f"mois={self.month}" if self.month else ""]
        return "".join(f"{part}&" for part in parts if part)


def counsellor_attestations(counsellor: User, filters: AttestationFilters):
    attestations = attestations_for(counsellor).select_related("counsellor").order_by("-start")
    if filters.dossier:
        attestations = attestations.filter(dossier_id=filters.dossier)
    if filters.month:
        year, month = query_params.year_month(filters.month)
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


def visible_person(user: User, pk: int) -> User:
    """Someone this person may see: themself, a counsellor's candidates, a candidate's counsellor."""
    people = User.objects.filter(pk=user.pk)
    if is_counsellor(user):
        people = User.objects.filter(Q(pk=user.pk) | Q(dossier__counsellor=user))
    elif is_candidate(user):
        people = User.objects.filter(Q(pk=user.pk) | Q(followed_dossiers__candidate=user))
    return get_object_or_404(people.distinct(), pk=pk)


# Mes fichiers ----------------------------------------------------------------------------------


def folders_for(user: User):
    """The people whose folder this person may open: their own, and a counsellor's candidates'."""
    if not (user.is_authenticated and user.is_active):
        return User.objects.none()
    people = Q(pk=user.pk)
    if is_counsellor(user):
        people |= Q(dossier__counsellor=user)
    return User.objects.filter(people)


def files_for(user: User):
    """The files of every folder this person may open, newest first."""
    return PrivateFile.objects.filter(owner__in=folders_for(user)).select_related("owner", "uploaded_by")


def private_file_for(user: User, pk: int) -> PrivateFile:
    return get_object_or_404(files_for(user), pk=pk)


def folder_files(user: User, owner: User):
    """The files of `owner`'s folder, as `user` may see them (nothing if it is not theirs to open)."""
    return files_for(user).filter(owner=owner).order_by("-created_at", "-pk")


def folder_used_bytes(owner: User) -> int:
    return PrivateFile.objects.filter(owner=owner).aggregate(total=Sum("size"))["total"] or 0


# Agenda (rendez-vous) --------------------------------------------------------------------------


def appointments_for(user: User):
    """The rendez-vous this person may see: those of a counsellor's candidates, or a candidate's own."""
    appointments = Appointment.objects.select_related(
        "dossier__candidate", "dossier__dabm", "counsellor", "phase"
    ).order_by("start", "pk")
    if is_counsellor(user):
        return appointments.filter(dossier__counsellor=user)
    if is_candidate(user):
        return appointments.filter(dossier__candidate=user)
    return appointments.none()


def appointment_for(user: User, pk: int) -> Appointment:
    return get_object_or_404(appointments_for(user), pk=pk)


def upcoming_appointments(user: User, limit: int = 10):
    """The rendez-vous not yet over, soonest first (cancelled ones included: they are shown as such)."""
    return appointments_for(user).filter(end__gte=timezone.now())[:limit]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def week_appointments(user: User, monday: datetime.date):
    """The rendez-vous starting in the week (Monday to Sunday, Europe/Paris) that begins on `monday`."""
    return appointments_for(user).filter(
        start__gte=_local_midnight(monday), start__lt=_local_midnight(monday + datetime.timedelta(days=7))
    )


FEED_PAST_DAYS = 30


def feed_user(token: str) -> User:
    """The person whose subscription address this is; a revoked or unknown address is a 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token, user__is_active=True)
    return feed.user


def feed_appointments(user: User):
    """What a subscribed calendar shows: the rendez-vous still held, upcoming or of the last 30 days."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return appointments_for(user).filter(cancelled_at__isnull=True, end__gte=since)


def calendar_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
