"""What a document (the synthèse, in Word and in PDF) says of one answer, in plain data: each question
block gives it (`document_answer`), the renderers of `documents` lay it out. Its texts are cleaned of
what a Word file cannot hold."""

import re
from dataclasses import dataclass, field

# Characters XML 1.0 forbids (pasted from other software now and then): dropped, or the file is invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text) -> str:
    """The text without the characters XML forbids, with \\n line breaks."""
    return _NOT_XML.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


def clean(text) -> str:
    """The text without the characters XML forbids, with \\n line breaks, stripped."""
    return xml_safe(text).strip()


def split_paragraphs(text) -> list[str]:
    """The cleaned text's paragraphs (separated by a blank line), each one may hold line breaks."""
    return [part.strip("\n") for part in re.split(r"\n\s*\n", clean(text)) if part.strip()]


def column_shares(headers: list[str], rows: list[list[str]]) -> list[float]:
    """Each column's share of the text width, in percent (they add up to 100): half shared equally, half
    after the length of the column's texts (a column of short words gets less than one of sentences),
    so that a table always fits inside the margins."""
    count = len(headers) or (len(rows[0]) if rows else 0)
    if not count:
        return []
    sample = rows[:50]
    weights = []
    for index in range(count):
        lengths = [len(headers[index]) if index < len(headers) else 0]
        lengths += [len(row[index]) for row in sample if index < len(row)]
        weights.append(min(max(sum(lengths) / len(lengths), 6), 120))
    total = sum(weights)
    shares = [round(50 / count + 50 * weight / total, 1) for weight in weights]
    shares[-1] = round(100 - sum(shares[:-1]), 1)
    return shares


@dataclass
class DocumentAnswer:
    """One question and its answer. `kind` says how it is laid out and which of the other fields hold it."""

    label: str
    kind: str = "empty"  # text | bullets | numbered | scale | table | entries | empty
    paragraphs: list = field(default_factory=list)  # text: paragraphs, each may hold line breaks
    items: list = field(default_factory=list)  # bullets, numbered
    caption: str = ""  # scale: what 1 and N mean
    headers: list = field(default_factory=list)  # table
    rows: list = field(default_factory=list)  # scale: [[item, rating]]; table: [[text]]; entries: [[(label, text)]]
    widths: list = field(default_factory=list)  # table: each column's share of the text width (column_shares)
