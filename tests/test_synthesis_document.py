"""The *Document de synthèse*: the .docx (opened back with python-docx and through LibreOffice) and the
PDF (read back with pdftotext) say the same thing: the header, the five sections of the law with the
counsellor's text, the annex of the completed phases (those the counsellor left out excepted), the place,
the date and the two signatures, in French that agrees with the dossier."""

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
from docx.oxml.ns import qn
from docx.table import Table

from candidates.dossiers import services as dossier_services
from candidates.models import Attestation, SharingConsent, Synthesis
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
SECTIONS = {
    "circonstances": "<p>Bilan demandé par Lucas pour <strong>préparer une reconversion</strong>.</p>",
    "competences": (
        "<p>Des compétences <strong>relationnelles</strong> et <em>organisationnelles</em> :</p>"
        "<ul><li>accueil du public</li><li>gestion des <strong>plannings</strong></li></ul>"
    ),
    "projets": "<ol><li>Coordinateur de parcours de soins</li><li>Assistant social</li></ol>",
    "etapes": "",
}
HEADINGS = [
    "1. Circonstances du bilan",
    "2. Compétences et aptitudes identifiées",
    "3. Le ou les projets professionnels",
    "4. Les étapes de mise en œuvre",
    "5. Observations du/de la bénéficiaire",
    "Annexe — Réponses aux exercices",
]


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


def attest(dossier, day: datetime.date, minutes: int, reference: str):
    start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=PARIS)
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        duration_minutes=minutes,
        reference=reference,
    )


@pytest.fixture
def setup(candidate, phases, bilan):
    """Lucas BERNARD at the DABM NÎMES: « Contexte de la demande » and the test phase done, « Retour
    historique » still in progress; two sessions attested; three sections written, « étapes » not."""
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
    attest(dossier, datetime.date(2021, 4, 6), 180, "ATT-2021-000002")
    attest(dossier, datetime.date(2021, 3, 30), 210, "ATT-2021-000001")
    synthesis = Synthesis.objects.create(
        dossier=dossier,
        observations="Je me reconnais dans cette synthèse.",
        observations_at=datetime.datetime(2021, 7, 20, 10, 0, tzinfo=PARIS),
        **SECTIONS,
    )
    return {
        "dossier": dossier,
        "synthesis": synthesis,
        "context": context,
        "history": history,
        "test_phase": test_phase,
        "optional": optional,
    }


def read(dossier, issued_on=ISSUED):
    return docx.Document(io.BytesIO(build_synthesis_docx(synthesis_content(dossier, issued_on=issued_on))))


@pytest.fixture
def document(setup):
    return read(setup["dossier"])


def blocks_under(document, heading: str, level: int = 3) -> list:
    """The paragraphs and tables after the first heading with this text, up to the next heading of this
    level or above."""
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


def headings(document, level: int) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == f"Heading {level}"]


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_header_identifies_the_bilan_and_to_whom_it_may_be_given(document):
    assert texts(document)[0] == "ACADÉMIE DE MONTPELLIER"
    title = next(paragraph for paragraph in document.paragraphs if paragraph.style.name == "Title")
    assert title.text == "Document de synthèse — Bilan de compétences"
    assert cells(document.tables[0]) == [
        ["Bénéficiaire", "Lucas BERNARD"],
        ["Conseiller / conseillère", "Claire BOAD"],
        ["DABM", "NÎMES"],
        ["Date du bilan", "du 01/03/2021 au 30/06/2021"],
        ["Modalités", "Mixte (à distance et présentiel)"],
        ["Heures de bilan attestées", "6 h 30"],
    ]
    assert document.tables[0].style.name == "Table Grid"
    assert "Communicable à : personne" in texts(document)
    assert document.core_properties.author == "Mon bilan en ligne"
    assert "Lucas BERNARD" in document.core_properties.title


def test_the_five_sections_in_order_then_the_annex(document):
    assert headings(document, 1) == HEADINGS


