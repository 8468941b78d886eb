"""What the ROME question blocks look up in the référentiel (`skills`): the savoir-faire and savoir-être
a candidate can add, and the job titles they can keep. A candidate's answer stores each choice's code
*and* the label they chose, so a newer ROME that renames or removes an item changes nothing they wrote;
`notices()` says which of their codes the loaded version no longer has."""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from skills.models import Appellation, Competence
from skills.search import search_appellations, search_competences

SEARCH_LIMIT = 10  # the results a search without JavaScript lists (the combobox shows as many)
SAVOIR_ETRE_CATEGORY = "Savoir-être professionnel"

KIND_LABELS = {
    "savoir_faire": _("Savoir-faire"),
    "savoir_etre": _("Savoir-être"),
    "libre": _("Compétence hors ROME"),
    "appellation": _("Métier"),
}


class RomeEntry(NamedTuple):
    """One item of the référentiel as an answer stores it."""

    code: str
    label: str
    kind: str  # savoir_faire | savoir_etre | appellation
    fiche: str = ""  # a job title's fiche code (« J1501 »)
    fiche_label: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def stored(self) -> dict:
        """The entry as an answer keeps it (a competence has no fiche)."""
        return {key: value for key, value in self._asdict().items() if value or key in ("code", "label", "kind")}


def competence_kind(competence: Competence) -> str:
    return "savoir_etre" if competence.categorie == SAVOIR_ETRE_CATEGORY else "savoir_faire"


class CompetenceCatalogue:
    """Savoir-faire and savoir-être, current ones only for new choices."""

    model = Competence

    @staticmethod
    def kind_label(kind: str) -> str:
        return str(KIND_LABELS.get(kind, ""))

    def entry(self, competence) -> RomeEntry:
        return RomeEntry(competence.code, competence.label, competence_kind(competence))

    def lookup(self, codes) -> dict[str, RomeEntry]:
        """{code: entry} of the current items among `codes` (others are not offered any more)."""
        items = self.model.objects.current().filter(code__in=list(codes))
        return {item.code: self.entry(item) for item in items}

    def search(self, query: str) -> list[RomeEntry]:
        return [self.entry(item) for item in search_competences(query, limit=SEARCH_LIMIT)]

    def notices(self, codes) -> dict[str, str]:
        """{code: « n'existe plus dans le ROME v461 »} for the codes the loaded version no longer has."""
        retired = self.model.objects.filter(code__in=[code for code in codes if code], retired_in_version__isnull=False)
        return {item.code: str(item.retirement_notice) for item in retired}


class JobCatalogue(CompetenceCatalogue):
    """Job titles (appellations), each with its fiche."""

    model = Appellation

    def entry(self, appellation) -> RomeEntry:
        fiche = appellation.fiche
        return RomeEntry(appellation.code, appellation.label, "appellation", fiche.code, fiche.label)

    def lookup(self, codes):
        items = self.model.objects.current().select_related("fiche").filter(code__in=list(codes))
        return {item.code: self.entry(item) for item in items}

    def search(self, query):
        return [self.entry(item) for item in search_appellations(query, limit=SEARCH_LIMIT)]
