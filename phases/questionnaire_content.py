"""The questionnaires after the bilan as shipped (`content/questionnaires.json`): « Suivi à six mois »
and « Appréciation de fin de bilan », with stable block ids as the phases have (`bilan_content`)."""

import json
from pathlib import Path

from .bilan_content import raw_questions

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "questionnaires.json"


def read_questionnaires() -> list[dict]:
    """Each questionnaire: its model name, title, slug, introduction and raw questions (with ids)."""
    shipped = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    return [{**page, "raw_questions": raw_questions(page)} for page in shipped]
