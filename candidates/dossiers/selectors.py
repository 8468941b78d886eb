"""Reads on dossiers, scoped to the person asking (`candidates.access`): what is not theirs is not found."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Q, Window
from django.http import Http404
from django.shortcuts import get_object_or_404

from phases.models import PhasePage, StructuredPhases
from portal.compiled_queries import PROBE_PK, CompiledOnce, ContainsPattern, numbered, probe_copy, probe_pks

from .. import access
from ..accounts.models import User
from ..files.models import PrivateFile
from .models import Comment, Dossier, PhaseResponse, SynthesisNote


def candidate_phases(candidate: User):
    """The live phases of the candidate's modularisation, in the bilan's order."""
    return PhasePage.objects.live().filter(dossiers__candidate=candidate).order_by("path")


# The phase page and the autosave read these two on every request: their SQL is compiled once per process.
_PHASE_OF_CANDIDATE = CompiledOnce(
    lambda job: candidate_phases(job[0]).filter(slug=job[1])[:2],
    lambda job: {"candidate": (User._meta.pk, job[0].pk), "slug": (CharField(), job[1])},
)
_RESPONSE_OF_CANDIDATE = CompiledOnce(
    lambda pks: PhaseResponse.objects.filter(candidate_id=pks[0], phase_id=pks[1]).order_by("pk")[:1],
    lambda pks: numbered("pk", User._meta.pk, pks),
)


def candidate_phase(candidate: User, slug: str) -> PhasePage:
    """A live phase of the candidate's modularisation; any other slug is a 404."""
    found = _PHASE_OF_CANDIDATE.fetch((candidate, slug), probe=(User(pk=PROBE_PK), f"sonde-{PROBE_PK}"), shape=())
    if not found:
        raise Http404("No phase of this candidate matches the given query.")
    if len(found) > 1:
        raise PhasePage.MultipleObjectsReturned
    return found[0]


def candidate_response(candidate: User, phase: PhasePage) -> PhaseResponse:
    """The candidate's saved answers to the phase, or an empty, unsaved response."""
    found = _RESPONSE_OF_CANDIDATE.fetch((candidate.pk, phase.pk), probe=probe_pks(2), shape=())
    return found[0] if found else PhaseResponse(candidate=candidate, phase=phase)


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


def _response_rows(job):
    candidate_ids, phase_ids = job
    return PhaseResponse.objects.filter(candidate_id__in=candidate_ids, phase_id__in=phase_ids).values_list(
        "pk", "candidate_id", "phase_id", "status", "answered", "answered_for"
    )


# The same SQL for every page of candidates of one length, over the same phases: compiled once per process.
_RESPONSE_ROWS = CompiledOnce(_response_rows, lambda job: numbered("candidate", User._meta.pk, job[0]))


