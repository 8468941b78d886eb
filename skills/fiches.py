"""One fiche métier as a person reads it: its job titles, texts, skills, knowledge, working contexts,
Holland code and the fiches one can move to — read in a fixed, small number of queries."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch

from .models import (
    RIASEC_CHOICES,
    Appellation,
    CoeurMetier,
    Fiche,
    FicheCompetence,
    FicheContexte,
    FicheSavoir,
    FicheTexte,
    Mobilite,
)
from .normalise import normalise

RIASEC_NAMES = dict(RIASEC_CHOICES)


@dataclass(frozen=True)
class RiasecLetter:
    letter: str
    name: str

    def __str__(self):
        return f"{self.letter} — {self.name}"


@dataclass(frozen=True)
class FicheItem:
    """A competence or a savoir of the fiche; `is_core`: at the heart of the job (« Principale »)."""

    code: str
    label: str
    coeur_metier: str
    macro_label: str = ""

    @property
    def is_core(self) -> bool:
        return self.coeur_metier == CoeurMetier.PRINCIPALE

    @property
    def is_emerging(self) -> bool:
        return self.coeur_metier == CoeurMetier.EMERGENTE


@dataclass(frozen=True)
class ContexteGroup:
    type_label: str
    items: list[str]


@dataclass(frozen=True)
class FicheDetail:
    fiche: Fiche
    titles: list[Appellation]
    definition: list[str]
    access: list[str]
    savoir_faire: list[FicheItem]
    savoir_etre: list[FicheItem]
    savoirs: list[FicheItem]
    contextes: list[ContexteGroup]
    riasec: list[RiasecLetter]
    nearby: list[Fiche]

    @property
    def core_count(self) -> int:
        return sum(item.is_core for item in self.savoir_faire)


def _core_first(items: list[FicheItem]) -> list[FicheItem]:
    """Heart of the job first, then the emerging skills, then the others; alphabetical within each."""
    rank = {CoeurMetier.PRINCIPALE: 0, CoeurMetier.EMERGENTE: 1}
    return sorted(items, key=lambda item: (rank.get(item.coeur_metier, 2), normalise(item.label), item.code))


def _sentences(texts, kind: str) -> list[str]:
    # The published CSV writes every apostrophe twice (SQL escaping: « d''Etat »); shown once.
    return [text.text.replace("''", "'") for text in texts if text.kind == kind]


def _competences(links, rubrique: int) -> list[FicheItem]:
    return _core_first(
        [
            FicheItem(
                link.competence.code,
                link.competence.label,
                link.coeur_metier,
                link.competence.macro.label if link.competence.macro else "",
            )
            for link in links
            if link.rubrique == rubrique
        ]
    )


def _contextes(links) -> list[ContexteGroup]:
    ordered = sorted(links, key=lambda link: (link.contexte.type_code, normalise(link.contexte.label)))
    return [
        ContexteGroup(type_label, [link.contexte.label for link in group])
        for type_label, group in groupby(ordered, key=lambda link: link.contexte.type_label)
    ]


def _current_links(model, item: str, related: str = ""):
    """The fiche's links of `model` to items still in the référentiel, each with its item (and `related`)."""
    return model.objects.filter(**{f"{item}__retired_in_version__isnull": True}).select_related(related or item)


def _fiche_with_everything(code: str) -> Fiche | None:
    nearby = Mobilite.objects.filter(cible__retired_in_version__isnull=True).select_related("cible").order_by("ordre")
    return (
        Fiche.objects.filter(pk=code)
        .prefetch_related(
            Prefetch("appellations", queryset=Appellation.objects.current(), to_attr="current_titles"),
            Prefetch("textes", queryset=FicheTexte.objects.order_by("kind", "position"), to_attr="all_texts"),
            Prefetch(
                "competence_links",
                queryset=_current_links(FicheCompetence, "competence", "competence__macro"),
                to_attr="all_competences",
            ),
            Prefetch("savoir_links", queryset=_current_links(FicheSavoir, "savoir"), to_attr="all_savoirs"),
            Prefetch("contexte_links", queryset=_current_links(FicheContexte, "contexte"), to_attr="all_contextes"),
            Prefetch("mobilites", queryset=nearby, to_attr="nearby"),
        )
        .first()
    )


def fiche_detail(code: str) -> FicheDetail | None:
    """The fiche `code` with all it holds, or None for a code the référentiel never had.

    A retired fiche is still returned: the page shows it with `fiche.retirement_notice`.
    Seven queries, whatever the fiche (tests/test_explore.py pins it)."""
    fiche = _fiche_with_everything(code)
    if fiche is None:
        return None
    letters = [letter for letter in (fiche.riasec_majeur, fiche.riasec_mineur) if letter]
    return FicheDetail(
        fiche=fiche,
        titles=sorted(fiche.current_titles, key=lambda title: (normalise(title.label), title.code)),
        definition=_sentences(fiche.all_texts, FicheTexte.DEFINITION),
        access=_sentences(fiche.all_texts, FicheTexte.ACCES_METIER),
        savoir_faire=_competences(fiche.all_competences, FicheCompetence.SAVOIR_FAIRE),
        savoir_etre=_competences(fiche.all_competences, FicheCompetence.SAVOIR_ETRE),
        savoirs=_core_first(
            [FicheItem(link.savoir.code, link.savoir.label, link.coeur_metier) for link in fiche.all_savoirs]
        ),
        contextes=_contextes(fiche.all_contextes),
        riasec=[RiasecLetter(letter, str(RIASEC_NAMES[letter])) for letter in letters],
        nearby=[mobility.cible for mobility in fiche.nearby],
    )
