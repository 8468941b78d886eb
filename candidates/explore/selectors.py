"""Reads of *Explorer un métier*: the ROME référentiel (skills), searched and shaped for the pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from skills.models import Fiche, RomeVersion
from skills.normalise import normalise
from skills.search import ranked, search_appellations, search_competences

SEARCH_LIMIT = 30
LOOKUP_LIMIT = 10
MIN_LOOKUP_LENGTH = 2
METIERS, COMPETENCES = "metiers", "competences"
LISTES = (METIERS, COMPETENCES)
COMPETENCE_KINDS = {
    "Savoir-faire": ("savoir_faire", gettext_lazy("Savoir-faire")),
    "Savoir-être professionnel": ("savoir_etre", gettext_lazy("Savoir-être")),
}


@dataclass(frozen=True)
class JobResult:
    """A line of the search page: a job title (or a fiche found by its own title) and its fiche."""

    label: str
    fiche_code: str
    fiche_label: str

    @property
    def is_fiche(self) -> bool:
        return self.label == self.fiche_label


def job_search(query: str) -> tuple[list[JobResult], bool]:
    """The fiches whose title matches, then the job titles (each once, with its fiche), at most
    SEARCH_LIMIT; and whether there were more."""
    fiches = list(ranked(Fiche.objects.current(), query)[: SEARCH_LIMIT + 1])
    results = [JobResult(fiche.label, fiche.code, fiche.label) for fiche in fiches]
    listed = {(normalise(fiche.label), fiche.code) for fiche in fiches}
    for title in search_appellations(query, limit=SEARCH_LIMIT + 1):
        if (normalise(title.label), title.fiche_id) not in listed:
            results.append(JobResult(title.label, title.fiche_id, title.fiche.label))
    return results[:SEARCH_LIMIT], len(results) > SEARCH_LIMIT


def _job_titles(query: str) -> list[dict]:
    return [
        {
            "code": title.code,
            "label": title.label,
            "kind": "appellation",
            "kind_label": _("Métier"),
            "fiche": title.fiche_id,
            "fiche_label": title.fiche.label,
            "url": reverse("explore:fiche", args=[title.fiche_id]),
        }
        for title in search_appellations(query, limit=LOOKUP_LIMIT)
    ]


def _competences(query: str) -> list[dict]:
    found = search_competences(query, limit=LOOKUP_LIMIT)
    return [
        {
            "code": competence.code,
            "label": competence.label,
            "kind": COMPETENCE_KINDS[competence.categorie][0],
            "kind_label": str(COMPETENCE_KINDS[competence.categorie][1]),
            "fiche": None,
            "fiche_label": None,
            "url": None,
        }
        for competence in found
        if competence.categorie in COMPETENCE_KINDS
    ]


def lookup(liste: str, query: str) -> list[dict]:
    """The combobox's options (`liste` is one of LISTES): nothing below MIN_LOOKUP_LENGTH characters."""
    if len(query.strip()) < MIN_LOOKUP_LENGTH:
        return []
    return _job_titles(query) if liste == METIERS else _competences(query)


def count_message(count: int) -> str:
    if not count:
        return _("Aucun résultat")
    return ngettext("%(count)d résultat", "%(count)d résultats", count) % {"count": count}


def rome_version() -> int | None:
    current = RomeVersion.current()
    return current.number if current else None
