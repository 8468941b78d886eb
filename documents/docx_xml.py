"""WordprocessingML built directly with lxml: paragraphs of runs and tables, in the order the schema
(ECMA-376) gives their properties — Word refuses a file that does not follow it. python-docx would build
the same elements through its proxy objects, many times slower for the thousand rows of a long synthèse;
the elements made here are moved into python-docx's document (docx_writer.Writer)."""

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EMU_PER_TWIP = 635


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, PPR, R, RPR, T, BR, TAB = w("p"), w("pPr"), w("r"), w("rPr"), w("t"), w("br"), w("tab")
VAL, W_ATTR, TYPE = w("val"), w("w"), w("type")
_BREAKS = re.compile(r"([\t\n])")


def twips(length) -> int:
    """A python-docx Length (EMU) in twips, the unit of Word's table widths."""
    return int(length) // EMU_PER_TWIP


def split_width(total: int, shares: list[float]) -> list[int]:
    """`total` twips split after `shares` (percent); the last column takes what rounding left, so the
    widths always add up to `total`."""
    widths = [int(total * share / 100) for share in shares[:-1]]
    return [*widths, total - sum(widths)]


def _sub(parent, tag: str, **attributes):
    element = etree.SubElement(parent, w(tag))
    for name, value in attributes.items():
        element.set(w(name), str(value))
    return element


def _text(run, text: str):
    """What python-docx's `run.text = text` writes (w:t, w:tab for a tab, w:br for a line break), piece
    by piece instead of character by character."""
    for piece in _BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(run, TAB)
        elif piece == "\n":
            etree.SubElement(run, BR)
        elif piece:
            element = etree.SubElement(run, T)
            element.text = piece
            element.set(XML_SPACE, "preserve")


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
                etree.SubElement(properties, w("b"))
            if italic:
                etree.SubElement(properties, w("i"))
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
    tbl = etree.Element(w("tbl"))
    properties = etree.SubElement(tbl, w("tblPr"))
    _sub(properties, "tblStyle", val=style)
    _sub(properties, "tblW", w=sum(widths), type="dxa")
    _sub(properties, "tblLayout", type="fixed")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        _sub(grid, "gridCol", w=width)
    all_rows = ([header] if header else []) + list(rows)
    for index, texts in enumerate(all_rows):
        is_header = bool(header) and index == 0
        keep = keep_together and index < len(all_rows) - 1
        tr = etree.SubElement(tbl, w("tr"))
        row_properties = etree.SubElement(tr, w("trPr"))
        _sub(row_properties, "cantSplit")
        if min_height and not is_header:
            _sub(row_properties, "trHeight", val=min_height, hRule="atLeast")
        for column, (text, width) in enumerate(zip(texts, widths, strict=False)):
            tc = etree.SubElement(tr, w("tc"))
            cell_properties = etree.SubElement(tc, w("tcPr"))
            _sub(cell_properties, "tcW", w=width, type="dxa")
            if is_header and header_fill:
                _sub(cell_properties, "shd", val="clear", color="auto", fill=header_fill)
            bold = is_header or (bold_first and column == 0)
            tc.append(paragraph([(text, bold, False)] if text else [], keep_next=keep))
    return tbl


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
