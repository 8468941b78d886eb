"""The *Document de synthèse*: an editable Word document (python-docx) and the same content as a PDF.

Rendering only: the caller has already checked who may see the dossier, and `synthesis_content`
has kept the completed phases only. Both formats read one plain description of the document
(`synthesis_context`), so they always say the same thing.
"""

import copy
import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from candidates import portal_settings
from candidates.attestations.durations import hours_minutes

from .content import SynthesisContent
from .pdf import html_to_pdf

TITLE = "Document de synthèse — Bilan de compétences"
RUNNING_TITLE = "Document de synthèse"
NO_ANSWER = "Pas de réponse."
NOTES_HEADING = "Notes de synthèse du conseiller"
OBSERVATIONS_HEADING = "Observations du / de la bénéficiaire"
SIGNERS = ("Le/la bénéficiaire", "Le/la conseiller/ère")
AUTHOR = "Mon bilan en ligne"
SYNTHESIS_TEMPLATE = "documents/synthesis.html"
PRELIMINARY = "preliminaire"

# Characters XML 1.0 forbids (pasted from other software now and then): dropped, or the file is invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text) -> str:
    return _NOT_XML.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def person_name(user) -> str:
    """Prénom NOM."""
    return f"{user.first_name} {user.last_name.upper()}".strip() or user.username


def day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value:%d/%m/%Y}"


# What the document says --------------------------------------------------------------------------


@dataclass
class Answer:
    label: str
    kind: str  # text | bullets | numbered | scale | table | entries | empty
    paragraphs: list = field(default_factory=list)  # text: paragraphs, each may hold line breaks
    items: list = field(default_factory=list)  # bullets, numbered
    caption: str = ""  # scale: what 1 and N mean
    headers: list = field(default_factory=list)  # scale, table
    rows: list = field(default_factory=list)  # scale, table: [[text]]; entries: [[(label, text)]]


@dataclass
class Section:
    title: str
    answers: list
    notes: list  # paragraphs of the counsellor's notes


def _paragraphs(text) -> list[str]:
    return [part.strip("\n") for part in re.split(r"\n\s*\n", clean(text)) if part.strip()]


def answer_of(child, data) -> Answer:
    """One question and its answer, from `display_answer`'s data, in the terms of a document."""
    answer = Answer(label=clean(child.value["label"]), kind="empty")
    kind = child.block_type
    if kind in ("single_choice", "multiple_choice", "ranking"):
        choices = [data] if isinstance(data, str) else list(data or [])
        answer.items = [clean(choice) for choice in choices if clean(choice)]
        if answer.items:
            answer.kind = "numbered" if kind == "ranking" else "bullets"
    elif kind == "scale":
        data = data or {}
        rows = data.get("rows") or []
        if any(rating is not None for _label, rating in rows):
            steps = data.get("steps")
            answer.kind = "scale"
            answer.caption = f"1 = {clean(data.get('min_label'))} ; {steps} = {clean(data.get('max_label'))}"
            answer.headers = ["Élément", f"Note sur {steps}"]
            answer.rows = [[clean(label), "—" if rating is None else str(rating)] for label, rating in rows]
    elif kind in ("table", "repeatable"):
        data = data or {}
        rows = [row for row in data.get("rows") or [] if any(clean(text) for _label, text in row)]
        if rows and data.get("layout") == "table":
            answer.kind = "table"
            answer.headers = [clean(header) for header in data.get("headers") or []]
            answer.rows = [[clean(text) for _label, text in row] for row in rows]
        elif rows:
            answer.kind = "entries"
            answer.rows = [[(clean(label), clean(text) or "—") for label, text in row] for row in rows]
    else:
        answer.paragraphs = _paragraphs(data)
        if answer.paragraphs:
            answer.kind = "text"
    return answer


def synthesis_context(content: SynthesisContent) -> dict:
    """The document in plain data (texts, lists, rows) that the Word and the PDF renderings share."""
    dossier = content.dossier
    portal = portal_settings.portal_settings()
    logo = portal_settings.logo_bytes(portal)
    academie = clean(portal.academie_name) or clean(settings.ACADEMIE_NAME)
    dabm, modalites = clean(dossier.dabm.name), clean(dossier.modalites_label)
    beneficiary, counsellor = clean(person_name(dossier.candidate)), clean(person_name(dossier.counsellor))
    start, end = day(dossier.start_date), day(dossier.end_date)
    circumstances = (
        f"Le bilan de compétences s'est déroulé du {start} au {end} au DABM {dabm} ({academie}), "
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
                answers=[answer_of(child, data) for child, data in item.answers],
                notes=_paragraphs(item.notes),
            )
            for item in content.phases
        ],
        "observations": _paragraphs(content.observations),
        "observations_on": day(content.observations_at) if content.observations_at else "",
        "place": dabm,
        "issued": day(content.issued_on),
        "signers": list(zip(SIGNERS, (beneficiary, counsellor), strict=True)),
    }


