"""The shipped phases get the ROME blocks (#20), in the live page and in its latest revision (what the
editor opens): the jobs held (phase 2), the ROME competences (6), the RIASEC inventory and the
« Métiers à explorer » (7), the envisaged jobs (8), « L'écart » (9); the table of actions of phase 10
becomes the « Plan d'action » block (same id, same columns, same answers). Each new block is placed
after the one that precedes it in `content/bilan.json`, with the id it has there; a block already
present (by id) is left alone, as is any phase an editor renamed. Reversible: the blocks are removed
and the plan turns back into a table."""

import json

from django.db import migrations

NEW_TYPES = {"rome_jobs", "rome_competences", "riasec", "rome_suggestions", "rome_gap"}


def _stream(raw):
    return json.loads(raw or "[]") if isinstance(raw, str) else list(raw or [])


def _as_before(raw, stream):
    return json.dumps(stream) if isinstance(raw, str) else stream


def _shipped():
    from phases.bilan_content import raw_questions, read_content

    return {phase["slug"]: raw_questions(phase) for phase in read_content()}


def _with_rome_blocks(stream, shipped):
    ids = {block.get("id") for block in stream}
    plan = {block["id"] for block in shipped if block["type"] == "action_plan"}
    for block in stream:
        if block.get("id") in plan and block.get("type") == "table":
            block["type"] = "action_plan"
    for position, block in enumerate(shipped):
        if block["type"] not in NEW_TYPES or block["id"] in ids:
            continue
        before = shipped[position - 1]["id"] if position else None
        at = next((index + 1 for index, old in enumerate(stream) if old.get("id") == before), len(stream))
        stream.insert(at, block)
        ids.add(block["id"])
    return stream


def _without_rome_blocks(stream, shipped):
    added = {block["id"] for block in shipped if block["type"] in NEW_TYPES}
    stream = [block for block in stream if block.get("id") not in added]
    for block in stream:
        if block.get("type") == "action_plan":
            block["type"] = "table"
    return stream


def _apply(apps, change):
    PhasePage = apps.get_model("phases", "PhasePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    phases = list(PhasePage.objects.all())
    if not phases:
        return
    shipped = _shipped()
    for phase in phases:
        if phase.slug not in shipped:
            continue
        raw = phase.questions.raw_data if hasattr(phase.questions, "raw_data") else phase.questions
        phase.questions = change(_stream(list(raw)), shipped[phase.slug])
        phase.save(update_fields=["questions"])
        if phase.latest_revision_id:
            revision = Revision.objects.get(pk=phase.latest_revision_id)
            content = revision.content or {}
            if "questions" in content:
                old = content["questions"]
                content["questions"] = _as_before(old, change(_stream(old), shipped[phase.slug]))
                Revision.objects.filter(pk=revision.pk).update(content=content)


def forwards(apps, schema_editor):
    _apply(apps, _with_rome_blocks)


def backwards(apps, schema_editor):
    _apply(apps, _without_rome_blocks)


class Migration(migrations.Migration):
    dependencies = [("phases", "0008_rome_blocks")]

    operations = [migrations.RunPython(forwards, backwards)]
