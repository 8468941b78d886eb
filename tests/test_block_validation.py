"""Editors cannot publish (nor save as draft) a question candidates could never finish: the blocks'
`clean()` says what is wrong, in French, next to the child block at fault in Wagtail's page editor."""

import copy
import html
import json
import re

import pytest
from django.urls import reverse

from phases.block_rules import DUPLICATE_HINT
from phases.blocks import MultipleChoiceBlock, RankingBlock, ScaleBlock, SingleChoiceBlock
from phases.row_blocks import RepeatableBlock, TableBlock
from phases.stream import QuestionStreamBlock

from .admin_form_data import phase_form_data
from .phase_builders import EVERY_TYPE, every_type_phase, items

pytestmark = pytest.mark.django_db

TWO_PROPOSITIONS = "Ajoutez au moins deux propositions."
SAME_PROPOSITION = "Cette proposition figure déjà plus haut."
MAX_CHOICES = (
    "Le nombre maximum de choix (4) dépasse le nombre de propositions (3) : "
    "indiquez au plus 3, ou 0 pour ne pas limiter."
)
ONE_ITEM = "Ajoutez au moins un élément à évaluer."
STEPS = "Le nombre de degrés doit être compris entre 2 et 10 (l'échelle va de 1 à ce nombre)."
ONE_COLUMN = "Ajoutez au moins une colonne."
ONE_FIELD = "Ajoutez au moins un champ."
MAX_ROWS = "Le nombre maximum doit être compris entre 1 et 200."


def duplicate(what, text):
    return f"{what} : « {text} » figure plusieurs fois ({DUPLICATE_HINT})."


PROPOSITIONS_DIFFER = "Les propositions doivent être toutes différentes"


@pytest.fixture
def phase(bilan):
    """The phase of every question type, published once: its live revision is the one to keep."""
    phase = every_type_phase(bilan)
    phase.save_revision().publish()
    phase.refresh_from_db()
    return phase


def set_list(name, texts):
    def change(value):
        value[name] = items(name, texts)

    return change


def set_value(name, number):
    def change(value):
        value[name] = number

    return change


def set_field_labels(labels):
    def change(value):
        value["fields"] = [
            {"type": "item", "id": f"f-{i}", "value": {"label": label, "multiline": False}}
            for i, label in enumerate(labels)
        ]

    return change


def post_edit(client, phase, block_id, change, *, publish=True):
    """The editor's « Publier » (or « Enregistrer le brouillon ») with `change` made to one question."""
    raw = copy.deepcopy(list(phase.questions.raw_data))
    change(next(block for block in raw if block["id"] == block_id)["value"])
    data = phase_form_data(phase, raw)
    if publish:
        data["action-publish"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[phase.pk]), data)


def question_errors(response, block_id):
    """The errors Wagtail's editor shows on the question `block_id`, by child: the StreamField's
    arguments (its value, then its errors) as the page's HTML carries them to the block widgets."""
    content = response.content.decode()
    for attribute in re.findall(r'data-w-block-arguments-value="([^"]*)"', content):
        arguments = json.loads(html.unescape(attribute))
        if len(arguments) == 2 and isinstance(arguments[0], list):
            value, errors = arguments[0], arguments[1] or {}
            index = next(i for i, child in enumerate(value) if child["id"] == block_id)
            return errors.get("blockErrors", {}).get(str(index), {}).get("blockErrors", {})
    raise AssertionError("no StreamField in the page editor")


def assert_refused(response, phase, live_revision_id, latest_revision_id):
    assert response.status_code == 200, response.status_code  # the form again, with its errors
    assert "La page ne peut être enregistrée du fait d" in response.content.decode()  # Wagtail's own words
    phase.refresh_from_db()
    assert phase.live_revision_id == live_revision_id
    assert phase.latest_revision_id == latest_revision_id


RULES = [
    # (question, change, child at fault, its message, and the item's message when one repeats)
    ("single", set_list("choices", ["Présentiel"]), "choices", TWO_PROPOSITIONS, None),
    ("rank", set_list("choices", []), "choices", TWO_PROPOSITIONS, None),
    ("multi", set_list("choices", ["Évoluer"]), "choices", TWO_PROPOSITIONS, None),
    ("single", set_list("choices", ["Présentiel", "présentiel "]), "choices", PROPOSITIONS_DIFFER, SAME_PROPOSITION),
    ("multi", set_list("choices", ["Évoluer", "Créer", " ÉVOLUER"]), "choices", PROPOSITIONS_DIFFER, SAME_PROPOSITION),
    ("rank", set_list("choices", ["Santé", "Famille", "santé"]), "choices", PROPOSITIONS_DIFFER, SAME_PROPOSITION),
    ("multi", set_value("max_choices", 4), "max_choices", MAX_CHOICES, None),
    ("scale", set_list("items", []), "items", ONE_ITEM, None),
    ("scale", set_list("items", ["Sécurité", " sécurité"]), "items", "Les éléments à évaluer", "Cet élément"),
    ("scale", set_value("steps", 1), "steps", STEPS, None),
    ("scale", set_value("steps", 11), "steps", STEPS, None),
    ("table", set_list("columns", []), "columns", ONE_COLUMN, None),
    ("table", set_list("columns", ["Compétence", "compétence"]), "columns", "Les colonnes", "Cette colonne"),
    ("table", set_value("max_rows", 0), "max_rows", MAX_ROWS, None),
    ("table", set_value("max_rows", 201), "max_rows", MAX_ROWS, None),
    ("entries", set_field_labels([]), "fields", ONE_FIELD, None),
    ("entries", set_field_labels(["Employeur", "EMPLOYEUR"]), "fields", "Les intitulés des champs", "Cet intitulé"),
    ("entries", set_value("max_rows", 201), "max_rows", MAX_ROWS, None),
]


