"""Choice answers by the propositions' ids, and what each candidate saw of the questions they answered.

Single choice, multiple choice and ranking answers stored the propositions' texts: each text becomes the
id of the proposition that has it (the same text, or the same once case and spaces are ignored). A text
that no proposition has any more is kept, as a proposition of its own (an id « retiree-… ») that the
candidate's `seen` labels with the text, shown as retired.

Every answered question gets its `seen` entry: the question as the phase has it now or, for a question
already removed, as the last revision that had it (which also dates its retirement). The published
phases' questions and parts are recorded as published (`PublishedPart`). Nothing is deleted: a response
keeps every answer it had, the same number of chosen propositions in each.

Self-contained (raw JSON only), so that later changes to the blocks cannot change what it does."""

import copy
import hashlib
import json

from django.db import migrations
from django.utils import timezone

PARTS = {
    "single_choice": "choices",
    "multiple_choice": "choices",
    "ranking": "choices",
    "scale": "items",
    "table": "columns",
    "repeatable": "fields",
}
BY_TEXT = ("single_choice", "multiple_choice", "ranking")
NO_ANSWER = (None, "", [], {})
BATCH = 500


def _items(block):
    return [item for item in block["value"].get(PARTS[block["type"]]) or [] if isinstance(item, dict)]


def _folded(text):
    return " ".join(str(text).split()).casefold()


def retired_id(block_id, text):
    return "retiree-" + hashlib.blake2b(f"{block_id}/{text}".encode(), digest_size=8).hexdigest()


def to_ids(block_id, block, answer):
    """(the answer with ids, the items to add to the question for texts no proposition has)."""
    items = _items(block)
    ids = {item.get("id") for item in items}
    exact = {item.get("value"): item.get("id") for item in items}
    folded = {_folded(item.get("value")): item.get("id") for item in items}
    added = []

    def one(text):
        if text in ids:
            return text
        choice = exact.get(text) or folded.get(_folded(text))
        if choice:
            return choice
        choice = retired_id(block_id, text)
        if choice not in {item["id"] for item in added}:
            added.append({"type": "item", "value": str(text), "id": choice})
        return choice

    if isinstance(answer, str):
        return one(answer), added
    return [one(text) for text in answer or []], added


def _stream(raw):
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return [block for block in raw or [] if isinstance(block, dict) and block.get("id")]


def _history(apps, phase, content_type):
    """{block id: (the last revision's block, when the next revision without it was made)} for the
    questions the phase no longer has."""
    Revision = apps.get_model("wagtailcore", "Revision")
    current = {block["id"] for block in _stream(phase.questions.raw_data)}
    last, retired = {}, {}
    revisions = Revision.objects.filter(content_type=content_type, object_id=str(phase.pk)).order_by("created_at", "pk")
    for revision in revisions.iterator():
        blocks = {block["id"]: block for block in _stream((revision.content or {}).get("questions"))}
        for block_id in list(last):
            if block_id not in blocks and block_id not in retired:
                retired[block_id] = revision.created_at
        for block_id, block in blocks.items():
            last[block_id] = block
            retired.pop(block_id, None)
    now = timezone.now()
    return {
        block_id: (block, retired.get(block_id, now)) for block_id, block in last.items() if block_id not in current
    }


def forwards(apps, schema_editor):
    PhasePage = apps.get_model("phases", "PhasePage")
    PhaseResponse = apps.get_model("candidates", "PhaseResponse")
    PublishedPart = apps.get_model("phases", "PublishedPart")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="phases", model="phasepage").first()
    for phase in PhasePage.objects.all():
        stream = _stream(phase.questions.raw_data)
        blocks = {block["id"]: block for block in stream}
        removed = _history(apps, phase, content_type) if content_type else {}
        parts = []
        if phase.live:
            for block in stream:
                parts.append(PublishedPart(phase_id=phase.pk, block_id=block["id"], part_id=""))
                if block["type"] in PARTS:
                    parts += [
                        PublishedPart(phase_id=phase.pk, block_id=block["id"], part_id=item["id"])
                        for item in _items(block)
                        if item.get("id")
                    ]
        parts += [
            PublishedPart(phase_id=phase.pk, block_id=block_id, part_id="", retired_at=when)
            for block_id, (_block, when) in removed.items()
        ]
        PublishedPart.objects.bulk_create(parts, ignore_conflicts=True)

        changed = []
        for response in PhaseResponse.objects.filter(phase_id=phase.pk).iterator(chunk_size=BATCH):
            answers, seen = dict(response.answers or {}), {}
            for block_id, answer in answers.items():
                block = blocks.get(block_id) or removed.get(block_id, (None, None))[0]
                if block is None or answer in NO_ANSWER or not isinstance(block.get("value"), dict):
                    continue
                block = copy.deepcopy(block)
                if block["type"] in BY_TEXT and isinstance(answer, (str, list)):
                    answers[block_id], added = to_ids(block_id, block, answer)
                    block["value"]["choices"] = [*_items(block), *added]
                seen[block_id] = {"type": block["type"], "value": block["value"]}
            response.answers, response.seen = answers, seen
            changed.append(response)
            if len(changed) >= BATCH:
                PhaseResponse.objects.bulk_update(changed, ["answers", "seen"])
                changed = []
        PhaseResponse.objects.bulk_update(changed, ["answers", "seen"])


def backwards(apps, schema_editor):
    """The propositions' texts again, as the candidate saw them."""
    PhaseResponse = apps.get_model("candidates", "PhaseResponse")
    changed = []
    for response in PhaseResponse.objects.iterator(chunk_size=BATCH):
        answers = dict(response.answers or {})
        for block_id, entry in (response.seen or {}).items():
            if entry.get("type") not in BY_TEXT or answers.get(block_id) in NO_ANSWER:
                continue
            labels = {item.get("id"): item.get("value") for item in entry["value"].get("choices") or []}
            answer = answers[block_id]
            answers[block_id] = (
                labels.get(answer, answer) if isinstance(answer, str) else [labels.get(a, a) for a in answer]
            )
        response.answers = answers
        changed.append(response)
    PhaseResponse.objects.bulk_update(changed, ["answers"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0018_phaseresponse_seen"),
        ("phases", "0005_published_parts"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
