"""WordprocessingML built directly with lxml: paragraphs of runs and tables, in the order the schema
(ECMA-376) gives their properties — Word refuses a file that does not follow it. python-docx would build
the same elements through its proxy objects, many times slower for the thousand rows of a long synthèse;
the elements made here are moved into python-docx's document (docx_writer.Writer)."""

import re
from functools import cache
from xml.sax.saxutils import escape

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EMU_PER_TWIP = 635


@cache
def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, PPR, R, RPR, T, BR, TAB = w("p"), w("pPr"), w("r"), w("rPr"), w("t"), w("br"), w("tab")
BOLD, ITALIC = w("b"), w("i")
VAL, W_ATTR, TYPE = w("val"), w("w"), w("type")
_BREAKS = re.compile(r"([\t\n])")
_PRESERVE = {XML_SPACE: "preserve"}


def twips(length) -> int:
    """A python-docx Length (EMU) in twips, the unit of Word's table widths."""
    return int(length) // EMU_PER_TWIP


def split_width(total: int, shares: list[float]) -> list[int]:
    """`total` twips split after `shares` (percent); the last column takes what rounding left, so the
    widths always add up to `total`."""
    widths = [int(total * share / 100) for share in shares[:-1]]
    return [*widths, total - sum(widths)]


def _sub(parent, tag: str, **attributes):
    return etree.SubElement(parent, w(tag), {w(name): str(value) for name, value in attributes.items()})


def _text(run, text: str):
    """What python-docx's `run.text = text` writes (w:t, w:tab for a tab, w:br for a line break), piece
    by piece instead of character by character."""
    for piece in _BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(run, TAB)
        elif piece == "\n":
            etree.SubElement(run, BR)
        elif piece:
            etree.SubElement(run, T, _PRESERVE).text = piece


def paragraph(
    runs,
    style: str | None = None,
    *,
    keep_next=False,
    page_break=False,
    number: int | None = None,
    space_before: float | None = None,
    space_after: float | None = None,
    color: str | None = None,
):
    """A w:p of `runs`, (text, bold, italic) triples; spaces in points; `number`: the w:num of a list."""
    p = etree.Element(P)
    if style or keep_next or page_break or number is not None or space_before is not None or space_after is not None:
        properties = etree.SubElement(p, PPR)
        if style:
            _sub(properties, "pStyle", val=style)
        if keep_next:
            _sub(properties, "keepNext")
        if page_break:
            _sub(properties, "pageBreakBefore")
        if number is not None:
            numbering = _sub(properties, "numPr")
            _sub(numbering, "ilvl", val=0)
            _sub(numbering, "numId", val=number)
        if space_before is not None or space_after is not None:
            spacing = _sub(properties, "spacing")
            if space_before is not None:
                spacing.set(w("before"), str(round(space_before * 20)))
            if space_after is not None:
                spacing.set(w("after"), str(round(space_after * 20)))
    for text, bold, italic in runs:
        run = etree.SubElement(p, R)
        if bold or italic or color:
            properties = etree.SubElement(run, RPR)
            if bold:
                etree.SubElement(properties, BOLD)
            if italic:
                etree.SubElement(properties, ITALIC)
            if color:
                _sub(properties, "color", val=color)
        _text(run, text)
    return p


def table(
    rows,
    widths: list[int],
    style: str,
    *,
    header=None,
    header_fill: str = "",
    bold_first=False,
    keep_together=False,
    min_height: int | None = None,
):
    """A w:tbl of a fixed layout, its columns `widths` twips wide; `rows` of texts; `header`, a first row
    of column titles, shaded. No row splits across pages; `keep_together` keeps the rows on one page (each
    row « keep with next » but the last).

    The header row is not marked to repeat on each page (w:tblHeader), nor kept with the first row:
    LibreOffice 7.4 then drops the rows that follow a page break in a table whose rows may not split
    (seen converting the synthèse to PDF: three rows of a four-row table gone; docs/performance.md)."""
    # Written as text and parsed once by lxml (C): a third of the time of building each element in Python.
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    all_rows = ([header] if header else []) + list(rows)
    height = f'<w:trHeight w:val="{min_height}" w:hRule="atLeast"/>' if min_height else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/>' if header_fill else ""
    last = len(all_rows) - 1
    for index, texts in enumerate(all_rows):
        is_header = bool(header) and index == 0
        keep = "<w:pPr><w:keepNext/></w:pPr>" if keep_together and index < last else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{'' if is_header else height}</w:trPr>")
        for column, (text, width) in enumerate(zip(texts, widths, strict=False)):
            bold = is_header or (bold_first and column == 0)
            run = f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{_text_xml(text)}</w:r>" if text else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading if is_header else ""}</w:tcPr>'
                f"<w:p>{keep}{run}</w:p></w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return etree.fromstring("".join(parts))


def _text_xml(text: str) -> str:
    """`_text`'s elements as XML text."""
    pieces = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece == "\n":
            pieces.append("<w:br/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(pieces)


# Page parts (python-docx objects) -----------------------------------------------------------------


def _element(tag: str, **attributes):
    element = etree.Element(w(tag))
    for name, value in attributes.items():
        element.set(w(name), str(value))
    return element


def use_font(rpr, name="Arial"):
    """Explicit fonts instead of the template's theme fonts (a theme attribute would win over them)."""
    for fonts in rpr.findall(w("rFonts")):
        rpr.remove(fonts)
    rpr.insert(0, _element("rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name))


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out the pages."""
    paragraph.add_run()._r.append(_element("fldChar", fldCharType="begin"))
    code = etree.Element(w("instrText"))
    code.set(XML_SPACE, "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_element("fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_element("fldChar", fldCharType="end"))


def border(p, side: str):
    """A thin grey line on one side of a paragraph (the header's bottom, the footer's top)."""
    borders = _element("pBdr")
    borders.append(_element(side, val="single", sz=4, space=4, color="929292"))
    p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:rPr", "w:sectPr"
    )
