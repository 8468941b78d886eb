"""What separates a candidate from a job: the fiche's competences they have, and what is at the heart
of the job (`coeur_metier` « Principale ») that they lack, competences and savoirs.

Three queries: the fiche, its links that matter (the candidate's or the heart of the job's)
with their competence, its heart-of-the-job savoirs with their savoir.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Q

from .models import CoeurMetier, Competence, Fiche, FicheCompetence, FicheSavoir, Savoir


class Gap(NamedTuple):
    fiche: Fiche
    matched: list[Competence]  # the fiche's competences the candidate has, heart of the job first
    missing_core: list[Competence]  # the fiche's heart-of-the-job competences the candidate lacks
    missing_savoirs: list[Savoir]  # the fiche's heart-of-the-job savoirs the candidate lacks


def _by_label(item) -> tuple[str, str]:
    return (item.label, item.code)


def fiche_gap(fiche_code: str, have: Iterable[str]) -> Gap | None:
    """The gap between `have` (competence and savoir codes) and the fiche `fiche_code` (None if unknown)."""
    fiche = Fiche.objects.filter(pk=fiche_code).first()
    if fiche is None:
        return None
    have = {code for code in have if code}
    core = Q(coeur_metier=CoeurMetier.PRINCIPALE)
    links = (
        FicheCompetence.objects.filter(Q(competence_id__in=have) | core, fiche=fiche)
        .select_related("competence")
        .order_by()
    )
    matched_core, matched_other, missing_core = [], [], []
    for link in links:
        if link.competence_id in have:
            (matched_core if link.coeur_metier == CoeurMetier.PRINCIPALE else matched_other).append(link.competence)
        else:
            missing_core.append(link.competence)
    savoirs = [
        link.savoir
        for link in FicheSavoir.objects.filter(core, fiche=fiche).select_related("savoir").order_by()
        if link.savoir_id not in have
    ]
    return Gap(
        fiche=fiche,
        matched=sorted(matched_core, key=_by_label) + sorted(matched_other, key=_by_label),
        missing_core=sorted(missing_core, key=_by_label),
        missing_savoirs=sorted(savoirs, key=_by_label),
    )
