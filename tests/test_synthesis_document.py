"""The *Document de synthèse*: the .docx (opened back with python-docx and through LibreOffice) and
the PDF say the same thing, phase by phase, and hold only the completed phases."""

import dataclasses
import datetime
import io
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.table import Table

from candidates.dossiers import services as dossier_services
from candidates.models import Attestation
from documents.synthesis import build_synthesis_docx, render_synthesis_pdf, synthesis_context
from documents.synthesis_content import synthesis_content

from .factories import DABMFactory
from .phase_builders import FULL_ANSWERS, every_type_phase
from .samples import pdf_text

PARIS = ZoneInfo("Europe/Paris")
ISSUED = datetime.date(2021, 7, 15)
CONTEXT_NOTE = "Demande motivée par une reconversion.\nÀ approfondir en entretien."
TEST_NOTE = "Profil orienté relation patient."
HIDDEN_NOTE = "Note sur une phase inachevée"


def sample_answers(phase, skip=()) -> dict:
    """An answer to every question of a shipped phase, in the stored format, keyed by block id."""
    answers = {}
    for child in phase.question_children:
        value, kind = child.value, child.block_type
        choices = [choice.id for choice in value["choices"].bound_blocks] if "choices" in value else []
        if child.id in skip:
            continue
        if kind in ("short_text", "long_text"):
            answers[child.id] = f"Réponse à « {value['label']} »"
        elif kind == "single_choice":
            answers[child.id] = choices[0]
        elif kind == "multiple_choice":
            answers[child.id] = choices[: value.get("max_choices") or 2]
        elif kind == "ranking":
            answers[child.id] = list(reversed(choices))
        elif kind == "scale":
            answers[child.id] = {item.id: 1 for item in value["items"].bound_blocks}
        elif kind == "table":
            answers[child.id] = [{column.id: f"Case {column.value}" for column in value["columns"].bound_blocks}]
        elif kind == "repeatable":
            answers[child.id] = [{item.id: f"Champ {item.value['label']}" for item in value["fields"].bound_blocks}]
    return answers


@pytest.fixture
def setup(candidate, phases, bilan):
    """Lucas BERNARD at the DABM NÎMES: « Contexte de la demande » and the test phase done,
    « Retour historique » still in progress."""
    dossier = candidate.dossier
    dossier.dabm = DABMFactory(name="NÎMES", city="Nîmes")
    dossier.remote = dossier.on_site = True
    dossier.start_date, dossier.end_date = datetime.date(2021, 3, 1), datetime.date(2021, 6, 30)
    dossier.save()
    context, history = phases[0], phases[1]
    test_phase = every_type_phase(bilan)
    dossier.phases.set([context, history, test_phase])

    optional = next(child for child in context.question_children if not child.value["required"])
    for phase, answers in (
        (context, sample_answers(context, skip={optional.id})),
        (test_phase, FULL_ANSWERS),
    ):
        dossier_services.response_save(candidate=candidate, phase=phase, answers=answers, version=0)
        assert dossier_services.response_complete(candidate=candidate, phase=phase) == []
    dossier_services.response_save(candidate=candidate, phase=history, answers=sample_answers(history), version=0)

    dossier_services.synthesis_note_save(dossier=dossier, phase=context, text=CONTEXT_NOTE)
    dossier_services.synthesis_note_save(dossier=dossier, phase=test_phase, text=TEST_NOTE)
    dossier_services.synthesis_note_save(dossier=dossier, phase=history, text=HIDDEN_NOTE)
    Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=datetime.datetime(2021, 3, 30, 9, 0, tzinfo=PARIS),
        end=datetime.datetime(2021, 3, 30, 12, 30, tzinfo=PARIS),
        duration_minutes=210,
        reference="ATT-2021-000001",
    )
    content = dataclasses.replace(
        synthesis_content(dossier, issued_on=ISSUED),
        observations="Je me reconnais dans cette synthèse.",
        observations_at=datetime.datetime(2021, 7, 20, 10, 0, tzinfo=PARIS),
    )
    return {"content": content, "context": context, "history": history, "test_phase": test_phase, "optional": optional}