def test_circumstances_say_when_where_how_and_the_sessions(document):
    blocks = blocks_under(document, "1. Circonstances du bilan", 1)
    assert blocks[0].text == (
        "Le bilan de compétences du/de la bénéficiaire s'est déroulé du 01/03/2021 au 30/06/2021 au DABM "
        "NÎMES (Académie de Montpellier), selon la modalité « Mixte (à distance et présentiel) », en 2 séances "
        "(les 30/03/2021 et 06/04/2021) ; heures attestées : 6 h 30."
    )
    assert blocks[1].text == "Bilan demandé par Lucas pour préparer une reconversion."


def test_the_counsellors_text_keeps_its_bold_its_italics_and_its_lists(document):
    skills = blocks_under(document, "2. Compétences et aptitudes identifiées", 1)
    opening = skills[0]
    assert opening.text == "Des compétences relationnelles et organisationnelles :"
    assert [run.text for run in opening.runs if run.bold] == ["relationnelles"]
    assert [run.text for run in opening.runs if run.italic] == ["organisationnelles"]
    assert styled(skills, "List Bullet") == ["accueil du public", "gestion des plannings"]
    assert [run.text for run in skills[2].runs if run.bold] == ["plannings"]
    projects = blocks_under(document, "3. Le ou les projets professionnels", 1)
    assert styled(projects, "List Number") == ["Coordinateur de parcours de soins", "Assistant social"]
    steps = blocks_under(document, "4. Les étapes de mise en œuvre", 1)
    assert [block.text for block in steps] == ["Rubrique non renseignée."]
    assert steps[0].runs[0].italic


def test_the_beneficiarys_observations_with_their_date(document):
    observations = blocks_under(document, "5. Observations du/de la bénéficiaire", 1)
    assert [block.text for block in observations] == ["Je me reconnais dans cette synthèse.", "(le 20/07/2021)"]


def test_without_observations_the_section_says_so(setup):
    Synthesis.objects.filter(pk=setup["synthesis"].pk).update(observations="", observations_at=None)
    observations = blocks_under(read(setup["dossier"]), "5. Observations du/de la bénéficiaire", 1)
    assert [block.text for block in observations] == ["Aucune observation à ce jour."]


def test_the_annex_holds_every_completed_phase_by_default(document):
    assert headings(document, 2) == ["Contexte de la demande", "Phase de test"]
    assert "Retour historique" not in "\n".join(texts(document))  # in progress
    assert HIDDEN_NOTE not in "\n".join(texts(document))


def test_a_phase_the_counsellor_left_out_is_not_in_the_annex(setup):
    setup["synthesis"].left_out.add(setup["test_phase"])
    document = read(setup["dossier"])
    assert headings(document, 1) == HEADINGS
    assert headings(document, 2) == ["Contexte de la demande"]
    text = "\n".join(texts(document))
    assert "Secrétaire médicale" not in text and TEST_NOTE not in text

    setup["synthesis"].left_out.add(setup["context"])
    document = read(setup["dossier"])
    assert headings(document, 1) == HEADINGS[:5]  # no heading over an empty annex, but a sentence
    assert headings(document, 2) == []
    after = blocks_under(document, "5. Observations du/de la bénéficiaire", 1)
    assert after[2].text == "Aucune phase terminée n'est reprise en annexe de cette synthèse."


def test_each_type_of_answer(document):
    assert styled(blocks_under(document, "Votre métier actuel ?"), "Normal") == ["Secrétaire médicale"]
    assert styled(blocks_under(document, "Racontez votre parcours."), "Normal") == [
        "Dix ans à l'hôpital.\nPuis une clinique."
    ]
    assert styled(blocks_under(document, "Votre format ?"), "List Bullet") == ["Présentiel"]
    assert styled(blocks_under(document, "Vos motivations ?"), "List Bullet") == ["Évoluer", "Créer"]
    assert styled(blocks_under(document, "Classez vos priorités"), "List Number") == ["Famille", "Santé", "Travail"]

    scale = blocks_under(document, "Importance de ces valeurs")
    assert [block.text for block in scale] == [
        "1 = Sans importance ; 5 = Très important",
        "Sécurité — 4 / 5",
        "Créativité — 2 / 5",
    ]
    assert not any(isinstance(block, Table) for block in scale)
    table = [block for block in blocks_under(document, "Vos compétences") if isinstance(block, Table)]
    assert cells(table[0]) == [["Compétence", "Où acquise"], ["Accueil du public", "Hôpital"]]
    assert table[0].style.name == "Table Grid"
    entries = blocks_under(document, "Vos expériences")
    assert entries[0].text == "Entrée 1"
    assert entries[0].paragraph_format.keep_with_next
    assert cells(entries[1]) == [["Employeur", "CHU de Nîmes"], ["Ce que j'ai aimé", "Le contact avec les patients"]]


