"""Time the *Document de synthèse* (.docx and PDF) at the limits: ten phases, every answer at its size limit,
the counsellor's four sections at theirs.

    .venv/bin/python bench/synthesis_document.py [--runs 5] [--notes] [--libreoffice] [--out FOLDER]
                                                 [--profile docx|pdf]

The dossier is `bench/largest_answer.py`'s: a candidate finishes the ten shipped phases through her own
form, every question at the largest answer it accepts (`largest_answer`, `ANSWER_MAX_LENGTH`). The
counsellor's four sections are then written at `SECTION_MAX_LENGTH` characters of rich text each
(paragraphs with bold and italics, bullet lists), through `synthesis_save`; `--notes` also fills the
counsellor's notes on each phase and the beneficiary's observations to their limits. Timed, median of
`--runs` builds after one warm-up, the functions the download views call:

1. the whole synthèse: .docx, and the PDF — refused past `PDF_MAX_HTML_CHARACTERS` as the view refuses it;
2. the five sections alone (every phase left out of the annex), .docx and PDF;
3. a long synthèse (bench/synthesis.py's long answers, sections of 2 500 characters), .docx and PDF;
4. the same with no phase in the annex: the five sections of 2 500 characters, .docx and PDF.

Pages: the PDF's from pdfinfo; the .docx's from LibreOffice (`--libreoffice`, which converts it: slow for
the largest). Characters: those of the text the reader reads (the PDF's or the .docx's paragraphs and
cells). Throwaway test database, dropped at the end; settings `bench.settings` (DEBUG off).
"""

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()

import docx  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.largest_answer import (  # noqa: E402
    Filler,
    largest_dossier,
    median_seconds,
    pdf_or_refusal,
    pdf_pages,
    profile,
)
from bench.synthesis import answers_for  # noqa: E402
from candidates.dossiers import services as dossier_services  # noqa: E402
from candidates.models import PhaseResponse, Synthesis  # noqa: E402
from candidates.synthesis import services as synthesis_services  # noqa: E402
from candidates.synthesis.models import SECTION_MAX_LENGTH  # noqa: E402
from documents.synthesis import TooLargeForPdf, build_synthesis_docx  # noqa: E402
from documents.synthesis_content import synthesis_content  # noqa: E402
from phases.models import PhasePage  # noqa: E402
from phases.synthesis_sections import SynthesisSection  # noqa: E402

NOTES_MAX_LENGTH = 20_000  # SynthesisNote.text, Synthesis.observations


def rich_text(length: int, fill) -> str:
    """Counsellor's HTML of at most `length` characters: paragraphs with bold and italics, bullet lists."""

    def block() -> str:
        items = "".join(f"<li>{fill(160)}</li>" for _ in range(4))
        return f"<p>{fill(500)} <strong>{fill(60)}</strong> <em>{fill(40)}</em> {fill(300)}</p><ul>{items}</ul>"

    html = ""
    while len(html) + 2_000 < length:
        html += block()
    return html + f"<p>{fill(length - len(html) - 7)}</p>"


def write_sections(dossier, length: int, fill):
    sections = {section.value: rich_text(length, fill) for section in SynthesisSection}
    synthesis_services.synthesis_save(
        actor=dossier.counsellor, dossier=dossier, sections=sections, left_out=None, version=0
    )
    synthesis = Synthesis.objects.get(dossier=dossier)
    assert all(len(text) <= SECTION_MAX_LENGTH for _section, text in synthesis.sections())
    return synthesis


def write_notes(dossier, fill):
    for phase in dossier.phases.all():
        dossier_services.synthesis_note_save(dossier=dossier, phase=phase, text=fill(NOTES_MAX_LENGTH))
    Synthesis.objects.filter(dossier=dossier).update(observations=fill(NOTES_MAX_LENGTH))


