"""Questions drawn once: the HTML of a question left unanswered depends only on its definition, so its
template is rendered once per process for each definition (the skeleton) and the answer's marks
(` checked`, ` selected`) are set into a copy of it, where the template would have written them.
The templates of the scale, the ranking and DSFR's choice fields draw each option through several
lookups and includes: a grid of ten statements cost 2.5 ms, a list of eight checkboxes 1.1 ms.
The HTML is the template's own for every answer (tests/test_answer_widgets.py)."""

from collections.abc import Callable
from typing import NamedTuple

from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class Mark(NamedTuple):
    """`text` written just before the last of `path`, each piece of the path found after the one before
    (as the template escapes them), e.g. (`name="q" value="b"`, `>`): before the end of that input."""

    path: tuple[str, ...]
    text: str


SKELETONS: dict = {}
SKELETONS_KEPT = 2000  # a question's skeleton is a few kB: emptied when full; a changed question has another key


def drawn(key: tuple, draw: Callable[[], str], marks: list[Mark]) -> str:
    """The skeleton kept under `key` (with the language: the templates are translated), drawn by `draw()`
    the first time, with the answer's `marks` set into it."""
    key = (*key, get_language())
    html = SKELETONS.get(key)
    if html is None:
        if len(SKELETONS) >= SKELETONS_KEPT:
            SKELETONS.clear()
        html = SKELETONS[key] = str(draw())
    for mark in marks:
        at = 0
        for piece in mark.path:
            at = html.index(piece, at) + len(piece)
        at -= len(mark.path[-1])
        html = html[:at] + mark.text + html[at:]
    return mark_safe(html)  # noqa: S308 - the template's own output, and marks that are constant text
