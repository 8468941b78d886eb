"""Time the building of a full ten-phase *Document de synthèse* .docx, long answers everywhere (no database).

DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/synthesis.py [--out synthese.docx]
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from wagtail.blocks import StreamValue  # noqa: E402

from candidates.models import DABM, Dossier, User  # noqa: E402
from documents.synthesis import build_synthesis_docx  # noqa: E402
from documents.synthesis_content import SynthesisContent, SynthesisPhase  # noqa: E402
from phases.bilan_content import raw_questions, read_content  # noqa: E402
from phases.models import PhasePage  # noqa: E402
from phases.stream import QuestionStreamBlock  # noqa: E402

WARM_UP, RUNS = 3, 20
SENTENCE = (
    "J'ai travaillé pendant plusieurs années au contact du public, en organisant l'accueil, les rendez-vous "
    "et le suivi administratif des dossiers, ce qui m'a appris la rigueur et le sens du service. "
)


def long_text(paragraphs=2, sentences=3) -> str:
    return "\n\n".join(SENTENCE * sentences + "\nEt une ligne à part." for _ in range(paragraphs))


def choice_ids(value) -> list[str]:
    """The propositions' ids, as the answers store them."""
    return [choice.id for choice in value["choices"].bound_blocks]


def answers_for(phase: PhasePage) -> dict:
    """A realistic, long answer to every question of the phase, in the stored format."""
    answers = {}
    for child in phase.question_children:
        value, kind = child.value, child.block_type
        if kind == "short_text":
            answers[child.id] = "Secrétaire médicale en centre hospitalier depuis 2011"
        elif kind == "long_text":
            answers[child.id] = long_text()
        elif kind == "single_choice":
            answers[child.id] = choice_ids(value)[-1]
        elif kind == "multiple_choice":
            choices = choice_ids(value)
            answers[child.id] = choices[: value.get("max_choices") or len(choices)]
        elif kind == "ranking":
            answers[child.id] = list(reversed(choice_ids(value)))
        elif kind == "scale":
            answers[child.id] = {item.id: 1 + i % value["steps"] for i, item in enumerate(value["items"].bound_blocks)}
        elif kind == "table":
            columns = value["columns"].bound_blocks
            answers[child.id] = [{column.id: SENTENCE for column in columns} for _ in range(4)]
        elif kind == "repeatable":
            fields = value["fields"].bound_blocks
            answers[child.id] = [
                {item.id: long_text(1, 2) if item.value["multiline"] else "CHU de Nîmes" for item in fields}
                for _ in range(3)
            ]
    return answers


def sample_content() -> SynthesisContent:
    """Unsaved instances built from the shipped phases (phases/content/bilan.json): no database."""
    candidate = User(username="fmartin", first_name="Françoise", last_name="Lefèvre")
    counsellor = User(username="cboad", first_name="Claire", last_name="BOAD")
    dossier = Dossier(
        candidate=candidate,
        counsellor=counsellor,
        dabm=DABM(name="NÎMES", city="Nîmes"),
        remote=True,
        on_site=True,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    stream_block = QuestionStreamBlock()
    phases = []
    for raw in read_content():
        phase = PhasePage(
            title=raw["title"],
            slug=raw["slug"],
            legal_phase=raw["legal_phase"],
            questions=StreamValue(stream_block, raw_questions(raw), is_lazy=True),
        )
        phases.append(SynthesisPhase(phase, phase.answered_questions(answers_for(phase)), long_text(2, 3)))
    return SynthesisContent(
        dossier=dossier,
        phases=phases,
        attested_minutes=22 * 60 + 30,
        observations=long_text(2, 2),
        observations_at=datetime.datetime(2021, 7, 20, 10, 0, tzinfo=datetime.UTC),
        issued_on=datetime.date(2021, 7, 15),
    )


def main() -> None:
    content = sample_content()
    started = time.perf_counter()
    data = build_synthesis_docx(content)
    print(f"first build (cold): {time.perf_counter() - started:.3f} s, {len(data)} bytes")
    if "--out" in sys.argv:
        Path(sys.argv[sys.argv.index("--out") + 1]).write_bytes(data)
    for _ in range(WARM_UP - 1):
        build_synthesis_docx(content)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        build_synthesis_docx(content)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    print(f"{RUNS} builds after {WARM_UP} warm-up: median {statistics.median(timings):.3f} s, p95 {p95:.3f} s")


if __name__ == "__main__":
    main()