def docx_characters(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return sum(len(text) for text in texts)


def pdf_characters(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, check=True).stdout  # noqa: S603, S607
    return len(text.decode("utf-8"))


def libreoffice_pages(data: bytes) -> str:
    binary = shutil.which("soffice")
    if not binary:
        return "?"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "synthese.docx"
        source.write_bytes(data)
        profile_dir = Path(folder) / f"lo-{uuid.uuid4().hex}"  # a LibreOffice profile of its own
        subprocess.run(  # noqa: S603
            [binary, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf"]
            + ["--outdir", folder, str(source)],
            capture_output=True,
            check=True,
            timeout=1800,
        )
        return pdf_pages((Path(folder) / "synthese.pdf").read_bytes())


def report(name: str, content, options) -> None:
    seconds, data = median_seconds(build_synthesis_docx, content, options.runs)
    pages = f", {libreoffice_pages(data)} pages (LibreOffice)" if options.libreoffice else ""
    print(
        f"{name} — .docx : médiane {seconds:.3f} s ({len(data) // 1024} Ko, {docx_characters(data)} caractères{pages})"
    )
    if options.out:
        (options.out / f"{name.split()[0]}.docx").write_bytes(data)
    seconds, pdf = median_seconds(pdf_or_refusal, content, options.runs)
    if isinstance(pdf, TooLargeForPdf):
        print(f"{name} — PDF : refusé (environ {pdf.pages} pages, la page propose le .docx) en {seconds:.3f} s")
        return
    print(
        f"{name} — PDF : médiane {seconds:.3f} s ({len(pdf) // 1024} Ko, {pdf_pages(pdf)} pages, "
        f"{pdf_characters(pdf)} caractères)"
    )
    if options.out:
        (options.out / f"{name.split()[0]}.pdf").write_bytes(pdf)


def realistic(dossier):
    """Another candidate's dossier: bench/synthesis.py's long answers, sections of 2 500 characters."""
    from candidates.models import Dossier, User

    candidate = User.objects.create(username="lbernard", first_name="Lucas", last_name="Bernard")
    other = Dossier.objects.create(
        candidate=candidate,
        counsellor=dossier.counsellor,
        dabm=dossier.dabm,
        on_site=True,
        start_date=dossier.start_date,
        end_date=dossier.end_date,
        civility=Dossier.Civility.MONSIEUR,
    )
    phases = list(PhasePage.objects.live().order_by("path"))
    other.phases.set(phases)
    for phase in phases:
        PhaseResponse.objects.create(
            candidate=candidate, phase=phase, answers=answers_for(phase), status=PhaseResponse.Status.DONE
        )
    write_sections(other, 2_500, Filler())
    return other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", action="store_true", help="Also the notes and the observations at their limit.")
    parser.add_argument("--libreoffice", action="store_true", help="Count the .docx's pages through LibreOffice.")
    parser.add_argument("--out", type=Path, help="Write the documents into this folder.")
    parser.add_argument("--profile", choices=("docx", "pdf"), help="Profile one build of the whole synthèse.")
    options = parser.parse_args()
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)

    setup_test_environment()
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        dossier = largest_dossier()
        fill = Filler()
        synthesis = write_sections(dossier, SECTION_MAX_LENGTH, fill)
        if options.notes:
            write_notes(dossier, fill)
        whole = synthesis_content(dossier)
        print(f"dossier : {len(whole.phases)} phases terminées, préparé en {time.perf_counter() - started:.1f} s")
        print(f"machine : {os.cpu_count()} cœurs, Python {platform.python_version()}, base {connection.vendor}")
        if options.profile:
            profile({"docx": build_synthesis_docx, "pdf": pdf_or_refusal}[options.profile], whole)
            return
        report("complète (sections et annexe au maximum)", whole, options)
        synthesis.left_out.set(dossier.phases.all())
        report("sections (les cinq rubriques seules, au maximum)", synthesis_content(dossier), options)
        other = realistic(dossier)
        report(
            "longue (réponses de bench/synthesis.py, rubriques de 2 500 caractères)", synthesis_content(other), options
        )
        Synthesis.objects.get(dossier=other).left_out.set(other.phases.all())
        report("courte (les cinq rubriques de 2 500 caractères, sans annexe)", synthesis_content(other), options)
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)


if __name__ == "__main__":
    main()
