"""The data migration that puts the ROME blocks into the shipped phases of an existing site
(phases/migrations/0009_rome_blocks_in_shipped_phases.py), run for real: back to before it (the
blocks leave, the plan d'action is a table again), then forward. The existing questions keep their
ids and the answers keyed by them; the new blocks come with the ids of `content/bilan.json`, in their
place, in the live page and in the revision the editor opens; a block an editor added is left alone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from candidates.models import PhaseResponse
from phases.bilan_content import raw_questions, read_content
from phases.models import PhasePage

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE, AFTER = ("phases", "0008_rome_blocks"), ("phases", "0009_rome_blocks_in_shipped_phases")
ROME = {"rome_jobs", "rome_competences", "riasec", "rome_suggestions", "rome_gap"}


def migrate(target):
    MigrationExecutor(connection).migrate([target])


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def stream(phase) -> list[tuple[str, str]]:
    return [(block["type"], block["id"]) for block in PhasePage.objects.get(pk=phase.pk).questions.raw_data]


def revision_stream(phase) -> list[tuple[str, str]]:
    page = PhasePage.objects.get(pk=phase.pk).get_latest_revision_as_object()
    return [(block["type"], block["id"]) for block in page.questions.raw_data]


def test_an_existing_site_gets_the_rome_blocks_in_place_and_keeps_every_id_and_answer(phases):
    candidate = CandidateFactory()  # with today's models, before going back
    shipped = {
        phase["slug"]: [(block["type"], block["id"]) for block in raw_questions(phase)] for phase in read_content()
    }
    answers = {}
    for phase in phases:
        answers[phase.pk] = {child.id: "gardée" for child in phase.question_children if child.block_type not in ROME}
        PhaseResponse.objects.create(candidate=candidate, phase=phase, answers=answers[phase.pk])
    plan = PhasePage.objects.get(slug="definition-du-plan-d-action")

    migrate(BEFORE)

    for phase in phases:
        assert not {kind for kind, _id in stream(phase)} & ROME
        assert [
            ("table" if kind == "action_plan" else kind, block_id)
            for kind, block_id in shipped[phase.slug]
            if kind not in ROME
        ] == stream(phase)
    assert "action_plan" not in {kind for kind, _id in stream(plan)}
    assert "action_plan" not in {kind for kind, _id in revision_stream(plan)}

    migrate(AFTER)

    for phase in phases:
        assert stream(phase) == shipped[phase.slug]  # every block, in the shipped order, with its id
        assert revision_stream(phase) == shipped[phase.slug]
        response = PhaseResponse.objects.get(candidate=candidate, phase=phase)
        assert response.answers == answers[phase.pk]
        live = PhasePage.objects.get(pk=phase.pk)
        assert {child.id for child in live.question_children} >= set(answers[phase.pk])


def test_running_it_again_adds_nothing_twice(phases):
    before = {phase.pk: stream(phase) for phase in phases}
    migrate(BEFORE)
    migrate(AFTER)
    migrate(BEFORE)
    migrate(AFTER)
    assert {phase.pk: stream(phase) for phase in phases} == before