@pytest.mark.parametrize(("block_id", "change", "child", "message", "repeat"), RULES)
def test_a_question_that_breaks_a_rule_cannot_be_published(
    client, administrator, phase, block_id, change, child, message, repeat
):
    live, latest = phase.live_revision_id, phase.latest_revision_id
    before = copy.deepcopy(list(phase.questions.raw_data))
    client.force_login(administrator)
    response = post_edit(client, phase, block_id, change)
    assert_refused(response, phase, live, latest)
    error = question_errors(response, block_id)[child]
    assert error["messages"][0].startswith(message), error
    if repeat:
        item_errors = list(error["blockErrors"].values())
        shown = item_errors[0].get("messages") or item_errors[0]["blockErrors"]["label"]["messages"]
        assert shown[0].startswith(repeat)
    assert list(type(phase).objects.get(pk=phase.pk).questions.raw_data) == before


def test_a_duplicate_is_named_and_case_and_spaces_do_not_make_a_difference(client, editor, phase):
    client.force_login(editor)
    response = post_edit(client, phase, "rank", set_list("choices", ["Santé", "Famille", "  SANTÉ "]))
    error = question_errors(response, "rank")["choices"]
    assert error["messages"] == [duplicate(PROPOSITIONS_DIFFER, "Santé")]
    assert error["blockErrors"] == {"2": {"messages": [SAME_PROPOSITION]}}


def test_nor_save_it_as_a_draft(client, editor, phase):
    live, latest = phase.live_revision_id, phase.latest_revision_id
    client.force_login(editor)
    response = post_edit(client, phase, "rank", set_list("choices", ["Santé"]), publish=False)
    assert_refused(response, phase, live, latest)
    assert question_errors(response, "rank")["choices"]["messages"] == [TWO_PROPOSITIONS]


@pytest.mark.parametrize(
    ("block_id", "change"),
    [
        ("multi", set_value("max_choices", 0)),  # no limit
        ("multi", set_value("max_choices", 3)),  # as many as the propositions
        ("scale", set_list("items", ["Sécurité"])),  # a single rating
        ("scale", set_value("steps", 10)),
        ("table", set_value("max_rows", 200)),
    ],
)
def test_what_the_rules_allow_is_published(client, administrator, phase, block_id, change):
    live = phase.live_revision_id
    client.force_login(administrator)
    response = post_edit(client, phase, block_id, change)
    assert response.status_code == 302, response.content.decode()[:2000]
    phase.refresh_from_db()
    assert phase.live_revision_id == phase.latest_revision_id != live


def test_every_shipped_phase_passes_the_rules(phases):
    stream_block = QuestionStreamBlock()
    for phase in phases:
        stream_block.clean(phase.questions)  # raises on the first question that breaks a rule


# The rules on the blocks' values, without the editor.


def value(block, **extra):
    return block.to_python({"label": "Question", "help_text": "", "required": True, **extra})


def errors_of(block, block_value) -> dict:
    """The blocks' errors as the editor receives them ({} when `clean()` accepts the value)."""
    try:
        block.clean(block_value)
    except Exception as error:  # noqa: BLE001 - any ValidationError of a StructBlock
        return error.as_json_data()["blockErrors"]
    return {}


@pytest.mark.parametrize("block", [SingleChoiceBlock(), MultipleChoiceBlock(), RankingBlock()], ids=type)
@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ([], {"messages": [TWO_PROPOSITIONS]}),
        (["Seule"], {"messages": [TWO_PROPOSITIONS]}),
        (["Seule", "", "  "], {"messages": [TWO_PROPOSITIONS]}),  # empty propositions do not count
        (
            ["Santé", "Famille", " santé"],
            {
                "messages": [duplicate(PROPOSITIONS_DIFFER, "Santé")],
                "blockErrors": {2: {"messages": [SAME_PROPOSITION]}},
            },
        ),
        (["Santé", "Famille"], None),
    ],
)
def test_choices_need_two_different_propositions(block, choices, expected):
    errors = errors_of(block, value(block, choices=choices, max_choices=0))
    assert errors.get("choices") == expected


