"""The data migration that turned choice answers from the propositions' texts into their ids
(candidates/migrations/0019_answers_by_id.py), run for real: back to before it, answers stored as they
were (texts) on the shipped phases after editors had changed them, then forward. Nothing is lost."""

import copy

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from candidates.models import PhaseResponse
from phases.models import PhasePage, PublishedPart

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE, AFTER = ("candidates", "0018_phaseresponse_seen"), ("candidates", "0019_answers_by_id")
CHOICES = ("single_choice", "multiple_choice", "ranking")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """The next tests run on today's schema, whatever this one left."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def text_answer(child, number: int):
    """An answer as the portal stored it before ids: the propositions' texts."""
    value, kind = child.value, child.block_type
    texts = [str(choice) for choice in value["choices"]] if "choices" in value else []
    if kind in ("short_text", "long_text"):
        return f"Réponse {number}"
    if kind == "single_choice":
        return texts[number % len(texts)]
    if kind == "multiple_choice":
        return texts[: value.get("max_choices") or 2]
    if kind == "ranking":
        return texts[number % len(texts) :] + texts[: number % len(texts)]
    if kind in ("scale", "riasec"):
        return {item.id: 1 + number % value["steps"] for item in value["items"].bound_blocks}
    if kind in ("rome_competences", "rome_jobs"):  # stored by code and label from the start
        return [{"code": "", "label": f"Compétence {number}", "kind": "libre", "level": ""}]
    column_ids = [item.id for item in value["columns" if kind in ("table", "action_plan") else "fields"].bound_blocks]
    return [{column_id: f"Case {number}" for column_id in column_ids}]


def edit(phase: PhasePage, change) -> PhasePage:
    page = phase.get_latest_revision_as_object()
    raw = copy.deepcopy(list(page.questions.raw_data))
    change(raw)
    page.questions = raw
    page.save_revision().publish()
    return PhasePage.objects.get(pk=phase.pk)


def chosen(answers: dict, phase: PhasePage) -> int:
    kinds = {child.id: child.block_type for child in phase.question_children}
    return sum(
        1 if isinstance(answer, str) else len(answer)
        for block_id, answer in answers.items()
        if kinds.get(block_id) in CHOICES and answer
    )


def labels(shown) -> list[str]:
    """The propositions a choice answer shows, as the candidate saw them, folded for comparison."""
    return sorted(" ".join(part.label.split()).casefold() for part in shown.answer)


def folded(texts) -> list[str]:
    return sorted(" ".join(text.split()).casefold() for text in ([texts] if isinstance(texts, str) else texts))


def test_text_answers_become_ids_on_edited_demo_content_and_nothing_is_lost(phases):
    candidates = [CandidateFactory() for _number in range(4)]  # with today's models, before going back
    migrate(BEFORE)
    originals = {}
    for number, candidate in enumerate(candidates):
        for phase in phases:
            answers = {child.id: text_answer(child, number) for child in phase.question_children}
            originals[candidate.pk, phase.pk] = answers
            PhaseResponse.objects.create(candidate=candidate, phase=phase, answers=answers)

    # What editors did meanwhile, with the answers stored by text: in the phase with most choices,
    # a proposition written again in other case and spacing, another removed, an answered question deleted.
    phase = max(phases, key=lambda p: sum(c.block_type in CHOICES for c in p.question_children))
    questions = [child for child in phase.question_children if child.block_type in CHOICES]
    recased, trimmed, deleted = questions[0], questions[-1], phase.question_children[0]
    recased_text, removed_text = str(recased.value["choices"][0]), str(trimmed.value["choices"][-1])

    def change(raw):
        for block in raw:
            if block["id"] == recased.id:
                block["value"]["choices"][0]["value"] = f"  {recased_text.upper()} "
            if block["id"] == trimmed.id:
                block["value"]["choices"].pop()
        raw[:] = [block for block in raw if block["id"] != deleted.id]

    edited = edit(phase, change)
    PublishedPart.objects.all().delete()  # the table the migration fills did not exist before it
    by_pk = {p.pk: p for p in phases}  # the phases as the answers were given (the deleted question in)
    before = {
        response.pk: (set(response.answers), chosen(response.answers, by_pk[response.phase_id]))
        for response in PhaseResponse.objects.all()
    }
    assert len(before) == len(candidates) * len(phases)
    assert any(
        removed_text in folded_answer for folded_answer in [originals[c.pk, phase.pk][trimmed.id] for c in candidates]
    )

    migrate(AFTER)

    for response in PhaseResponse.objects.all():
        keys, count = before[response.pk]
        current = edited if response.phase_id == edited.pk else PhasePage.objects.get(pk=response.phase_id)
        original = originals[response.candidate_id, response.phase_id]
        assert set(response.answers) == keys  # every answer kept
        assert chosen(response.answers, by_pk[response.phase_id]) == count  # every choice too
        assert set(response.seen) == keys  # with every question as the candidate saw it
        shown = {item.child.id: item for item in response.shown_answers(current)}
        for child in current.question_children:
            if child.block_type in CHOICES:
                assert labels(shown[child.id]) == folded(original[child.id])
                retired = [part.label for part in shown[child.id].answer if part.retired]
                assert retired == (
                    [removed_text] if child.id == trimmed.id and removed_text in original[child.id] else []
                )
        if current is edited:
            assert shown[deleted.id].retired and shown[deleted.id].child.value["label"] == deleted.value["label"]
        assert set(shown) == keys

    # The deleted question is dated by the revision that removed it; what is published is recorded.
    retired = PublishedPart.retirements([edited.pk])[edited.pk]
    assert set(retired) == {(deleted.id, "")}
    assert PublishedPart.objects.filter(phase=edited, block_id=recased.id, part_id="", retired_at=None).exists()
