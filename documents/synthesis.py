"""The *Document de synthèse*: an editable Word document (python-docx) and the same content as a PDF.

Rendering only: the caller has already checked who may see the dossier, and `synthesis_content`
(synthesis_content.py) has read what it holds. Both formats read one plain description of the document
(`synthesis_context`): the header, the five sections of the law (R6313-4: circumstances, skills and
aptitudes, projects, steps, the beneficiary's observations), the annex of the completed phases — each
question block describing its own answer (`document_answer`) — then the place, the date and the
signatures; so they always say the same thing. How Word lays it out: docx_writer.py; the PDF:
templates/documents/synthesis.html. The French of the document (agreement, tense): synthesis_words.py.
"""

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from docx import Document

from candidates import portal_settings
from candidates.attestations.durations import hours_minutes
from candidates.synthesis.models import communicable_to
from phases.document_answers import clean, split_paragraphs
from phases.synthesis_sections import SynthesisSection

from . import synthesis_words as words
from .docx_writer import Writer, set_up_page, set_up_styles
from .pdf import html_to_pdf
from .synthesis_content import SynthesisContent
from .synthesis_rich_text import RichBlock, Run, rich_blocks

TITLE = "Document de synthèse — Bilan de compétences"
RUNNING_TITLE = "Document de synthèse"
ANNEX_HEADING = "Annexe — Réponses aux exercices"
ANNEX_EMPTY = "Aucune phase terminée n'est reprise en annexe de cette synthèse."
NOTES_HEADING = "Notes de synthèse du conseiller (matériau de la synthèse)"
EMPTY_SECTION = "Rubrique non renseignée."
NO_OBSERVATIONS = "Aucune observation à ce jour."
COUNSELLOR_SIGNER = "Le/la conseiller/ère"
AUTHOR = "Mon bilan en ligne"
SYNTHESIS_TEMPLATE = "documents/synthesis.html"


def person_name(user) -> str:
    """Prénom NOM."""
    return f"{user.first_name} {user.last_name.upper()}".strip() or user.username


day = words.day


# What the document says --------------------------------------------------------------------------


@dataclass
class Section:
    """One of the five numbered sections: an automatic paragraph (`intro`, for the circumstances), the
    written text (`blocks`), or `empty`, the italic sentence said instead."""

    title: str
    blocks: list[RichBlock]
    intro: str = ""
    empty: str = ""
    dated: str = ""  # the observations: « (le 20/07/2021) »


@dataclass
class AnnexPhase:
    title: str
    answers: list  # [DocumentAnswer], in the phase's order
    notes: list  # paragraphs of the counsellor's notes


def _written(section: SynthesisSection, number: int, content: SynthesisContent, intro: str = "") -> Section:
    blocks = rich_blocks(content.sections.get(section.value, ""))
    return Section(f"{number}. {section.label}", blocks, intro=intro, empty="" if blocks else EMPTY_SECTION)