@pytest.mark.parametrize(("limit", "error"), [(0, False), (2, False), (3, True)])
def test_max_choices_cannot_exceed_the_propositions(limit, error):
    block = MultipleChoiceBlock()
    errors = errors_of(block, value(block, choices=["A", "B"], max_choices=limit))
    expected = (
        "Le nombre maximum de choix (3) dépasse le nombre de propositions (2) : "
        "indiquez au plus 2, ou 0 pour ne pas limiter."
    )
    assert errors == ({"max_choices": {"messages": [expected]}} if error else {})


def scale_value(**extra):
    scale = {"items": ["Sécurité", "Créativité"], "steps": 5, "min_label": "Bas", "max_label": "Haut", **extra}
    return value(ScaleBlock(), **scale)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"items": []}, {"items": {"messages": [ONE_ITEM]}}),
        ({"items": ["", " "]}, {"items": {"messages": [ONE_ITEM]}}),
        (
            {"items": ["Sécurité", "SÉCURITÉ"]},
            {
                "items": {
                    "messages": [duplicate("Les éléments à évaluer doivent être tous différents", "Sécurité")],
                    "blockErrors": {1: {"messages": ["Cet élément figure déjà plus haut."]}},
                }
            },
        ),
        ({"steps": 1}, {"steps": {"messages": [STEPS]}}),
        ({"steps": 11}, {"steps": {"messages": [STEPS]}}),
        ({"steps": 2}, {}),
        ({"steps": 10, "items": ["Seul"]}, {}),
    ],
)
def test_a_scale_needs_items_all_different_and_two_to_ten_degrees(extra, expected):
    assert errors_of(ScaleBlock(), scale_value(**extra)) == expected


def test_a_scale_without_items_is_never_answered():
    block = ScaleBlock()
    assert not block.is_answered(scale_value(items=[]), {})
    assert not block.is_answered(scale_value(items=[]), {"x": 3})
    answered = scale_value(items=["Sécurité"])
    assert block.is_answered(answered, {answered["items"].bound_blocks[0].id: 3})


@pytest.mark.parametrize(
    ("columns", "max_rows", "expected"),
    [
        ([], 50, {"columns": {"messages": [ONE_COLUMN]}}),
        (
            ["Compétence", "compétence "],
            50,
            {
                "columns": {
                    "messages": [duplicate("Les colonnes doivent être toutes différentes", "Compétence")],
                    "blockErrors": {1: {"messages": ["Cette colonne figure déjà plus haut."]}},
                }
            },
        ),
        (["Compétence"], 0, {"max_rows": {"messages": [MAX_ROWS]}}),
        (["Compétence"], 201, {"max_rows": {"messages": [MAX_ROWS]}}),
        (["Compétence"], 1, {}),
        (["Compétence"], 200, {}),
    ],
)
def test_a_table_needs_columns_all_different_and_a_row_limit_of_1_to_200(columns, max_rows, expected):
    block = TableBlock()
    assert errors_of(block, value(block, columns=columns, max_rows=max_rows)) == expected


@pytest.mark.parametrize(
    ("labels", "max_rows", "expected"),
    [
        ([], 50, {"fields": {"messages": [ONE_FIELD]}}),
        (
            ["Employeur", " employeur"],
            50,
            {
                "fields": {
                    "messages": [duplicate("Les intitulés des champs doivent être tous différents", "Employeur")],
                    "blockErrors": {
                        1: {"blockErrors": {"label": {"messages": ["Cet intitulé figure déjà plus haut."]}}}
                    },
                }
            },
        ),
        (["Employeur"], 201, {"max_rows": {"messages": [MAX_ROWS]}}),
        (["Employeur", "Poste"], 50, {}),
    ],
)
def test_repeatable_entries_need_fields_all_different_and_a_row_limit_of_1_to_200(labels, max_rows, expected):
    block = RepeatableBlock()
    fields = [{"label": label, "multiline": False} for label in labels]
    assert errors_of(block, value(block, fields=fields, max_rows=max_rows)) == expected


def test_every_type_phase_of_the_tests_passes_the_rules():
    stream_block = QuestionStreamBlock()
    stream_block.clean(stream_block.to_python(copy.deepcopy(EVERY_TYPE)))


# The editors' block chooser: a sentence and a preview for every block.


@pytest.mark.parametrize("name", list(QuestionStreamBlock.base_blocks))
def test_every_block_has_a_description_and_a_preview_in_the_chooser(client, editor, name):
    from phases.models import PhasePage

    block = PhasePage._meta.get_field("questions").stream_block.child_blocks[name]
    assert str(block.get_description()).endswith(".")
    assert block.is_previewable
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    preview = response.content.decode()
    sample = block.get_preview_value()
    shown = sample.get("label") or sample["title"]
    assert html.escape(shown) in preview, preview
    assert "fr-fieldset" in preview or "fr-input-group" in preview or "fr-callout" in preview
