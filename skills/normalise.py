"""The one normalisation of ROME labels and of what people type: both sides go through `normalise`."""

import re
import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
NOT_A_LETTER = re.compile(r"[^a-z0-9]+")
# Small words that must not block a search (« prof des ecoles »): left out of the query, kept in the labels.
STOP_WORDS = frozenset("a au aux d de des du en et l la le les un une".split())


def normalise(text: str) -> str:
    """Lower case, no accents, ligatures spelt out; hyphens, apostrophes, slashes… become single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return NOT_A_LETTER.sub(" ", bare).strip()


def search_text(*labels: str) -> str:
    """The stored search column: the normalised labels between spaces, so that « % word» finds a word start."""
    words = " ".join(normalise(label) for label in labels if label)
    return f" {words} "


def query_words(query: str) -> list[str]:
    """The words of a query, stop words left out (unless the query holds nothing else)."""
    words = normalise(query).split()
    kept = [word for word in words if word not in STOP_WORDS]
    return kept or words
