"""The shipped phases' questions say which section of the synthèse they feed (phase 1: circonstances,
2–6: compétences, 7–9: projets, 10: étapes), in the live page and in its latest revision (what the
editor opens). A question an editor already tagged keeps its tag; the other phases are left alone.
Self-contained (raw JSON only)."""

import json

from django.db import migrations

SHIPPED = {
    "contexte-de-la-demande": "circonstances",
    "retour-historique": "competences",
    "valeurs-relatives-au-travail": "competences",
    "priorites-de-vie-et-conditions-de-travail": "competences",
    "traits-de-personnalite": "competences",
    "identification-des-competences": "competences",
    "de-mes-atouts-a-mes-projets": "projets",
    "connaissance-de-mon-environnement": "projets",
    "etude-de-faisabilite": "projets",
    "definition-du-plan-d-action": "etapes",
}
NOT_QUESTIONS = {"instruction"}


def _tagged(raw, section):
    """The stream's raw data (a list, or its JSON text: returned as it came) with its questions tagged."""
    stream = json.loads(raw or "[]") if isinstance(raw, str) else list(raw or [])
    for block in stream:
        if isinstance(block, dict) and block.get("type") not in NOT_QUESTIONS and isinstance(block.get("value"), dict):
            block["value"]["synthesis_section"] = block["value"].get("synthesis_section") or section
    return json.dumps(stream) if isinstance(raw, str) else stream


def tag(apps, schema_editor):
    PhasePage = apps.get_model("phases", "PhasePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for phase in PhasePage.objects.filter(slug__in=SHIPPED):
        section = SHIPPED[phase.slug]
        phase.questions = _tagged(list(phase.questions.raw_data), section)
        phase.save(update_fields=["questions"])
        if phase.latest_revision_id:
            revision = Revision.objects.get(pk=phase.latest_revision_id)
            content = revision.content or {}
            if "questions" in content:
                content["questions"] = _tagged(content["questions"], section)
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("phases", "0006_synthesis_sections"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(tag, migrations.RunPython.noop)]
