"""Writing the synthèse as a Word document: python-docx sets up the styles and the page (Arial, DSFR blue
headings, A4, a running header with the beneficiary's name, « Page N sur M » in the footer); `Writer`
appends the body as WordprocessingML built with lxml (docx_xml.py), which python-docx would build one
proxy object at a time, most of the time of a long synthèse.

What Word and LibreOffice are told so that the document reads well: tables of a fixed layout whose
columns add up to the text width (never past the margins), rows that never split across pages
(`w:cantSplit`), a short entry kept on one page (each of its rows « keep with next »), a heading kept
with what follows it. (Why a table's header row is not repeated on each page: docx_xml.table.)"""

import io

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor

from phases.document_answers import DocumentAnswer

from . import docx_xml as x

NO_ANSWER = "Pas de réponse."

BLUE = RGBColor(0x00, 0x00, 0x91)  # DSFR « bleu France »
GREY = RGBColor(0x3A, 0x3A, 0x3A)
HEADER_FILL = "E3E3FD"
PAGE_WIDTH, LEFT_MARGIN, RIGHT_MARGIN = Cm(21), Cm(2), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
TEXT_TWIPS = TEXT_WIDTH // 635  # 9 637 twips (1 twip = 635 EMU): the widths of a table add up to it
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Table Grid")
KEPT_TOGETHER_ROWS = 12  # an entry or a scale of at most this many lines is kept on one page