def responses_progress(candidate_ids, structures) -> list[tuple[int, int, str, int]]:
    """(candidate id, phase id, status, answered questions) of these candidates' responses to the phases of
    `structures` ({phase pk: PhaseStructure}).

    The answers (kilobytes each) are not loaded: each response stores how many questions it answered
    when it was saved. A count made before the phase's questions were edited is counted again from
    its answers, read in a second query only when there is such a response (`recount_progress`
    updates them all)."""
    candidate_ids, phase_ids = list(candidate_ids), tuple(sorted(structures))
    rows = _RESPONSE_ROWS.fetch(
        (candidate_ids, phase_ids),
        probe=(probe_pks(len(candidate_ids)), phase_ids),
        shape=(len(candidate_ids), phase_ids),
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
    return [
        (candidate_id, phase_id, status, recounted.get(pk, answered))
        for pk, candidate_id, phase_id, status, answered, _for in rows
    ]


# The candidate's phases with their structure: the same SQL for every candidate, compiled once per process.
_CANDIDATE_PHASES = StructuredPhases(candidate_phases, lambda candidate: {"candidate": (User._meta.pk, candidate.pk)})


def candidate_phase_rows(candidate: User, phases=None) -> list[PhaseRow]:
    """*LES PHASES DU BILAN*: each phase of the candidate with status and progress (two queries; one
    when the caller has read the phases: `phases`, the live phases of the modularisation in order)."""
    phases = _CANDIDATE_PHASES.fetch(candidate, probe=User(pk=PROBE_PK)) if phases is None else phases
    responses = {
        phase_id: (status, answered)
        for _candidate, phase_id, status, answered in responses_progress(
            [candidate.pk], {phase.pk: phase.structure for phase in phases}
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


BENEFICIARIES_PER_PAGE = 20  # the counsellor's dashboard: *MES BÉNÉFICIAIRES*, a page at a time


def counsellor_dossiers(counsellor: User, search: str = ""):
    """All and only the dossiers this counsellor follows, with the last activity of each candidate and
    their attested time (subqueries, computed for the rows of the page only)."""
    dossiers = (
        access.followed_dossiers(counsellor)
        .select_related("candidate", "dabm")
        .with_attested_minutes()
        .with_last_activity()
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


def _search_words(job) -> dict:
    counsellor, words, *_window = job
    return {"counsellor": (User._meta.pk, counsellor.pk), **numbered("word", ContainsPattern(), words)}


# The first page, and a search of N words: the same SQL for every counsellor, compiled once per process.
_DOSSIERS_COUNT = CompiledOnce(
    lambda job: (
        counsellor_dossiers(job[0], " ".join(job[1]))
        .order_by()
        .annotate(total=Window(Count("pk")))
        .values_list("total", flat=True)[:1]
    ),
    _search_words,
)
_DOSSIERS_WINDOW = CompiledOnce(
    lambda job: counsellor_dossiers(job[0], " ".join(job[1]))[job[2] : job[3]], _search_words
)


class _CompiledList:
    """What `Paginator` reads of a list, its length and one slice: each one query compiled once per process."""

    def __init__(self, counsellor: User, search: str):
        self.job = (counsellor, search.split())
        self.probe = (
            probe_copy(counsellor, role=counsellor.role),
            [f"sonde{index}-{PROBE_PK}" for index in range(len(self.job[1]))],
        )
        self.shape = (access.follows_candidates(counsellor), len(self.job[1]))

    def __len__(self) -> int:
        found = _DOSSIERS_COUNT.fetch(self.job, probe=self.probe, shape=self.shape)
        return found[0] if found else 0

    def __getitem__(self, window: slice) -> list[Dossier]:
        job, probe = (*self.job, window.start, window.stop), (*self.probe, window.start, window.stop)
        return _DOSSIERS_WINDOW.fetch(job, probe=probe, shape=(*self.shape, window.start, window.stop))


def counsellor_dossiers_page(counsellor: User, search: str, number) -> Page:
    """A page of `counsellor_dossiers` (`number`: as `Paginator.get_page` takes it) and how many there are."""
    return Paginator(_CompiledList(counsellor, search), BENEFICIARIES_PER_PAGE).get_page(number)


def counsellor_dossier(counsellor: User, pk: int) -> Dossier:
    """One of the counsellor's dossiers; anybody else's is a 404."""
    dossier = get_object_or_404(access.followed_dossiers(counsellor).select_related("candidate", "dabm"), pk=pk)
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


_PHASE_LINKS = CompiledOnce(
    lambda ids: Dossier.phases.through.objects.filter(dossier_id__in=ids).values_list("dossier_id", "phasepage_id"),
    lambda ids: numbered("dossier", Dossier._meta.pk, ids),
)


def dossiers_progress(dossiers) -> dict[int, DossierProgress]:
    """Progress of each dossier over the live phases of its modularisation, in three queries whatever the
    number of dossiers, each compiled once per process: the links to the phases, the phases (their parsed
    questions are cached), and the status and count of answered questions of the responses
    (`responses_progress`)."""
    dossier_ids = [dossier.pk for dossier in dossiers]
    candidate_of = {dossier.pk: dossier.candidate_id for dossier in dossiers}
    progress = {pk: DossierProgress() for pk in dossier_ids}
    if not dossier_ids:
        return progress
    links = _PHASE_LINKS.fetch(dossier_ids, probe=probe_pks(len(dossier_ids)), shape=len(dossier_ids))
    structures = PhasePage.live_structures()
    responses = {
        (candidate_id, phase_id): (status, answered)
        for candidate_id, phase_id, status, answered in responses_progress(candidate_of.values(), structures)
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