def test_unanswered_question_and_shipped_phase_answers(document, setup):
    optional = setup["optional"]
    blocks = blocks_under(document, optional.value["label"])
    assert [block.text for block in blocks] == ["Pas de réponse."]
    assert blocks[0].runs[0].italic
    answered = next(child for child in setup["context"].question_children if child.block_type == "long_text")
    assert f"Réponse à « {answered.value['label']} »" in [
        block.text for block in blocks_under(document, answered.value["label"])
    ]


def test_counsellor_notes_are_labelled_then_place_date_and_signatures(document):
    label = "Notes de synthèse du conseiller (matériau de la synthèse)"
    assert headings(document, 3).count(label) == 2
    assert [block.text for block in blocks_under(document, label)] == [CONTEXT_NOTE]
    assert TEST_NOTE in texts(document)
    assert "Fait à NÎMES, le 15/07/2021." in texts(document)
    signatures = cells(document.tables[-1])
    assert signatures == [["Le/la bénéficiaire", "Le/la conseiller/ère"], ["Lucas BERNARD", "Claire BOAD"]]
    # After the annex: « Fait à » and the signatures come last.
    assert texts(document).index("Fait à NÎMES, le 15/07/2021.") > texts(document).index(TEST_NOTE)


@pytest.mark.parametrize(
    ("civility", "of_beneficiary", "observations", "signer"),
    [
        ("madame", "de la bénéficiaire", "5. Observations de la bénéficiaire", "La bénéficiaire"),
        ("monsieur", "du bénéficiaire", "5. Observations du bénéficiaire", "Le bénéficiaire"),
        ("", "du/de la bénéficiaire", "5. Observations du/de la bénéficiaire", "Le/la bénéficiaire"),
    ],
)
def test_the_words_agree_with_the_civility(setup, civility, of_beneficiary, observations, signer):
    dossier = setup["dossier"]
    dossier.civility = civility
    dossier.save()
    document = read(dossier)
    assert headings(document, 1)[4] == observations
    circumstances = blocks_under(document, "1. Circonstances du bilan", 1)[0].text
    assert circumstances.startswith(f"Le bilan de compétences {of_beneficiary} s'est déroulé")
    assert cells(document.tables[-1])[0] == [signer, "Le/la conseiller/ère"]


def test_the_circumstances_are_in_the_past_once_the_bilan_is_over(candidate):
    """A draft made during the bilan says it « se déroule »; the synthèse issued after it, « s'est déroulé »."""
    dossier = candidate.dossier  # from 01/09/2026 to 31/12/2026, no civility
    during = synthesis_context(synthesis_content(dossier, issued_on=datetime.date(2026, 11, 2)))["circumstances"]
    after = synthesis_context(synthesis_content(dossier, issued_on=datetime.date(2027, 1, 4)))["circumstances"]
    assert during.startswith("Le bilan de compétences du/de la bénéficiaire se déroule du 01/09/2026 au 31/12/2026")
    assert after.startswith("Le bilan de compétences du/de la bénéficiaire s'est déroulé du 01/09/2026 au 31/12/2026")
    assert during.endswith(", sans séance attestée à ce jour.")
    attest(dossier, datetime.date(2026, 10, 5), 90, "ATT-2026-000001")
    one = synthesis_context(synthesis_content(dossier, issued_on=datetime.date(2026, 11, 2)))["circumstances"]
    assert one.endswith(", en 1 séance (le 05/10/2026) ; heures attestées : 1 h 30.")