def set_up_styles(document) -> dict:
    """Arial everywhere, French, the headings in blue; {name: style id} for the styles `Writer` uses."""
    styles = document.styles
    defaults = styles.element.find(x.w("docDefaults")).find(x.w("rPrDefault")).find(x.w("rPr"))
    x.use_font(defaults)
    for lang in defaults.findall(x.w("lang")):
        lang.set(x.w("val"), "fr-FR")
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    for name, size, color in (
        ("Title", 20, BLUE),
        ("Heading 1", 14, BLUE),
        ("Heading 2", 12, BLUE),
        ("Heading 3", 10.5, GREY),
    ):
        style = styles[name]
        x.use_font(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.color.rgb = color
        style.font.bold = True
        style.font.italic = False
    styles["Title"].paragraph_format.space_after = Pt(12)
    for name, before, after in (("Heading 1", 18, 6), ("Heading 2", 14, 4), ("Heading 3", 8, 3)):
        styles[name].paragraph_format.space_before = Pt(before)
        styles[name].paragraph_format.space_after = Pt(after)
        styles[name].paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(2)
    for border in styles["Title"].element.pPr.iter(x.w("bottom")):
        border.set(x.w("color"), "000091")
        border.attrib.pop(x.w("themeColor"), None)
    margins = styles["Table Grid"].element.find(x.w("tblPr")).find(x.w("tblCellMar"))
    for side in ("top", "bottom"):
        margins.find(x.w(side)).set(x.w("w"), "45")
    return {name: styles[name].style_id for name in STYLES}


def set_up_page(document, *, header_left: str, header_right: str, footer_left: str):
    """A4, 2 cm margins; a running header (two texts, at the left and the right margins) above a line,
    a footer below a line: `footer_left`, and « Page N sur M » at the right margin."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, Cm(29.7)
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
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
        x.border(paragraph._p, side)
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    x.add_field(footer, "PAGE")
    footer.add_run(" sur ")
    x.add_field(footer, "NUMPAGES")
    for part in (section.header, section.footer):
        for run in part.paragraphs[0].runs:
            run.font.size = Pt(8)
            run.font.color.rgb = GREY


class Writer:
    """Appends the synthèse's parts (synthesis.synthesis_context) to a python-docx Document's body."""

    def __init__(self, document, styles: dict):
        self.document = document
        self.styles = styles
        self.body = document.element.body
        self.end = self.body.find(x.w("sectPr"))  # everything goes before the section's properties
        self.numbering = document.part.numbering_part.element
        list_number = document.styles["List Number"].element.pPr.numPr.numId.val
        self.ranking_abstract = self.numbering.num_having_numId(list_number).abstractNumId.val

    # Pieces ---------------------------------------------------------------------------------------

    def add(self, element):
        self.end.addprevious(element)
        return element

    def paragraph(self, text="", style=None, *, bold=False, italic=False, **layout):
        runs = [(text, bold, italic)] if text else []
        return self.add(x.paragraph(runs, self.styles[style] if style else None, **layout))

    def runs(self, runs, style=None, **layout):
        return self.add(x.paragraph(runs, self.styles[style] if style else None, **layout))

    def heading(self, text, level, **layout):
        return self.paragraph(text, f"Heading {level}", **layout)

    def table(self, rows, widths, *, header=None, bold_first=False, keep_together=False):
        style = self.styles["Table Grid"]
        return self.add(
            x.table(
                rows,
                widths,
                style,
                header=header,
                header_fill=HEADER_FILL,
                bold_first=bold_first,
                keep_together=keep_together,
            )
        )

    def numbered_list(self):
        """The numId of a fresh list numbered from 1, whatever lists came before it."""
        num = self.numbering.add_num(self.ranking_abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def rich(self, blocks):
        """The counsellor's paragraphs and lists (synthesis_rich_text.RichBlock), bold and italics kept."""
        for block in blocks:
            if block.kind == "p":
                self.runs(block.lines[0])
            elif block.kind == "ul":
                for line in block.lines:
                    self.runs(line, "List Bullet")
            else:
                number = self.numbered_list()
                for line in block.lines:
                    self.runs(line, "List Number", number=number)

    # The document ---------------------------------------------------------------------------------

    def header_block(self, context):
        if context["logo_file"]:
            add_logo(self.document, context["logo_file"][0])  # python-docx adds it before sectPr too
        self.add(x.paragraph([(context["academie"].upper(), True, False)], color="000091", space_after=0))
        self.paragraph(f"DABM {context['dabm']}", bold=True)
        self.paragraph(context["title"], "Title")
        self.table(context["identity"], [x.twips(Cm(5.5)), TEXT_TWIPS - x.twips(Cm(5.5))], bold_first=True)
        self.paragraph(context["communicable"], bold=True, space_before=6)
        self.paragraph(context["legal_note"], italic=True)

    def section(self, section):
        self.heading(section.title, 1)
        if section.intro:
            self.paragraph(section.intro)
        self.rich(section.blocks)
        if section.empty:
            self.paragraph(section.empty, italic=True)
        if section.dated:
            self.paragraph(section.dated, italic=True)

    def annex(self, context):
        if not context["annex"]:  # one sentence, not a heading over nothing
            self.paragraph(context["annex_empty"], italic=True, space_before=12)
            return
        self.heading(context["annex_heading"], 1, page_break=True)
        for phase in context["annex"]:
            self.heading(phase.title, 2)
            for answer in phase.answers:
                self.answer(answer)
            if phase.notes:
                self.heading(context["notes_heading"], 3)
                for text in phase.notes:
                    self.paragraph(text)

    def answer(self, answer: DocumentAnswer):
        self.heading(answer.label, 3)
        if answer.kind == "text":
            for text in answer.paragraphs:
                self.paragraph(text)
        elif answer.kind == "bullets":
            for item in answer.items:
                self.paragraph(item, "List Bullet")
        elif answer.kind == "numbered":
            number = self.numbered_list()
            for item in answer.items:
                self.paragraph(item, "List Number", number=number)
        elif answer.kind == "scale":
            short = len(answer.rows) <= KEPT_TOGETHER_ROWS
            self.paragraph(answer.caption, italic=True, keep_next=True, space_after=3)
            for index, (item, rating) in enumerate(answer.rows, start=1):
                runs = [(f"{item} — ", False, False), (rating, True, False)]
                self.runs(runs, "List Bullet", keep_next=short and index < len(answer.rows))
        elif answer.kind == "table":
            widths = x.split_width(TEXT_TWIPS, answer.widths)
            self.table(answer.rows, widths, header=answer.headers)
            self.paragraph(space_after=2)  # Word joins two tables that touch
        elif answer.kind == "entries":
            widths = [x.twips(Cm(5)), TEXT_TWIPS - x.twips(Cm(5))]
            for number, entry in enumerate(answer.rows, start=1):
                self.paragraph(f"Entrée {number}", bold=True, keep_next=True, space_before=4, space_after=2)
                self.table(entry, widths, bold_first=True, keep_together=len(entry) <= KEPT_TOGETHER_ROWS)
        else:
            self.paragraph(NO_ANSWER, italic=True)

    def closing(self, done: str, signers):
        """« Fait à …, le … » and the two signature spaces, kept together on one page."""
        self.paragraph(done, keep_next=True, space_before=18)
        half = TEXT_TWIPS // 2
        self.add(
            x.table(
                [[name for _label, name in signers]],
                [half, TEXT_TWIPS - half],
                self.styles["Table Grid"],
                header=[label for label, _name in signers],
                header_fill=HEADER_FILL,
                keep_together=True,
                min_height=x.twips(Cm(3.5)),
            )
        )
        self.paragraph(space_after=0)  # a document ends with a paragraph


def add_logo(document, data: bytes):
    """The académie's logo above its name; a file Word cannot read (e.g. SVG) is left out."""
    try:
        document.add_picture(io.BytesIO(data), height=Cm(1.8))
    except Exception:  # noqa: BLE001 - python-docx raises various errors on unsupported images
        return
