"""The counsellor's text in a section of the synthèse: a small subset of HTML (paragraphs, bold,
italics, lists), cleaned on the way in so that the Word and PDF renderings can trust it."""

import html
import re

import nh3

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li"}
_RENAMED = {"b": "strong", "i": "em", "div": "p"}  # what browsers' editing commands write instead
_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"</?(p|br|strong|em|ul|ol|li|b|i|div|span)\b", re.IGNORECASE)


def clean_html(text: str) -> str:
    """`text` as the allowed HTML. Plain text (a form posted without the editor) becomes paragraphs."""
    text = (text or "").replace("\x00", "").strip()
    if not text:
        return ""
    if not _MARKUP.search(text):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        return "".join(f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
    for old, new in _RENAMED.items():
        text = re.sub(rf"<(/?){old}(\s[^>]*)?>", rf"<\1{new}>", text, flags=re.IGNORECASE)
    cleaned = nh3.clean(text, tags=TAGS, attributes={}, strip_comments=True, link_rel=None)
    return "" if is_empty(cleaned) else cleaned.strip()


def plain_text(markup: str) -> str:
    """What the reader reads: the text without its tags."""
    return html.unescape(_TAG.sub(" ", markup or "")).strip()


def is_empty(markup: str) -> bool:
    return not plain_text(markup).replace("\xa0", "").strip()
