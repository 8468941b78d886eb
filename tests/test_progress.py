"""Progress read by lists without loading the answers: the count stored with each response, and the
database's own count (phases/progress.py) when the phase's questions changed since; both must say
exactly what `PhasePage.progress` says. Runs on SQLite and on PostgreSQL (make test-postgres)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates import selectors, services
from candidates.models import PhaseResponse
from phases.progress import AnsweredCount

from .factories import CandidateFactory
from .phase_builders import FULL_ANSWERS, every_type_phase

pytestmark = pytest.mark.django_db

# Answers as forms store them, and the odd ones older data or other tools could hold.
ANSWER_SETS = [
    {},
    FULL_ANSWERS,
    {"short": "", "long": "   ", "single": "", "multi": [], "scale": {}, "rank": [], "table": [], "entries": []},
    {"short": " x ", "long": "\n\nTexte\n", "multi": ["Évoluer"], "scale": {"scale-0": 3}, "rank": ["Santé"]},
    {"short": None, "single": None, "multi": None, "scale": None, "rank": None, "table": None},
    {"short": 0, "long": 12, "single": "Présentiel", "scale": {"scale-0": 1, "scale-1": 5, "autre": 2}},
    {"rank": ["Famille", "Santé", "Travail", "Autre"], "table": [{"col-0": "a"}], "entries": [{}]},
    {"multi": "Évoluer", "scale": ["scale-0", "scale-1"], "rank": "abc", "table": {"col-0": "a"}, "inconnue": "x"},
    {"short": True, "long": False, "single": [], "multi": {}, "entries": "du texte"},
]


@pytest.fixture
def phase(bilan):
    return every_type_phase(bilan)


def test_the_database_counts_like_python(phase):
    candidates = [CandidateFactory() for _ in ANSWER_SETS]
    for candidate, answers in zip(candidates, ANSWER_SETS, strict=True):
        PhaseResponse.objects.create(candidate=candidate, phase=phase, answers=answers)
    counted = dict(
        PhaseResponse.objects.annotate(n=AnsweredCount({phase.pk: phase.structure})).values_list("candidate_id", "n")
    )
    expected = {c.pk: phase.progress(answers)[0] for c, answers in zip(candidates, ANSWER_SETS, strict=True)}
    assert counted == expected
    assert len(set(expected.values())) > 3  # the answer sets do test something


def test_the_database_counts_the_shipped_phases_like_python(phases):
    from bench import data

    data.generate(6)
    structures = {phase.pk: phase.structure for phase in phases}
    by_pk = {phase.pk: phase for phase in phases}
    for response in PhaseResponse.objects.annotate(n=AnsweredCount(structures)):
        assert response.n == by_pk[response.phase_id].progress(response.answers)[0]


def test_saving_stores_the_count_and_erasing_resets_it(candidate, counsellor, phase):
    candidate.dossier.phases.add(phase)
    response = services.response_save(candidate=candidate, phase=phase, answers=FULL_ANSWERS, version=0)
    assert (response.answered, response.answered_for) == (8, phase.structure.rules_digest)
    services.response_erase(actor=counsellor, dossier=candidate.dossier, phase=phase)
    response.refresh_from_db()
    assert response.answered == 0


def publish(phase, change):
    page = phase.specific.get_latest_revision_as_object()
    change(page)
    page.save_revision().publish()
    return type(phase).objects.get(pk=phase.pk)


def test_after_a_phase_edit_lists_count_again_in_one_more_query(client, candidate, counsellor, phase):
    """Deleting a question changes what the stored counts mean: they are counted again, exactly."""
    candidate.dossier.phases.add(phase)
    services.response_save(candidate=candidate, phase=phase, answers=FULL_ANSWERS, version=0)
    dossiers = list(selectors.counsellor_dossiers(counsellor))

    with CaptureQueriesContext(connection) as before:
        assert selectors.dossiers_progress(dossiers)[candidate.dossier.pk].answered == 8

    phase = publish(phase, lambda page: setattr(page, "questions", [
        block for block in page.questions.raw_data if block["id"] not in ("long", "multi")
    ]))
    with CaptureQueriesContext(connection) as after:
        progress = selectors.dossiers_progress(dossiers)[candidate.dossier.pk]
    assert (progress.answered, progress.total) == (6, 6)
    assert len(after) == len(before) + 1

    client.force_login(candidate)
    assert "6 / 6 questions (100 %)" in client.get(reverse("dashboard")).content.decode()

    call_command("recount_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PhaseResponse.objects.get(candidate=candidate, phase=phase).answered == 6
    with CaptureQueriesContext(connection) as recounted:
        selectors.dossiers_progress(dossiers)
    assert len(recounted) == len(before)


def test_an_instruction_or_a_label_change_keeps_the_stored_counts(candidate, phase):
    before = phase.structure.rules_digest

    def reword(page):
        raw = list(page.questions.raw_data)
        raw[0]["value"]["text"] = "<p>Autre consigne.</p>"
        raw[1]["value"]["label"] = "Autre intitulé ?"
        page.questions = raw

    assert publish(phase, reword).structure.rules_digest == before