@pytest.fixture
def document(setup):
    return docx.Document(io.BytesIO(build_synthesis_docx(setup["content"])))


def blocks_under(document, heading: str, level: int = 2) -> list:
    """The paragraphs and tables after the first heading with this text, up to the next heading."""
    found, blocks = False, []
    for block in document.iter_inner_content():
        style = "" if isinstance(block, Table) else block.style.name
        if found and style.startswith("Heading ") and int(style[-1]) <= level:
            break
        if found:
            blocks.append(block)
        elif style == f"Heading {level}" and block.text == heading:
            found = True
    assert found, heading
    return blocks


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def styled(blocks, style: str) -> list[str]:
    return [block.text for block in blocks if not isinstance(block, Table) and block.style.name == style]


def test_header_identifies_the_bilan(document):
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "ACADÉMIE DE MONTPELLIER"
    title = next(paragraph for paragraph in document.paragraphs if paragraph.style.name == "Title")
    assert title.text == "Document de synthèse — Bilan de compétences"
    assert cells(document.tables[0]) == [
        ["Bénéficiaire", "Lucas BERNARD"],
        ["Conseiller / conseillère", "Claire BOAD"],
        ["DABM", "NÎMES"],
        ["Date du bilan", "du 01/03/2021 au 30/06/2021"],
        ["Modalités", "Mixte (à distance et présentiel)"],
        ["Heures de bilan attestées", "3 h 30"],
    ]
    assert document.tables[0].style.name == "Table Grid"
    circumstances = " ".join(block.text for block in blocks_under(document, "Circonstances du bilan", 1))
    assert "du 01/03/2021 au 30/06/2021" in circumstances
    assert "NÎMES" in circumstances
    assert "Voir la phase « Contexte de la demande » ci-dessous." in circumstances
    assert document.core_properties.author == "Mon bilan en ligne"
    assert "Lucas BERNARD" in document.core_properties.title


def test_one_heading_per_completed_phase_and_none_for_the_unfinished_one(document):
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings == [
        "Circonstances du bilan",
        "Contexte de la demande",
        "Phase de test",
        "Observations du / de la bénéficiaire",
    ]
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Retour historique" not in text
    assert HIDDEN_NOTE not in text


def test_each_type_of_answer(document):
    assert styled(blocks_under(document, "Votre métier actuel ?"), "Normal") == ["Secrétaire médicale"]
    assert styled(blocks_under(document, "Racontez votre parcours."), "Normal") == [
        "Dix ans à l'hôpital.\nPuis une clinique."
    ]
    assert styled(blocks_under(document, "Votre format ?"), "List Bullet") == ["Présentiel"]
    assert styled(blocks_under(document, "Vos motivations ?"), "List Bullet") == ["Évoluer", "Créer"]
    assert styled(blocks_under(document, "Classez vos priorités"), "List Number") == ["Famille", "Santé", "Travail"]

    scale = [block for block in blocks_under(document, "Importance de ces valeurs") if isinstance(block, Table)]
    assert cells(scale[0]) == [["Élément", "Note sur 5"], ["Sécurité", "4"], ["Créativité", "2"]]
    assert scale[0].style.name == "Table Grid"
    table = [block for block in blocks_under(document, "Vos compétences") if isinstance(block, Table)]
    assert cells(table[0]) == [["Compétence", "Où acquise"], ["Accueil du public", "Hôpital"]]
    entries = [block for block in blocks_under(document, "Vos expériences") if isinstance(block, Table)]
    assert [cells(entry) for entry in entries] == [
        [["Employeur", "CHU de Nîmes"], ["Ce que j'ai aimé", "Le contact avec les patients"]]
    ]