def synthesis_context(content: SynthesisContent) -> dict:
    """The document in plain data (texts, lists, rows) that the Word and the PDF renderings share."""
    dossier = content.dossier
    portal = portal_settings.portal_settings()
    logo = portal_settings.logo_bytes(portal)
    academie = clean(portal.academie_name) or clean(settings.ACADEMIE_NAME)
    dabm, modalites = clean(dossier.dabm.name), clean(dossier.modalites_label)
    beneficiary, counsellor = clean(person_name(dossier.candidate)), clean(person_name(dossier.counsellor))
    start, end = day(dossier.start_date), day(dossier.end_date)
    civility = dossier.civility
    observations = [RichBlock("p", [[Run(text)]]) for text in split_paragraphs(content.observations)]
    circumstances = words.circumstances(
        civility=civility,
        over=dossier.end_date < content.issued_on,
        start=start,
        end=end,
        dabm=dabm,
        academie=academie,
        modalites=modalites,
        sessions=content.sessions,
        hours=hours_minutes(content.attested_minutes),
    )
    sections = [
        _written(SynthesisSection.CIRCUMSTANCES, 1, content, intro=circumstances),
        _written(SynthesisSection.SKILLS, 2, content),
        _written(SynthesisSection.PROJECTS, 3, content),
        _written(SynthesisSection.STEPS, 4, content),
        Section(
            f"5. {words.observations_heading(civility)}",
            observations,
            empty="" if observations else NO_OBSERVATIONS,
            dated=f"(le {day(content.observations_at)})" if observations and content.observations_at else "",
        ),
    ]
    return {
        "academie": academie,
        "logo": portal_settings.logo_data_uri(logo),
        "logo_file": logo,
        "footer": clean(portal.document_footer),
        "title": TITLE,
        "running_title": RUNNING_TITLE,
        "beneficiary": beneficiary,
        "counsellor": counsellor,
        "dabm": dabm,
        "identity": [
            ("Bénéficiaire", beneficiary),
            ("Conseiller / conseillère", counsellor),
            ("DABM", dabm),
            ("Date du bilan", f"du {start} au {end}"),
            ("Modalités", modalites),
            ("Heures de bilan attestées", hours_minutes(content.attested_minutes)),
        ],
        "communicable": clean(communicable_to(content.consents)),
        "legal_note": words.legal_note(civility),
        "circumstances": circumstances,
        "sections": sections,
        "annex_heading": ANNEX_HEADING,
        "annex": [
            AnnexPhase(
                title=clean(item.phase.title),
                answers=[shown.document_answer() for shown in item.answers],
                notes=split_paragraphs(item.notes),
            )
            for item in content.phases
        ],
        "annex_empty": ANNEX_EMPTY,
        "notes_heading": NOTES_HEADING,
        "place": dabm,
        "issued": day(content.issued_on),
        "done": f"Fait à {dabm}, le {day(content.issued_on)}.",
        "signers": [(words.beneficiary_signer(civility), beneficiary), (COUNSELLOR_SIGNER, counsellor)],
    }


# Word ----------------------------------------------------------------------------------------------


def build_synthesis_docx(content: SynthesisContent) -> bytes:
    """The synthèse as an editable .docx (Word, LibreOffice)."""
    context = synthesis_context(content)
    document = Document()
    styles = set_up_styles(document)
    set_up_page(
        document,
        header_left=context["beneficiary"],
        header_right=context["running_title"],
        footer_left=f"{context['footer'] or AUTHOR} — {context['academie']}",
    )
    writer = Writer(document, styles)
    writer.header_block(context)
    for section in context["sections"]:
        writer.section(section)
    writer.annex(context)
    writer.closing(context["done"], context["signers"])

    properties = document.core_properties
    properties.title = f"{RUNNING_TITLE} — {context['beneficiary']}"
    properties.subject = "Bilan de compétences"
    properties.author = properties.last_modified_by = AUTHOR
    properties.language = "fr-FR"
    properties.keywords = ""
    properties.comments = ""
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    properties.revision = 1

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# PDF -------------------------------------------------------------------------------------------------


def render_synthesis_html(content: SynthesisContent) -> str:
    return render_to_string(SYNTHESIS_TEMPLATE, synthesis_context(content))


# WeasyPrint lays a page of the synthèse out in 60–100 ms on two cores, whatever is done on our side
# (docs/performance.md): past about 90 pages, a PDF would hold a worker for more than ten seconds. The
# size of the page's HTML (about 3 200 characters a page) tells it before anything is laid out.
PDF_MAX_HTML_CHARACTERS = 300_000
HTML_CHARACTERS_PER_PAGE = 3_200


class TooLargeForPdf(Exception):
    """The synthèse is too long to be laid out as a PDF within a request; the .docx holds all of it."""

    def __init__(self, characters: int):
        super().__init__(characters)
        self.pages = characters // HTML_CHARACTERS_PER_PAGE


def synthesis_pdf_html(content: SynthesisContent) -> str:
    """The HTML the PDF is laid out from; TooLargeForPdf past `PDF_MAX_HTML_CHARACTERS`."""
    html = render_synthesis_html(content)
    if len(html) > PDF_MAX_HTML_CHARACTERS:
        raise TooLargeForPdf(len(html))
    return html


def render_synthesis_pdf(content: SynthesisContent) -> bytes:
    """The same synthèse as an A4 PDF (WeasyPrint); TooLargeForPdf past `PDF_MAX_HTML_CHARACTERS`."""
    return html_to_pdf(synthesis_pdf_html(content))
