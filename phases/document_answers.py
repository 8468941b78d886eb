"""What a document (the synthèse, in Word and in PDF) says of one answer, in plain data: each question
block gives it (`document_answer`), the renderers of `documents` lay it out. Its texts are cleaned of
what a Word file cannot hold."""

import re
from dataclasses import dataclass, field

# Characters XML 1.0 forbids (pasted from other software now and then): dropped, or the file is invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text) -> str:
    """The text without the characters XML forbids, with \\n line breaks, stripped."""
    return _NOT_XML.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def split_paragraphs(text) -> list[str]:
    """The cleaned text's paragraphs (separated by a blank line), each one may hold line breaks."""
    return [part.strip("\n") for part in re.split(r"\n\s*\n", clean(text)) if part.strip()]


@dataclass
class DocumentAnswer:
    """One question and its answer. `kind` says how it is laid out and which of the other fields hold it."""

    label: str
    kind: str = "empty"  # text | bullets | numbered | scale | table | entries | empty
    paragraphs: list = field(default_factory=list)  # text: paragraphs, each may hold line breaks
    items: list = field(default_factory=list)  # bullets, numbered
    caption: str = ""  # scale: what 1 and N mean
    headers: list = field(default_factory=list)  # scale, table
    rows: list = field(default_factory=list)  # scale, table: [[text]]; entries: [[(label, text)]]
