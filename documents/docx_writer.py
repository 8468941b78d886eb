"""Writing a Word document with python-docx: the styles and page of the portal's documents (Arial, DSFR
blue headings, A4, a running header and a footer with page numbers) and `Writer`, which appends
paragraphs, lists, tables and the answers of a phase (`DocumentAnswer`) as Word lays them out."""

import copy
import io
import re

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from phases.document_answers import DocumentAnswer

NO_ANSWER = "Pas de réponse."

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


def set_up_styles(document) -> dict:
    """Arial everywhere, French, the headings in blue; {name: style} for the styles `Writer` uses."""
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


def set_up_page(document, *, header_left: str, header_right: str, footer_left: str):
    """A4, 2 cm margins; a running header (two texts, at the left and the right margins) above a line,
    a footer below a line: `footer_left`, and « Page N / M » at the right margin."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    for part, text, side in (
        (section.header, f"{header_left}\t{header_right}", "bottom"),
        (section.footer, f"{footer_left}\t", "top"),
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


class Writer:
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

    def answer(self, answer: DocumentAnswer):
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


def add_logo(document, data: bytes):
    """The académie's logo above its name; a file Word cannot read (e.g. SVG) is left out."""
    try:
        document.add_picture(io.BytesIO(data), height=Cm(1.8))
    except Exception:  # noqa: BLE001 - python-docx raises various errors on unsupported images
        return
