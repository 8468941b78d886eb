"""The *Document de synthèse*: an editable Word document (python-docx) and the same content as a PDF.

Rendering only: the caller has already checked who may see the dossier, and `synthesis_content`
(synthesis_content.py) has kept the completed phases only. Both formats read one plain description of
the document (`synthesis_context`), in which each question block has described its own answer
(`document_answer`), so they always say the same thing. How Word lays it out: docx_writer.py.
"""

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.shared import Cm, Pt

from candidates import portal_settings
from candidates.attestations.durations import hours_minutes
from phases.document_answers import clean, split_paragraphs

from .docx_writer import BLUE, Writer, add_logo, set_up_page, set_up_styles
from .pdf import html_to_pdf
from .synthesis_content import SynthesisContent

TITLE = "Document de synthèse — Bilan de compétences"
RUNNING_TITLE = "Document de synthèse"
NOTES_HEADING = "Notes de synthèse du conseiller"
OBSERVATIONS_HEADING = "Observations du / de la bénéficiaire"
SIGNERS = ("Le/la bénéficiaire", "Le/la conseiller/ère")
AUTHOR = "Mon bilan en ligne"
SYNTHESIS_TEMPLATE = "documents/synthesis.html"
PRELIMINARY = "preliminaire"


def person_name(user) -> str:
    """Prénom NOM."""
    return f"{user.first_name} {user.last_name.upper()}".strip() or user.username


def day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value:%d/%m/%Y}"


# What the document says --------------------------------------------------------------------------


@dataclass
class Section:
    title: str
    answers: list  # [DocumentAnswer], in the phase's order
    notes: list  # paragraphs of the counsellor's notes


def synthesis_context(content: SynthesisContent) -> dict:
    """The document in plain data (texts, lists, rows) that the Word and the PDF renderings share."""
    dossier = content.dossier
    portal = portal_settings.portal_settings()
    logo = portal_settings.logo_bytes(portal)
    academie = clean(portal.academie_name) or clean(settings.ACADEMIE_NAME)
    dabm, modalites = clean(dossier.dabm.name), clean(dossier.modalites_label)
    beneficiary, counsellor = clean(person_name(dossier.candidate)), clean(person_name(dossier.counsellor))
    start, end = day(dossier.start_date), day(dossier.end_date)
    # Past tense once the bilan is over, present while it runs (a draft made during the bilan).
    tense = "s'est déroulé" if dossier.end_date < content.issued_on else "se déroule"
    circumstances = (
        f"Le bilan de compétences {tense} du {start} au {end} au DABM {dabm} ({academie}), "
        f"selon la modalité « {modalites} »."
    )
    first = content.phases[0].phase if content.phases else None
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
        "circumstances": circumstances,
        "context_phase": clean(first.title) if first is not None and first.legal_phase == PRELIMINARY else "",
        "legal_note": (
            "Document établi conformément aux articles L6313-4 et R6313-4 du Code du travail. Il est remis "
            "au / à la bénéficiaire, seul(e) destinataire des résultats, et n'est communiqué à un tiers "
            "qu'avec son accord."
        ),
        "sections": [
            Section(
                title=clean(item.phase.title),
                answers=[shown.document_answer() for shown in item.answers],
                notes=split_paragraphs(item.notes),
            )
            for item in content.phases
        ],
        "observations": split_paragraphs(content.observations),
        "observations_on": day(content.observations_at) if content.observations_at else "",
        "place": dabm,
        "issued": day(content.issued_on),
        "signers": list(zip(SIGNERS, (beneficiary, counsellor), strict=True)),
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

    if context["logo_file"]:
        add_logo(document, context["logo_file"][0])
    academie = writer.paragraph(context["academie"].upper(), bold=True)
    academie.runs[0].font.color.rgb = BLUE
    academie.paragraph_format.space_after = Pt(0)
    writer.paragraph(f"DABM {context['dabm']}", bold=True)
    writer.paragraph(context["title"], styles["Title"])
    writer.table([], context["identity"], [Cm(5.5), Cm(11.5)], bold_first=True)

    writer.heading("Circonstances du bilan", 1)
    writer.paragraph(context["circumstances"])
    if context["context_phase"]:
        writer.paragraph(f"Voir la phase « {context['context_phase']} » ci-dessous.")
    writer.paragraph(context["legal_note"], italic=True)

    for section in context["sections"]:
        writer.heading(section.title, 1)
        for answer in section.answers:
            writer.answer(answer)
        if section.notes:
            writer.heading(NOTES_HEADING, 2)
            writer.texts(section.notes)

    if context["observations"]:
        writer.heading(OBSERVATIONS_HEADING, 1)
        writer.texts(context["observations"])
        if context["observations_on"]:
            writer.paragraph(f"(le {context['observations_on']})", italic=True)

    done = writer.paragraph(f"Fait à {context['place']}, le {context['issued']}.")
    done.paragraph_format.space_before = Pt(18)
    done.paragraph_format.keep_with_next = True
    writer.signatures(context["signers"])

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
