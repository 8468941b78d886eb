"""Build a phase with one question of every type, with known ids, for tests."""

import copy

from wagtail.blocks import StreamValue

from phases.models import BilanPage, PhasePage
from phases.stream import QuestionStreamBlock


def items(prefix, values):
    return [{"type": "item", "value": value, "id": f"{prefix}-{i}"} for i, value in enumerate(values)]


def question(block_id, block_type, label, required=False, **extra):
    value = {"label": label, "help_text": "", "required": required, **extra}
    return {"type": block_type, "id": block_id, "value": value}


EVERY_TYPE = [
    {"type": "instruction", "id": "intro", "value": {"title": "Consigne", "text": "<p>Lisez bien.</p>"}},
    question("short", "short_text", "Votre métier actuel ?", required=True),
    question("long", "long_text", "Racontez votre parcours."),
    question("single", "single_choice", "Votre format ?", choices=items("single", ["A distance", "Présentiel"])),
    question(
        "multi",
        "multiple_choice",
        "Vos motivations ?",
        required=True,
        choices=items("multi", ["Évoluer", "Changer", "Créer"]),
        max_choices=2,
    ),
    question(
        "scale",
        "scale",
        "Importance de ces valeurs",
        items=items("scale", ["Sécurité", "Créativité"]),
        steps=5,
        min_label="Sans importance",
        max_label="Très important",
    ),
    question("rank", "ranking", "Classez vos priorités", choices=items("rank", ["Santé", "Famille", "Travail"])),
    question("table", "table", "Vos compétences", columns=items("col", ["Compétence", "Où acquise"]), max_rows=50),
    question(
        "entries",
        "repeatable",
        "Vos expériences",
        fields=[
            {"type": "item", "id": "f-0", "value": {"label": "Employeur", "multiline": False}},
            {"type": "item", "id": "f-1", "value": {"label": "Ce que j'ai aimé", "multiline": True}},
        ],
        max_rows=50,
    ),
]


def every_type_phase(bilan: BilanPage, slug="phase-de-test", *, max_rows=None, help_text="") -> PhasePage:
    """The phase of EVERY_TYPE; `max_rows` sets the limit of its table and its repeatable entries,
    `help_text` the help of every question."""
    questions = copy.deepcopy(EVERY_TYPE)
    for block in questions:
        if "help_text" in block["value"]:
            block["value"]["help_text"] = help_text
        if max_rows is not None and "max_rows" in block["value"]:
            block["value"]["max_rows"] = max_rows
    phase = bilan.add_child(
        instance=PhasePage(
            title="Phase de test",
            slug=slug,
            introduction="<p>Introduction de test.</p>",
            questions=StreamValue(QuestionStreamBlock(), questions, is_lazy=True),
        )
    )
    return phase


FULL_POST = {
    "short": "Secrétaire médicale",
    "long": "Dix ans à l'hôpital.\nPuis une clinique.",
    "single": "single-1",  # Présentiel
    "multi": ["multi-0", "multi-2"],  # Évoluer, Créer
    "scale__scale-0": "4",
    "scale__scale-1": "2",
    "rank__rank-0": "2",  # Santé
    "rank__rank-1": "1",  # Famille
    "rank__rank-2": "3",  # Travail
    "table__0__col-0": "Accueil du public",
    "table__0__col-1": "Hôpital",
    "table__1__col-0": "",
    "table__1__col-1": "",
    "entries__0__f-0": "CHU de Nîmes",
    "entries__0__f-1": "Le contact avec les patients",
}

FULL_ANSWERS = {
    "short": "Secrétaire médicale",
    "long": "Dix ans à l'hôpital.\nPuis une clinique.",
    "single": "single-1",
    "multi": ["multi-0", "multi-2"],
    "scale": {"scale-0": 4, "scale-1": 2},
    "rank": ["rank-1", "rank-0", "rank-2"],
    "table": [{"col-0": "Accueil du public", "col-1": "Hôpital"}],
    "entries": [{"f-0": "CHU de Nîmes", "f-1": "Le contact avec les patients"}],
}


def sample_answer(child, text: str):
    """A well-formed answer to any question, as the candidate's form would store it."""
    value = child.value
    kind = child.block_type
    if kind in ("short_text", "long_text"):
        return text
    choice_ids = [choice.id for choice in value["choices"].bound_blocks] if "choices" in value else []
    if kind == "single_choice":
        return choice_ids[0]
    if kind == "multiple_choice":
        return choice_ids[:1]
    if kind == "ranking":
        return choice_ids
    if kind in ("scale", "riasec"):
        return {item.id: 1 for item in value["items"].bound_blocks}
    if kind in ("table", "action_plan"):
        return [{column.id: text for column in value["columns"].bound_blocks}]
    if kind in ("rome_competences", "rome_jobs"):  # one item in the candidate's words, on the first degree
        return [{"code": "", "label": text, "kind": "libre", "level": value["levels"].bound_blocks[0].id}]
    if kind == "repeatable":
        return [{field.id: text for field in value["fields"].bound_blocks}]
    raise ValueError(kind)


def complete_phase(candidate, phase, text: str):
    """Answer every question of `phase` for `candidate`, then mark it as finished."""
    from candidates.dossiers import services as dossier_services

    answers = {child.id: sample_answer(child, text) for child in phase.question_children}
    dossier_services.response_save(candidate=candidate, phase=phase, answers=answers, version=0)
    assert dossier_services.response_complete(candidate=candidate, phase=phase) == []