# Word ----------------------------------------------------------------------------------------------

BLUE = RGBColor(0x00, 0x00, 0x91)  # DSFR « bleu France »
GREY = RGBColor(0x3A, 0x3A, 0x3A)
HEADER_FILL = "E3E3FD"
TEXT_WIDTH = Cm(17)
STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet", "List Number", "Table Grid")


_RUN_BREAKS = re.compile(r"([\t\n\r])")


def _append_text(run, text: str):
    """What python-docx's `run.text = text` appends to a w:r (w:t, w:tab for a tab, w:br for a line
    break), piece by piece instead of character by character (most of the time of a long answer)."""
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            run.add_tab()
        elif piece in ("\n", "\r"):
            run.add_br()
        elif piece:
            run.add_t(piece)


def _element(tag: str, **attributes):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _use_font(rpr, name="Arial"):
    """Explicit fonts instead of the template's theme fonts (a theme attribute would win over them)."""
    for fonts in rpr.findall(qn("w:rFonts")):
        rpr.remove(fonts)
    rpr.insert(0, _element("w:rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name))


def _set_up_styles(document) -> dict:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _use_font(defaults)
    for lang in defaults.findall(qn("w:lang")):
        lang.set(qn("w:val"), "fr-FR")
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    for name, size, color in (("Title", 20, BLUE), ("Heading 1", 14, BLUE), ("Heading 2", 11, GREY)):
        style = styles[name]
        _use_font(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.color.rgb = color
        style.font.bold = True
    styles["Title"].paragraph_format.space_after = Pt(12)
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 1"].paragraph_format.space_after = Pt(6)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    styles["Heading 2"].paragraph_format.space_after = Pt(4)
    for border in styles["Title"].element.pPr.iter(qn("w:bottom")):
        border.set(qn("w:color"), "000091")
        border.attrib.pop(qn("w:themeColor"), None)
    margins = styles["Table Grid"].element.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
    for side in ("top", "bottom"):
        margins.find(qn(f"w:{side}")).set(qn("w:w"), "45")
    return {name: styles[name] for name in STYLES}


def _add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out the pages."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


def _border(paragraph, side: str):
    borders = _element("w:pBdr")
    borders.append(_element(f"w:{side}", val="single", sz=4, space=4, color="929292"))
    # The schema orders a paragraph's properties (Word rejects a file that does not follow it).
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:rPr", "w:sectPr"
    )


def _set_up_page(document, context):
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    for part, text, side in (
        (section.header, f"{context['beneficiary']}\t{context['running_title']}", "bottom"),
        (section.footer, f"{context['footer'] or AUTHOR} — {context['academie']}\t", "top"),
    ):
        paragraph = part.paragraphs[0]
        tabs = paragraph.paragraph_format.tab_stops
        for inherited in part.paragraphs[0].style.paragraph_format.tab_stops:  # the template's Letter-size tabs
            tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(text)
        _border(paragraph, side)
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _add_field(footer, "PAGE")
    footer.add_run(" / ")
    _add_field(footer, "NUMPAGES")
    for part in (section.header, section.footer):
        for run in part.paragraphs[0].runs:
            run.font.size = Pt(8)
            run.font.color.rgb = GREY


class _Writer:
    """Appends the document's parts to a python-docx Document."""

    def __init__(self, document, styles):
        self.document = document
        self.styles = styles
        numbering = document.part.numbering_part.element
        list_number = styles["List Number"].element.pPr.numPr.numId.val
        self.numbering = numbering
        self.ranking_abstract = numbering.num_having_numId(list_number).abstractNumId.val

    def paragraph(self, text="", style=None, *, bold=False, italic=False):
        paragraph = self.document.add_paragraph()
        if style is not None:
            # What add_paragraph(style=…) does, without python-docx's scan of every style at each call
            # (most of the build time of a long synthèse).
            paragraph._p.style = style.style_id
        if text:
            run = paragraph.add_run()
            _append_text(run._r, text)
            run.bold = bold or None
            run.italic = italic or None
        return paragraph

    def heading(self, text, level):
        return self.paragraph(text, self.styles[f"Heading {level}"])

    def texts(self, paragraphs):
        for text in paragraphs:
            self.paragraph(text)

    def numbered(self, items):
        """A list numbered from 1 whatever lists came before it (a fresh w:num on the same definition)."""
        num = self.numbering.add_num(self.ranking_abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        for item in items:
            paragraph = self.paragraph(item, self.styles["List Number"])
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = num.numId

    def table(self, headers, rows, widths=None, *, bold_first=False):
        table = self.document.add_table(rows=0, cols=len(headers) or len(rows[0]))
        table._tbl.tblPr.style = self.styles["Table Grid"].style_id  # as `table.style =`, without the scan
        if widths:
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
        if headers:
            self._row(table, headers, widths, header=True)
        self._body_rows(table, rows, widths, bold_first=bold_first)
        return table

    def _body_rows(self, table, rows, widths, *, bold_first=False):
        """The rows as `_row` writes them: one empty row is made by python-docx, then copied for each row
        and filled (the same XML in a fraction of the time: a long table spent most of it in `_row`)."""
        models = {}
        for texts in rows:
            if len(texts) not in models:
                model = self._row(table, [""] * len(texts), widths, bold_first=bold_first)._tr
                table._tbl.remove(model)
                models[len(texts)] = model
            row = copy.deepcopy(models[len(texts)])
            for run, text in zip(row.iter(qn("w:r")), texts, strict=True):
                _append_text(run, text)
            table._tbl.append(row)

    def _row(self, table, texts, widths, *, header=False, bold_first=False):
        row = table.add_row()
        properties = row._tr.get_or_add_trPr()
        properties.append(_element("w:cantSplit"))
        if header:
            properties.append(_element("w:tblHeader"))
        for index, (cell, text) in enumerate(zip(row.cells, texts, strict=False)):
            run = cell.paragraphs[0].add_run()
            _append_text(run._r, text)
            if header or (bold_first and index == 0):
                run.bold = True
            if header:
                cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=HEADER_FILL))
            if widths:
                cell.width = widths[index]
        return row

    def spacer(self):
        """Word joins two tables that touch: a small paragraph keeps them apart."""
        self.paragraph().paragraph_format.space_after = Pt(2)

    def answer(self, answer: Answer):
        self.heading(answer.label, 2)
        if answer.kind == "text":
            self.texts(answer.paragraphs)
        elif answer.kind == "bullets":
            for item in answer.items:
                self.paragraph(item, self.styles["List Bullet"])
        elif answer.kind == "numbered":
            self.numbered(answer.items)
        elif answer.kind == "scale":
            caption = self.paragraph(answer.caption, italic=True).paragraph_format
            caption.space_after, caption.keep_with_next = Pt(3), True
            self.table(answer.headers, answer.rows, [Cm(13), Cm(4)])
            self.spacer()
        elif answer.kind == "table":
            self.table(answer.headers, answer.rows)
            self.spacer()
        elif answer.kind == "entries":
            for number, entry in enumerate(answer.rows, start=1):
                self.paragraph(f"Entrée {number}", bold=True).paragraph_format.keep_with_next = True
                self.table([], entry, [Cm(5), Cm(12)], bold_first=True)
                self.spacer()
        else:
            self.paragraph(NO_ANSWER, italic=True)

    def signatures(self, signers):
        table = self.document.add_table(rows=0, cols=2)
        table._tbl.tblPr.style = self.styles["Table Grid"].style_id  # as `table.style =`, without the scan
        widths = [Cm(8.5), Cm(8.5)]
        self._row(table, [label for label, _name in signers], widths, header=True)
        names = self._row(table, [name for _label, name in signers], widths)
        names.height, names.height_rule = Cm(3.5), WD_ROW_HEIGHT_RULE.AT_LEAST
        for row in table.rows:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True


def _add_logo(document, data: bytes):
    """The académie's logo above its name; a file Word cannot read (e.g. SVG) is left out."""
    try:
        document.add_picture(io.BytesIO(data), height=Cm(1.8))
    except Exception:  # noqa: BLE001 - python-docx raises various errors on unsupported images
        return


def build_synthesis_docx(content: SynthesisContent) -> bytes:
    """The synthèse as an editable .docx (Word, LibreOffice)."""
    context = synthesis_context(content)
    document = Document()
    styles = _set_up_styles(document)
    _set_up_page(document, context)
    writer = _Writer(document, styles)

    if context["logo_file"]:
        _add_logo(document, context["logo_file"][0])
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


def render_synthesis_pdf(content: SynthesisContent) -> bytes:
    """The same synthèse as an A4 PDF (WeasyPrint); TooLargeForPdf past `PDF_MAX_HTML_CHARACTERS`."""
    html = render_synthesis_html(content)
    if len(html) > PDF_MAX_HTML_CHARACTERS:
        raise TooLargeForPdf(len(html))
    return html_to_pdf(html)
