"""Time the synthèse (.docx and PDF) of the largest dossier the answer limits allow.

    .venv/bin/python bench/largest_answer.py [--runs 5] [--answers 3] [--out FOLDER] [--profile docx|pdf]

A candidate has finished the ten shipped phases (phases/content/bilan.json, loaded as `seed_demo` loads
it), every question answered to the maximum its block accepts (`largest_answer`: every table and
repeatable at its « Nombre maximum de lignes », every cell, short and long text at its maximum length,
every choice that may be ticked). The answers are posted through the candidate's own form (« Marquer comme
terminée »), so they are the largest the portal really accepts. Then the functions the download views call
(`synthesis_content`, `build_synthesis_docx`, `render_synthesis_pdf`) are timed: median of
`--runs` builds after one warm-up. A synthèse too long for a PDF (documents.synthesis.PDF_MAX_HTML_CHARACTERS)
is refused, as the view refuses it, and the time of the refusal is given. Then `--answers` times the largest
single answers of the shipped content, each saved alone (« Enregistrer ») in a finished phase. The data
live in a throwaway test database (SQLite in memory, or `test_…` on the PostgreSQL of DATABASE_URL),
dropped at the end. Settings: `bench.settings` (DEBUG off).
The tests import `Filler` and `largest_answers` from here (Django is then already set up).
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Site  # noqa: E402

from bench.scenario import form_data  # noqa: E402
from candidates import access  # noqa: E402
from candidates.models import DABM, Dossier, PhaseResponse, User  # noqa: E402
from documents.synthesis import TooLargeForPdf, build_synthesis_docx, render_synthesis_pdf  # noqa: E402
from documents.synthesis_content import synthesis_content  # noqa: E402
from phases.bilan_content import load_bilan  # noqa: E402
from phases.models import PhasePage  # noqa: E402

WORDS = (
    "Au cours de cette expérience j'ai accueilli le public organisé les entretiens suivi les dossiers "
    "administratifs et appris la rigueur comme le sens du service"
).split()


class Filler:
    """Texts of exactly n characters, in words; each starts with its own number (« n° 12 »), so that
    one answer can be found again in a document."""

    def __init__(self):
        self.count = 0

    def __call__(self, length: int) -> str:
        self.count += 1
        text, words = f"n° {self.count}", itertools.cycle(WORDS)
        while len(text) < length:
            text += " " + next(words)
        text = text[:length]
        return text[:-1] + "x" if text.endswith(" ") else text  # the form strips a final space


def largest_answers(phase: PhasePage, fill) -> dict:
    """The largest answer to every question of the phase, keyed by block id (the stored format)."""
    return {child.id: child.block.largest_answer(child.value, fill) for child in phase.question_children}


def post_largest_answers(client: Client, phase: PhasePage, fill, action: str = "complete"):
    """The candidate's form, sent with the largest answers (the browser's field names)."""
    post = {**form_data(phase, largest_answers(phase, fill)), "version": "0", "action": action}
    return client.post(reverse("dossiers:phase_answer", args=[phase.slug]), post)


def largest_dossier() -> Dossier:
    """A candidate of the shipped phases, each finished with the largest answers through the form."""
    load_bilan(Site.objects.get(is_default_site=True).root_page.specific)
    phases = list(PhasePage.objects.live().order_by("path"))
    counsellor = User.objects.create(username="cboad", email="cboad@exemple.fr", first_name="Claire", last_name="BOAD")
    counsellor.groups.add(Group.objects.get(name=access.CONSEILLER))
    candidate = User.objects.create(
        username="flefevre", email="flefevre@exemple.fr", first_name="Françoise", last_name="Lefèvre"
    )
    candidate.groups.add(Group.objects.get(name=access.CANDIDAT))
    dossier = Dossier.objects.create(
        candidate=candidate,
        counsellor=counsellor,
        dabm=DABM.objects.create(name="NÎMES", city="Nîmes"),
        remote=True,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    dossier.phases.set(phases)
    client, fill = Client(), Filler()
    client.force_login(candidate)
    for phase in phases:
        response = post_largest_answers(client, phase, fill)
        assert response.status_code == 302, f"{phase.title}: HTTP {response.status_code}"
        assert response.url == reverse("dashboard"), f"{phase.title}: not finished"
    return dossier


def largest_single_answers(count: int) -> list[tuple[PhasePage, object]]:
    """The `count` questions of the shipped phases whose largest answer is the largest (in characters)."""
    sizes = [
        (len(json.dumps(child.block.largest_answer(child.value, Filler()), ensure_ascii=False)), phase.pk, child)
        for phase in PhasePage.objects.live().order_by("path")
        for child in phase.question_children
    ]
    sizes.sort(key=lambda size: size[0], reverse=True)
    return [(PhasePage.objects.get(pk=phase_pk), child) for _size, phase_pk, child in sizes[:count]]


def single_answer_dossier(phase: PhasePage, child) -> Dossier:
    """A dossier whose one finished phase holds one answer, the largest `child` accepts, saved through
    the candidate's form (« Enregistrer »); the phase is then marked finished so the synthèse shows it."""
    dossier = Dossier.objects.get()
    client = Client()
    client.force_login(dossier.candidate)
    PhaseResponse.objects.filter(candidate=dossier.candidate).delete()
    answer = {child.id: child.block.largest_answer(child.value, Filler())}
    post = {**form_data(phase, answer), "version": "0", "action": "save"}
    response = client.post(reverse("dossiers:phase_answer", args=[phase.slug]), post)
    assert response.status_code == 302, f"{phase.title}: HTTP {response.status_code}"
    PhaseResponse.objects.filter(candidate=dossier.candidate, phase=phase).update(status=PhaseResponse.Status.DONE)
    return dossier


