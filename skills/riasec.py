"""Holland's RIASEC interests: the six dimensions, their labels, and a candidate's interest profile.

A profile holds a score from 0 to 100 for each dimension. Its Holland code is its best letters, best
first: three of them, fewer when the three best are undecided (the third tied with the fourth), and
never a letter scored 0. The référentiel gives each fiche a major and a
minor letter (`Fiche.riasec_majeur`, `Fiche.riasec_mineur`), labelled by `NAMES`.
"""

from collections.abc import Iterable
from fractions import Fraction
from math import floor
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

DIMENSIONS = ("R", "I", "A", "S", "E", "C")
# The référentiel's names of the six types (the choices of the RIASEC fields of `skills.models`).
NAMES = {
    "R": _("Réaliste"),
    "I": _("Investigateur"),
    "A": _("Artiste"),
    "S": _("Social"),
    "E": _("Entreprenant"),
    "C": _("Conventionnel"),
}
# The adjectives that describe a profile: « Social–Artistique ».
ADJECTIVES = {
    "R": _("Réaliste"),
    "I": _("Investigateur"),
    "A": _("Artistique"),
    "S": _("Social"),
    "E": _("Entreprenant"),
    "C": _("Conventionnel"),
}
CODE_LENGTH = 3
EN_DASH = "–"


def describe(letters: Iterable[str]) -> str:
    """« Social–Artistique »: the adjectives of `letters`, in their order, joined by an en dash."""
    return EN_DASH.join(str(ADJECTIVES[letter]) for letter in letters)


class InterestProfile(NamedTuple):
    scores: dict[str, int]  # letter → 0..100; a letter left out scores 0

    def score(self, letter: str) -> int:
        return self.scores.get(letter, 0)

    def ranked(self) -> list[str]:
        """The six letters, best first; ties in the R-I-A-S-E-C order."""
        return sorted(DIMENSIONS, key=lambda letter: (-self.score(letter), DIMENSIONS.index(letter)))

    @property
    def code(self) -> str:
        """The Holland code: the three best letters, « SAE »; fewer when undecided or scored 0.

        The code is the longest head of `ranked()`, three letters at most, that scores strictly above
        the letter after it: « SA » when the third and the fourth are tied, « S » when the second, third
        and fourth are (two tied letters inside the code keep the R-I-A-S-E-C order). A letter scored 0
        is never in it.
        """
        ranked = self.ranked()
        length = 0
        for position in range(CODE_LENGTH):
            letter, following = ranked[position], ranked[position + 1]
            if self.score(letter) <= 0:
                break
            if self.score(letter) > self.score(following):
                length = position + 1
        return "".join(ranked[:length])

    def label(self, length: int = 2) -> str:
        """« Social–Artistique »: the adjectives of the code's first `length` letters ("" without a code)."""
        return describe(self.code[:length])

    def shares(self, letters: Iterable[str], length: int = 2) -> str:
        """The code's first `length` letters that are among `letters`, in the code's order."""
        letters = set(letters)
        return "".join(letter for letter in self.code[:length] if letter in letters)


def _rounded(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))  # half up, exactly (not Python's round-half-even)


def profile_from_ratings(ratings: Iterable[tuple[str, int]], steps: int) -> InterestProfile | None:
    """The profile of `ratings` ((letter, rating from 1 to `steps`) pairs); None when nothing is rated.

    Each dimension scores its mean rating rescaled to 0–100: (mean − 1) / (steps − 1) × 100, rounded
    half up; a dimension without a rated item scores 0. A rating of None (left unanswered) is skipped.
    """
    if steps < 2:
        raise ValueError(f"steps doit valoir au moins 2 (reçu {steps})")
    totals = dict.fromkeys(DIMENSIONS, 0)
    counts = dict.fromkeys(DIMENSIONS, 0)
    for letter, rating in ratings:
        if rating is None:
            continue
        if letter not in totals:
            raise ValueError(f"dimension RIASEC inconnue : {letter!r}")
        if not 1 <= rating <= steps:
            raise ValueError(f"note {rating!r} hors de 1..{steps}")
        totals[letter] += rating
        counts[letter] += 1
    if not any(counts.values()):
        return None
    return InterestProfile(
        {
            letter: _rounded(Fraction(totals[letter] - counts[letter], counts[letter] * (steps - 1)) * 100)
            if counts[letter]
            else 0
            for letter in DIMENSIONS
        }
    )
