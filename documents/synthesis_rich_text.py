"""The counsellor's rich text (candidates/synthesis/rich_text.py: p, br, strong, em, ul, ol, li) read
into paragraphs and lists of runs, which Word gets as real bold and italic runs and list paragraphs, and
the PDF as the same HTML again (`RichBlock.html`)."""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

from candidates.synthesis.rich_text import clean_html
from phases.document_answers import xml_safe


class Run(NamedTuple):
    """Text in one style (what docx_writer takes as a (text, bold, italic) triple)."""

    text: str  # may hold "\n" (a <br>)
    bold: bool = False
    italic: bool = False

    @property
    def html(self) -> str:
        text = escape(self.text).replace("\n", "<br>")
        if self.italic:
            text = f"<em>{text}</em>"
        return f"<strong>{text}</strong>" if self.bold else text


@dataclass
class RichBlock:
    """A paragraph (`kind` "p", one line of runs) or a list ("ul" bullets, "ol" numbered: a line per item)."""

    kind: str
    lines: list[list[Run]] = field(default_factory=list)

    @property
    def html(self) -> str:
        lines = ["".join(run.html for run in line) for line in self.lines]
        if self.kind == "p":
            return f"<p>{lines[0]}</p>"
        return f"<{self.kind}>{''.join(f'<li>{line}</li>' for line in lines)}</{self.kind}>"

    @property
    def text(self) -> str:
        return "\n".join("".join(run.text for run in line) for line in self.lines)


class _Reader(HTMLParser):
    """Paragraphs and lists, in order; a list inside a list item continues the outer list; text outside
    any paragraph makes one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[RichBlock] = []
        self.line: list[Run] | None = None
        self.lists: list[RichBlock] = []
        self.bold = self.italic = 0

    def _open_line(self):
        if self.line is None:
            if self.lists:
                self.lists[-1].lines.append([])
                self.line = self.lists[-1].lines[-1]
            else:
                self.blocks.append(RichBlock("p", [[]]))
                self.line = self.blocks[-1].lines[0]
        return self.line

    def _close_line(self):
        self.line = None

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br":
            self._open_line().append(Run("\n", bool(self.bold), bool(self.italic)))
        elif tag in ("ul", "ol"):
            self._close_line()
            if not self.lists:
                self.lists.append(RichBlock(tag))
                self.blocks.append(self.lists[-1])
            else:
                self.lists.append(self.lists[-1])  # nested: the same list goes on
        elif tag in ("p", "li"):
            self._close_line()

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("ul", "ol"):
            self._close_line()
            if self.lists:
                self.lists.pop()
        elif tag in ("p", "li"):
            self._close_line()

    def handle_data(self, data):
        data = xml_safe(data.replace("\n", " "))
        if not data.strip() and self.line is None:
            return  # whitespace between blocks
        self._open_line().append(Run(data, bool(self.bold), bool(self.italic)))


def _tidy(line: list[Run]) -> list[Run]:
    """Runs of the same kind joined; the line without surrounding spaces and line breaks."""
    joined: list[Run] = []
    for run in line:
        if joined and (joined[-1].bold, joined[-1].italic) == (run.bold, run.italic):
            joined[-1] = Run(joined[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            joined.append(run)
    if joined:
        joined[0] = Run(joined[0].text.lstrip(" \n"), joined[0].bold, joined[0].italic)
        joined[-1] = Run(joined[-1].text.rstrip(" \n"), joined[-1].bold, joined[-1].italic)
    return [run for run in joined if run.text]


def rich_blocks(markup: str) -> list[RichBlock]:
    """The blocks of the counsellor's text (cleaned again: what reaches a document is only ever the allowed
    HTML); empty paragraphs and list items left out."""
    reader = _Reader()
    reader.feed(clean_html(markup))
    reader.close()
    blocks = []
    for block in reader.blocks:
        lines = [line for line in map(_tidy, block.lines) if line]
        if lines:
            blocks.append(RichBlock(block.kind, lines))
    return blocks