def test_communicable_to_whom_the_beneficiary_agreed_until_they_revoke_it(setup):
    dossier = setup["dossier"]
    consent = SharingConsent.objects.create(
        dossier=dossier,
        recipient="Mon employeur, la société Dupont",
        given_at=datetime.datetime(2021, 7, 10, 9, tzinfo=PARIS),
    )
    SharingConsent.objects.create(
        dossier=dossier, recipient="Ma conseillère CEP", given_at=datetime.datetime(2021, 7, 12, 9, tzinfo=PARIS)
    )
    assert (
        "Communicable à : Mon employeur, la société Dupont (accord du 10/07/2021) ; Ma conseillère CEP "
        "(accord du 12/07/2021)"
    ) in texts(read(dossier))
    pdf = pdf_text(render_synthesis_pdf(synthesis_content(dossier, issued_on=ISSUED)))
    assert "Communicable à : Mon employeur, la société Dupont (accord du 10/07/2021) ; Ma conseillère CEP" in pdf
    SharingConsent.objects.filter(dossier=dossier).update(revoked_at=datetime.datetime(2021, 7, 14, tzinfo=PARIS))
    document = read(dossier)
    assert "Communicable à : personne" in texts(document)
    assert consent.recipient not in "\n".join(texts(document))


def test_page_header_and_numbered_footer(document):
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert "Lucas BERNARD" in header
    assert "Document de synthèse" in header
    footer = section.footer._element.xml
    assert 'w:fldCharType="begin"' in footer
    assert " PAGE " in footer
    assert " NUMPAGES " in footer
    assert "Page 1 sur 1" in section.footer.paragraphs[0].text
    assert round(section.page_width.cm, 1) == 21.0


def test_tables_fit_inside_the_margins_and_their_rows_never_split(document):
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635  # twips
    assert len(document.tables) >= 5
    for table in document.tables:
        properties = table._tbl.tblPr
        assert properties.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        widths = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(widths) <= text_width
        assert int(properties.find(qn("w:tblW")).get(qn("w:w"))) == sum(widths)
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    entry = next(block for block in blocks_under(document, "Vos expériences") if isinstance(block, Table))
    keeps = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in entry.rows]
    assert keeps == [True, None]  # the entry stays on one page


def test_the_annex_starts_on_a_new_page(document):
    annex = next(paragraph for paragraph in document.paragraphs if paragraph.text == HEADINGS[-1])
    assert annex.paragraph_format.page_break_before


def test_pdf_says_the_same(setup):
    text = pdf_text(render_synthesis_pdf(synthesis_content(setup["dossier"], issued_on=ISSUED)))
    for expected in (
        "Document de synthèse — Bilan de compétences",
        "Lucas BERNARD",
        "Claire BOAD",
        "Communicable à : personne",
        *HEADINGS,
        "s'est déroulé du 01/03/2021 au 30/06/2021",
        "en 2 séances (les 30/03/2021 et 06/04/2021) ; heures attestées : 6 h 30.",
        "préparer une reconversion",
        "gestion des plannings",
        "Coordinateur de parcours de soins",
        "Rubrique non renseignée.",
        "Je me reconnais dans cette synthèse.",
        "Contexte de la demande",
        "Phase de test",
        "Secrétaire médicale",
        "Sécurité — 4 / 5",
        "CHU de Nîmes",
        "Notes de synthèse du conseiller (matériau de la synthèse)",
        "Fait à NÎMES, le 15/07/2021.",
        "Le/la bénéficiaire",
        "Le/la conseiller/ère",
        "Page 1 sur",
    ):
        assert expected in text, expected
    assert "Retour historique" not in text
    assert text.index("4. Les étapes de mise en œuvre") < text.index("Annexe — Réponses aux exercices")