def test_unanswered_question_and_shipped_phase_answers(document, setup):
    optional = setup["optional"]
    blocks = blocks_under(document, optional.value["label"])
    assert [block.text for block in blocks] == ["Pas de réponse."]
    assert blocks[0].runs[0].italic
    answered = next(child for child in setup["context"].question_children if child.block_type == "long_text")
    texts = [block.text for block in blocks_under(document, answered.value["label"])]
    assert f"Réponse à « {answered.value['label']} »" in texts


def test_counsellor_notes_observations_place_date_and_signatures(document):
    notes = [block.text for block in blocks_under(document, "Notes de synthèse du conseiller")]
    assert notes == [CONTEXT_NOTE]
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 2"]
    assert headings.count("Notes de synthèse du conseiller") == 2
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert TEST_NOTE in texts
    assert "Je me reconnais dans cette synthèse." in texts
    assert "(le 20/07/2021)" in texts
    assert "Fait à NÎMES, le 15/07/2021." in texts
    signatures = cells(document.tables[-1])
    assert signatures[0] == ["Le/la bénéficiaire", "Le/la conseiller/ère"]
    assert signatures[1] == ["Lucas BERNARD", "Claire BOAD"]


def test_page_header_and_numbered_footer(document):
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert "Lucas BERNARD" in header
    assert "Document de synthèse" in header
    footer = section.footer._element.xml
    assert 'w:fldCharType="begin"' in footer
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    assert round(section.page_width.cm, 1) == 21.0


def test_pdf_says_the_same(setup):
    text = pdf_text(render_synthesis_pdf(setup["content"]))
    assert "Document de synthèse — Bilan de compétences" in text
    for expected in (
        "Lucas BERNARD",
        "Claire BOAD",
        "du 01/03/2021 au 30/06/2021",
        "Contexte de la demande",
        "Phase de test",
        "Secrétaire médicale",
        "Famille",
        "Note sur 5",
        "CHU de Nîmes",
        "Notes de synthèse du conseiller",
        "Fait à NÎMES, le 15/07/2021.",
        "Le/la bénéficiaire",
        "Le/la conseiller/ère",
        "Page 1 /",
    ):
        assert expected in text, expected
    assert "Retour historique" not in text


def test_a_dossier_without_completed_phase_still_renders(candidate):
    content = synthesis_content(candidate.dossier, issued_on=ISSUED)
    document = docx.Document(io.BytesIO(build_synthesis_docx(content)))
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings == ["Circonstances du bilan"]
    assert render_synthesis_pdf(content).startswith(b"%PDF-")


def test_the_circumstances_are_in_the_past_once_the_bilan_is_over(candidate):
    """A draft made during the bilan says it « se déroule »; the synthèse issued after it, « s'est déroulé »."""
    dossier = candidate.dossier  # from 01/09/2026 to 31/12/2026
    during = synthesis_context(synthesis_content(dossier, issued_on=datetime.date(2026, 11, 2)))["circumstances"]
    after = synthesis_context(synthesis_content(dossier, issued_on=datetime.date(2027, 1, 4)))["circumstances"]
    assert during.startswith("Le bilan de compétences se déroule du 01/09/2026 au 31/12/2026")
    assert after.startswith("Le bilan de compétences s'est déroulé du 01/09/2026 au 31/12/2026")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_docx(setup):
    """Fails (not skips) without LibreOffice: CI installs it (scripts/install-system-deps.sh)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice (soffice) est introuvable : installez libreoffice-writer-nogui."
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "synthese.docx"
        source.write_bytes(build_synthesis_docx(setup["content"]))
        profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
        try:
            subprocess.run(  # noqa: S603
                [
                    binary,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                capture_output=True,
                check=True,
                timeout=120,
            )
        finally:
            shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
        text = pdf_text((Path(folder) / "synthese.pdf").read_bytes())
    for expected in ("Contexte de la demande", "Phase de test", "Lucas BERNARD", "Fait à NÎMES", "Page 1 /"):
        assert expected in text, expected
    assert "Retour historique" not in text
