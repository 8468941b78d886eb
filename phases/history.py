"""What a candidate saw of a phase, and what the phase no longer asks.

Each save of a candidate's answers records the questions they answered as they were then
(`PhaseResponse.seen`: the block's type and stored value, its parts included). When an editor later
removes a question, a proposition, an item or a column, the answers to it stay; the read-only screens,
the synthèse and *Mes données* show them under the label the candidate saw, with the day the
publication removed it (`PublishedPart`)."""

import dataclasses
import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue

from .question_block import Part, retired_note

NO_ANSWER = (None, "", [], {})


def has_answer(answer) -> bool:
    return answer not in NO_ANSWER


class ShownAnswer(NamedTuple):
    """One question and the answer a read-only screen shows (`display_answer`'s data)."""

    child: StreamValue.StreamChild
    answer: object
    retired: bool = False  # the phase no longer has the question: `child` is as the candidate saw it
    retired_on: datetime.datetime | None = None
    fits: bool = True  # False: the stored answer is not of the question's kind (its type was changed)

    @property
    def note(self) -> str:
        """« question retirée du questionnaire le 3 décembre 2026 » for a retired question, else nothing."""
        return retired_note(self.retired, self.retired_on, _("question retirée du questionnaire"))

    def document_answer(self):
        """What the synthèse says of it (`QuestionBlock.document_answer`), a retired question's label
        followed by the note."""
        document = self.child.block.document_answer(self.child.value, self.answer)
        return dataclasses.replace(document, label=f"{document.label} ({self.note})") if self.retired else document

    def export_answer(self, stored):
        """What *Mes données* says of the answer (`QuestionBlock.export_answer`); `stored`, the answer
        as stored, when it does not fit its question."""
        return self.child.block.export_answer(self.child.value, self.answer) if self.fits else stored


UNFIT = (AttributeError, KeyError, TypeError, ValueError)


def _shown(child, answer, parts=(), **kwargs) -> ShownAnswer:
    """The question and its answer shown (`parts`: the retired Parts it points to); an answer that does
    not fit the question is shown as none."""
    try:
        return ShownAnswer(child, child.block.display_answer(child.value, answer, parts), **kwargs)
    except UNFIT:
        return ShownAnswer(child, child.block.display_answer(child.value, None), fits=False, **kwargs)


def snapshot(child) -> dict:
    """A question as it is now, in the stored format (its parts with their ids)."""
    return {"type": child.block.name, "value": child.block.get_prep_value(child.value)}


def seen_after(questions, seen: dict, answers: dict) -> dict:
    """`seen` once the candidate has saved `answers` to `questions` (a phase's question children): each
    answered question as it is now, followed by the parts of it the candidate saw before and it no
    longer has (so their labels stay known)."""
    seen = dict(seen or {})
    for child in questions:
        if not has_answer(answers.get(child.id)):
            continue
        now, before, parts = snapshot(child), seen.get(child.id) or {}, child.block.parts_name
        if parts and before.get("type") == now["type"]:
            current = {item.get("id") for item in now["value"][parts]}
            now["value"][parts] += [item for item in before["value"].get(parts) or [] if item.get("id") not in current]
        seen[child.id] = now
    return seen


def seen_question(stream_block, block_id: str, seen_entry: dict):
    """The question as the candidate saw it (a stream child), or None if its type no longer exists."""
    block = stream_block.child_blocks.get((seen_entry or {}).get("type"))
    if block is None or not getattr(block, "is_question", False):
        return None
    return StreamValue.StreamChild(block, block.to_python(seen_entry["value"]), id=block_id)


def _retired_parts(child, seen_question_child, answer, dates) -> list[Part]:
    """The Parts `answer` points to that the question no longer has, labelled as the candidate saw them."""
    block, value = child.block, child.value
    gone = block.answered_parts(value, answer) - {part_id for part_id, _label in block.part_labels(value)}
    if not gone or seen_question_child is None or seen_question_child.block.name != block.name:
        return []
    return [
        Part(part_id, label, retired=True, retired_on=dates.get((child.id, part_id)))
        for part_id, label in block.part_labels(seen_question_child.value)
        if part_id in gone
    ]


def shown_answers(stream_block, questions, answers: dict, seen: dict, retirements: Callable[[], dict]) -> list:
    """ShownAnswers of every current question, then of the retired questions the candidate answered
    (the oldest retired first). `retirements()` gives {(block id, part id or ""): when} and is called
    only if something is retired."""
    answers, seen = answers or {}, seen or {}
    dates = SimpleLazyObject(retirements)
    shown = []
    for child in questions:
        answer = answers.get(child.id)
        saw = seen_question(stream_block, child.id, seen[child.id]) if child.id in seen else None
        try:
            retired = _retired_parts(child, saw, answer, dates) if has_answer(answer) else []
        except UNFIT:
            retired = []
        shown.append(_shown(child, answer, retired))
    current = {child.id for child in questions}
    gone = []
    for block_id, entry in seen.items():
        child = None if block_id in current else seen_question(stream_block, block_id, entry)
        if child is not None and has_answer(answers.get(block_id)):
            gone.append(_shown(child, answers[block_id], retired=True, retired_on=dates.get((block_id, ""))))
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return shown + sorted(gone, key=lambda item: (item.retired_on or far_future, str(item.child.value["label"])))