def test_pdf_without_the_left_out_phase(setup):
    setup["synthesis"].left_out.add(setup["test_phase"])
    text = pdf_text(render_synthesis_pdf(synthesis_content(setup["dossier"], issued_on=ISSUED)))
    assert "Contexte de la demande" in text
    assert "Phase de test" not in text and "Secrétaire médicale" not in text


def test_a_dossier_without_synthesis_nor_completed_phase_still_renders(candidate):
    content = synthesis_content(candidate.dossier, issued_on=ISSUED)
    document = docx.Document(io.BytesIO(build_synthesis_docx(content)))
    assert headings(document, 1) == HEADINGS[:5]
    assert texts(document).count("Rubrique non renseignée.") == 4
    assert "Aucune phase terminée n'est reprise en annexe de cette synthèse." in texts(document)
    text = pdf_text(render_synthesis_pdf(content))
    assert "Aucune phase terminée n'est reprise en annexe de cette synthèse." in text
    assert HEADINGS[-1] not in text


def test_the_content_is_read_in_a_fixed_number_of_queries(setup, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two_phases:
        synthesis_content(setup["dossier"])
    dossier_services.response_complete(candidate=setup["dossier"].candidate, phase=setup["history"])
    with django_assert_max_num_queries(len(two_phases)):
        content = synthesis_content(setup["dossier"])
    assert len(content.phases) == 3


def long_table(setup, rows=30):
    """The test phase's table answered with `rows` rows of long cells, so that it runs over pages."""
    from candidates.models import PhaseResponse

    cell = "une phrase assez longue pour tenir plusieurs lignes dans sa colonne du tableau " * 3
    answers = {**FULL_ANSWERS, "table": [{"col-0": f"Ligne {n} : {cell}", "col-1": cell} for n in range(1, rows + 1)]}
    PhaseResponse.objects.filter(phase=setup["test_phase"]).update(answers=answers)
    return [f"Ligne {n} :" for n in range(1, rows + 1)]


def test_the_pdf_holds_every_row_of_a_table_over_several_pages(setup):
    lines = long_table(setup)
    text = pdf_text(render_synthesis_pdf(synthesis_content(setup["dossier"], issued_on=ISSUED)))
    assert [line for line in lines if line not in text] == []


@pytest.mark.libreoffice
def test_libreoffice_opens_the_docx(setup):
    """Fails (not skips) without LibreOffice: CI installs it (scripts/install-system-deps.sh). Every row
    of a table that runs over pages is there."""
    lines = long_table(setup)
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice (soffice) est introuvable : installez libreoffice-writer-nogui."
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "synthese.docx"
        source.write_bytes(build_synthesis_docx(synthesis_content(setup["dossier"], issued_on=ISSUED)))
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
    for expected in (
        *HEADINGS,
        "Phase de test",
        "Lucas BERNARD",
        "Fait à NÎMES",
        "Page 1 sur",
        "gestion des plannings",
    ):
        assert expected in text, expected
    assert "Retour historique" not in text
    assert [line for line in lines if line not in text] == []


def test_the_counsellors_html_is_read_into_paragraphs_lists_and_runs():
    from documents.synthesis_rich_text import RichBlock, Run, rich_blocks

    blocks = rich_blocks(
        "Texte libre<br>à la ligne<p> Un <b>gras</b> et <i>une <strong>italique grasse</strong></i> </p>"
        "<ul><li>un</li><li><ul><li>imbriqué</li></ul></li><li> </li></ul><p>&lt;script&gt; &amp; co</p>"
    )
    assert blocks == [
        RichBlock("p", [[Run("Texte libre\nà la ligne")]]),
        RichBlock(
            "p",
            [
                [
                    Run("Un "),
                    Run("gras", bold=True),
                    Run(" et "),
                    Run("une ", italic=True),
                    Run("italique grasse", bold=True, italic=True),
                ]
            ],
        ),
        RichBlock("ul", [[Run("un")], [Run("imbriqué")]]),
        RichBlock("p", [[Run("<script> & co")]]),
    ]
    assert blocks[3].html == "<p>&lt;script&gt; &amp; co</p>"
    assert rich_blocks("") == [] and rich_blocks("<p> </p>") == []
