"""Which section of the synthèse a question feeds: tagged in the editor, the shipped phases tagged
(1 circonstances, 2–6 compétences, 7–9 projets, 10 étapes), and tagged too on a site that ran an
older version of the portal (phases/migrations/0007)."""

import copy
import html
import importlib
import json

import pytest
from django.apps import apps as django_apps

from phases.models import PhasePage
from phases.synthesis_sections import SynthesisSection

from .phase_builders import every_type_phase
from .test_block_validation import post_edit

pytestmark = pytest.mark.django_db
SHIPPED = ["circonstances"] + ["competences"] * 5 + ["projets"] * 3 + ["etapes"]


def sections_of(phase) -> set:
    return {child.value["synthesis_section"] for child in phase.question_children}


def test_the_shipped_phases_feed_the_sections_of_the_law(phases):
    assert [sections_of(phase) for phase in phases] == [{section} for section in SHIPPED]
    assert all(section in SynthesisSection.values for section in SHIPPED)


def test_an_editor_tags_a_question_with_the_section_it_feeds(admin_client, bilan):
    phase = every_type_phase(bilan)
    phase.save_revision().publish()
    phase.refresh_from_db()
    question = phase.question_children[0]
    editor = admin_client.get(f"/admin/pages/{phase.pk}/edit/").content.decode()
    definitions = html.unescape(editor).encode().decode("unicode_escape", errors="ignore")  # the blocks' JSON
    assert "Rubrique de la synth" in definitions and "Le ou les projets professionnels" in definitions

    def change(value):
        value["synthesis_section"] = SynthesisSection.PROJECTS.value

    assert post_edit(admin_client, phase, question.id, change).status_code == 302
    edited = PhasePage.objects.get(pk=phase.pk)
    tags = {child.id: child.value["synthesis_section"] for child in edited.question_children}
    assert tags.pop(question.id) == "projets"
    assert not any(tags.values())  # the others still feed no section


def test_a_site_of_an_older_version_gets_its_shipped_phases_tagged(phases):
    """Back to before the tags (raw JSON without them, live page and latest revision), then forward."""
    for phase in phases:
        raw = copy.deepcopy(list(phase.questions.raw_data))
        for block in raw:
            block["value"].pop("synthesis_section", None)
        phase.questions = raw
        phase.save_revision().publish()
    editors_own = phases[2]
    raw = copy.deepcopy(list(editors_own.questions.raw_data))
    raw[1]["value"]["synthesis_section"] = "etapes"  # tagged by an editor before the migration
    editors_own.questions = raw
    editors_own.save_revision().publish()
    migration = importlib.import_module("phases.migrations.0007_tag_shipped_phases")
    migration.tag(django_apps, schema_editor=None)

    for phase, section in zip(
        PhasePage.objects.filter(pk__in=[p.pk for p in phases]).order_by("path"), SHIPPED, strict=True
    ):
        latest = json.loads(phase.latest_revision.content["questions"])
        expected = {"etapes", section} if phase.pk == editors_own.pk else {section}
        for stream in (list(phase.questions.raw_data), latest):
            tags = {block["value"].get("synthesis_section") for block in stream if block["type"] != "instruction"}
            assert tags == expected, phase.slug
