"""The ten phases shipped with the portal (`content/bilan.json`), written into the page tree.

Block and list-item ids are derived from the phase slug and positions, so loading the same
content on two machines gives the same ids, and the answers keyed by them match. A question added
after the first release carries its own `key`, from which its id is derived: it takes no position, so
the questions around it keep theirs (and their ids, and the answers keyed by them).
"""

import json
import uuid
from pathlib import Path

from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Page

from .models import BilanPage, PhasePage
from .stream import QuestionStreamBlock

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "bilan.json"
ID_NAMESPACE = uuid.UUID("0b7f6a52-3c1e-4f0e-9d55-6a1d2c8e4b10")
LIST_KEYS = ("choices", "items", "columns", "fields", "levels")


def stable_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def raw_questions(phase: dict) -> list[dict]:
    """The phase's questions as StreamField raw data, with stable ids on blocks and list items."""
    stream, positions = [], iter(range(len(phase["questions"])))
    for question in phase["questions"]:
        index = question.get("key") or next(positions)
        value = dict(question["value"])
        if getattr(QuestionStreamBlock.base_blocks[question["type"]], "is_question", False):
            value.setdefault("synthesis_section", phase["synthesis_section"])  # the phase's, unless its own
        for key in LIST_KEYS:
            if key in value:
                value[key] = [
                    {"type": "item", "value": item, "id": stable_id(phase["slug"], index, key, position)}
                    for position, item in enumerate(value[key])
                ]
        stream.append({"type": question["type"], "value": value, "id": stable_id(phase["slug"], index)})
    return stream


def read_content() -> list[dict]:
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def load_bilan(parent: Page) -> BilanPage:
    """Create « Les phases du bilan » and its phases under `parent`, unless they already exist."""
    existing = BilanPage.objects.first()
    if existing:
        return existing
    bilan = parent.add_child(
        instance=BilanPage(
            title="Les phases du bilan",
            slug="les-phases-du-bilan",
            introduction="<p>Les dix phases du bilan de compétences, dans l'ordre du guide.</p>",
        )
    )
    stream_block = QuestionStreamBlock()
    for phase in read_content():
        page = bilan.add_child(
            instance=PhasePage(
                title=phase["title"],
                slug=phase["slug"],
                legal_phase=phase["legal_phase"],
                estimated_minutes=phase["estimated_minutes"],
                introduction=phase["introduction"],
                questions=StreamValue(stream_block, raw_questions(phase), is_lazy=True),
            )
        )
        page.save_revision().publish()
    return bilan