def _is_rows(answer) -> bool:
    return isinstance(answer, list) and bool(answer) and isinstance(answer[0], dict)


def median_seconds(build, content, runs: int) -> tuple[float, bytes]:
    data = build(content)  # warm-up: templates, fonts
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        data = build(content)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), data


def profile(build, content) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    build(content)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="Also write synthese.docx and synthese.pdf into this folder.")
    parser.add_argument("--profile", choices=("docx", "pdf"), help="Profile one build (cProfile), no timing.")
    parser.add_argument(
        "--answers",
        type=int,
        default=3,
        help="Then time the N largest single answers, each alone in its phase (0: none).",
    )
    options = parser.parse_args()
    builders = {"docx": build_synthesis_docx, "pdf": pdf_or_refusal}

    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        dossier = largest_dossier()
        content = synthesis_content(dossier)
        print(f"dossier: {len(content.phases)} phases terminées en {time.perf_counter() - started:.1f} s")
        answers = list(PhaseResponse.objects.filter(candidate=dossier.candidate).values_list("answers", flat=True))
        characters = len(json.dumps(answers, ensure_ascii=False))
        rows = sum(len(answer) for phase in answers for answer in phase.values() if _is_rows(answer))
        if options.profile:
            profile(builders[options.profile], content)
            return
        results = {kind: median_seconds(build, content, options.runs) for kind, build in builders.items()}
        single = []
        for phase, child in largest_single_answers(options.answers):
            alone = synthesis_content(single_answer_dossier(phase, child))
            timed = {kind: median_seconds(build, alone, options.runs) for kind, build in builders.items()}
            single.append((phase, child, timed))
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)

    print(f"machine: {os.cpu_count()} cœurs, Python {platform.python_version()}, base {connection.vendor}")
    print(f"réponses: {characters} caractères (JSON enregistré), {rows} lignes de tableaux et d'entrées")
    for kind, (seconds, data) in results.items():
        print(f"synthèse {kind}: {outcome(kind, seconds, data, options.runs)}")
        if options.out and isinstance(data, bytes):
            options.out.mkdir(parents=True, exist_ok=True)
            (options.out / f"synthese.{kind}").write_bytes(data)
    for phase, child, timed in single:
        label = child.value.get("label", "")[:50]
        print(f"une seule réponse, « {label} » ({child.block_type}, phase « {phase.title[:30]} ») :")
        for kind, (seconds, data) in timed.items():
            print(f"  synthèse {kind}: {outcome(kind, seconds, data, options.runs)}")


def pdf_or_refusal(content):
    """What the PDF view gets: the PDF, or the refusal of a synthèse too long for one."""
    try:
        return render_synthesis_pdf(content)
    except TooLargeForPdf as refusal:
        return refusal


def outcome(kind: str, seconds: float, data, runs: int) -> str:
    if isinstance(data, TooLargeForPdf):
        return f"refusée (environ {data.pages} pages : la page propose le .docx), en {seconds:.2f} s"
    pages = f", {pdf_pages(data)} pages" if kind == "pdf" else ""
    return f"médiane {seconds:.2f} s sur {runs} ({len(data) // 1024} Ko{pages})"


def pdf_pages(pdf: bytes) -> str:
    """The page count as poppler's pdfinfo reads it (installed with pdftotext), or « ? »."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
        except (OSError, subprocess.CalledProcessError):
            return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


if __name__ == "__main__":
    main()
