"""Each question block describes its own answer for the synthèse (`document_answer`): what the reader of
the .docx and the PDF gets for a typical answer and for none. No database: the blocks of EVERY_TYPE."""

import copy

import pytest
from wagtail.blocks import StreamValue

from phases.document_answers import DocumentAnswer, column_shares
from phases.stream import QuestionStreamBlock

from .phase_builders import EVERY_TYPE

CHILDREN = {child.id: child for child in StreamValue(QuestionStreamBlock(), copy.deepcopy(EVERY_TYPE), is_lazy=True)}


def described(block_id: str, stored) -> DocumentAnswer:
    """What the synthèse says of this stored answer, through the read-only data as the synthèse gets it."""
    child = CHILDREN[block_id]
    return child.block.document_answer(child.value, child.block.display_answer(child.value, stored))


TYPICAL = {
    "short": (
        "Secrétaire médicale\x0b",
        DocumentAnswer("Votre métier actuel ?", "text", paragraphs=["Secrétaire médicale"]),
    ),
    "long": (
        "Dix ans à l'hôpital.\r\nPuis une clinique.\n\n  \nEt un second paragraphe.",
        DocumentAnswer(
            "Racontez votre parcours.",
            "text",
            paragraphs=["Dix ans à l'hôpital.\nPuis une clinique.", "Et un second paragraphe."],
        ),
    ),
    "single": ("single-1", DocumentAnswer("Votre format ?", "bullets", items=["Présentiel"])),
    "multi": (["multi-2", "multi-0"], DocumentAnswer("Vos motivations ?", "bullets", items=["Évoluer", "Créer"])),
    "scale": (
        {"scale-0": 4},
        DocumentAnswer(
            "Importance de ces valeurs",
            "scale",
            caption="1 = Sans importance ; 5 = Très important",
            rows=[["Sécurité", "4 / 5"], ["Créativité", "—"]],
        ),
    ),
    "rank": (
        ["rank-1", "rank-0", "rank-2"],
        DocumentAnswer("Classez vos priorités", "numbered", items=["Famille", "Santé", "Travail"]),
    ),
    "table": (
        [{"col-0": "Accueil du public", "col-1": "Hôpital"}, {"col-0": " ", "col-1": ""}],
        DocumentAnswer(
            "Vos compétences",
            "table",
            headers=["Compétence", "Où acquise"],
            rows=[["Accueil du public", "Hôpital"]],
            widths=[55.7, 44.3],  # « Accueil du public » is longer than « Hôpital »
        ),
    ),
    "entries": (
        [{"f-0": "", "f-1": ""}, {"f-0": "CHU de Nîmes", "f-1": ""}],
        DocumentAnswer(
            "Vos expériences",
            "entries",
            rows=[[("Employeur", "CHU de Nîmes"), ("Ce que j'ai aimé", "—")]],
        ),
    ),
}

EMPTY = {
    "short": "  \n ",
    "long": None,
    "single": "",
    "multi": [],
    "scale": {},
    "rank": None,
    "table": [{"col-0": "", "col-1": "  "}],
    "entries": [],
}


# Described elsewhere: the plan d'action is a table (same description); the ROME blocks need the
# référentiel loaded (tests/test_rome_blocks.py).
ELSEWHERE = {"instruction", "action_plan", "rome_competences", "rome_jobs", "riasec", "rome_suggestions", "rome_gap"}


def test_every_kind_of_question_is_described_here():
    kinds = {CHILDREN[block_id].block_type for block_id in TYPICAL}
    assert kinds == set(QuestionStreamBlock.base_blocks) - ELSEWHERE
    assert set(EMPTY) == set(TYPICAL)


@pytest.mark.parametrize("block_id", TYPICAL)
def test_a_typical_answer_as_the_synthesis_shows_it(block_id):
    stored, expected = TYPICAL[block_id]
    assert described(block_id, stored) == expected


@pytest.mark.parametrize("block_id", EMPTY)
def test_no_answer_is_empty(block_id):
    """The synthèse then says « Pas de réponse. » under the question (blank rows, unrated items count as none)."""
    answer = described(block_id, EMPTY[block_id])
    assert (answer.kind, answer.paragraphs, answer.items, answer.rows) == ("empty", [], [], [])
    assert answer.label == CHILDREN[block_id].value["label"]


def test_a_ranking_is_numbered_in_its_order_choices_are_bullets_in_the_editors_order():
    assert described("rank", ["rank-2", "rank-0", "rank-1"]).items == ["Travail", "Santé", "Famille"]
    assert described("multi", ["multi-2", "multi-0"]).items == ["Évoluer", "Créer"]
    assert described("multi", ["multi-2", "multi-0"]).kind == "bullets"


def test_rows_blocks_say_their_layout():
    table, entries = CHILDREN["table"], CHILDREN["entries"]
    assert (table.block.layout, entries.block.layout) == ("table", "entries")
    assert table.block.display_answer(table.value, [])["layout"] == "table"
    assert entries.block.display_answer(entries.value, [])["layout"] == "entries"


def test_a_rating_at_either_end_of_the_scale_says_what_it_means():
    rows = described("scale", {"scale-0": 5, "scale-1": 1}).rows
    assert rows == [["Sécurité", "5 / 5 (Très important)"], ["Créativité", "1 / 5 (Sans importance)"]]


def test_the_columns_of_a_table_share_the_width_after_their_texts():
    """They add up to the whole width whatever the texts, and a column of sentences gets more of it."""
    sentence = "Organisation de l'accueil des patients et du suivi administratif de leurs dossiers"
    shares = column_shares(["Quand", "Quoi", "Où"], [["2019", sentence, "CHU"], ["2020", sentence, "Clinique"]])
    assert round(sum(shares), 1) == 100.0
    assert shares[1] > 2 * shares[0] and shares[1] > 2 * shares[2]
    assert min(shares) >= 50 / 3  # half the width is shared equally: no column is squeezed to nothing
    many = column_shares([f"Colonne {number}" for number in range(12)], [["x" * 300] * 12])
    assert round(sum(many), 1) == 100.0 and len(many) == 12
    assert column_shares([], []) == []
