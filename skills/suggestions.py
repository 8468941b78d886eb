"""Jobs to suggest to a candidate, from the competences they have, their interests and their jobs.

A fiche is suggested only if it holds at least one of the candidate's competences, or is a mobility
target (`Mobilite.cible`) of a fiche the candidate holds or held, or considers. The RIASEC profile never
brings a fiche in by itself: it reorders and explains. Retired fiches, the fiches the candidate
considers (already chosen) and the dismissed ones (`exclude`) are never suggested.

Score (higher first; ties: more core matches, more matches, then the code):

    score = coverage + riasec_bonus + near_bonus

    coverage = matched_weight / (fiche_weight + candidate_count − matched)

  A weighted Jaccard index between the fiche's competences and the candidate's: each link of the
  fiche weighs 2 when the competence is at the heart of the job (`coeur_metier` « Principale »), else 1;
  `fiche_weight` sums the weights of all the fiche's competences, `matched_weight` those the candidate
  has; `candidate_count` is the number of distinct competence codes given, `matched` how many the
  fiche holds (each candidate competence the fiche lacks weighs 1 in the union). From 0 to 1; 1 when
  the candidate has exactly the fiche's competences, so a small fiche fully covered beats a huge fiche
  with a few matches.

    riasec_bonus = 0.10 × (fiche letters among the first two of the candidate's code)
                 + 0.05 × (fiche letters equal to its third letter)

  over the fiche's `riasec_majeur` and `riasec_mineur` (0 to 0.20; 0 without a profile).

    near_bonus = 0.20 if a fiche the candidate holds leads to it (`Mobilite`), else 0.10 if a fiche
                 they consider does, else 0.

Three queries at most (mobility, one aggregate over the links, the suggested fiches), whatever the
number of competences or candidate fiches.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils.translation import gettext, ngettext

from .models import CoeurMetier, Fiche, FicheCompetence, Mobilite
from .riasec import InterestProfile, describe

CORE_WEIGHT, OTHER_WEIGHT = 2, 1
RIASEC_LEADING_BONUS, RIASEC_THIRD_BONUS = 0.10, 0.05
HELD_BONUS, CONSIDERED_BONUS = 0.20, 0.10
NEAR_HELD, NEAR_CONSIDERED = "held", "considered"


class Suggestion(NamedTuple):
    fiche: Fiche
    score: float
    matched: int  # candidate competences the fiche holds
    matched_core: int  # of them, at the heart of the job (« Principale »)
    riasec: str  # the first two letters of the candidate's code that the fiche has, "" if none
    near: str  # "" | "held" | "considered": a mobility link from a job held, or considered
    reason: str


def _weight(link_prefix: str = "") -> Case:
    return Case(
        When(**{f"{link_prefix}coeur_metier": CoeurMetier.PRINCIPALE}, then=Value(CORE_WEIGHT)),
        default=Value(OTHER_WEIGHT),
        output_field=IntegerField(),
    )


def _if(condition: Q, then: Case | Value) -> Case:
    return Case(When(condition, then=then), default=Value(0), output_field=IntegerField())


def _near(held: set[str], considered: set[str]) -> dict[str, str]:
    """{target fiche code: "held" | "considered"} over the mobility links from the candidate's jobs."""
    if not held and not considered:
        return {}
    near = {}
    for source, target in (
        Mobilite.objects.filter(fiche_id__in=held | considered).order_by().values_list("fiche_id", "cible_id")
    ):
        if source in held:
            near[target] = NEAR_HELD
        else:
            near.setdefault(target, NEAR_CONSIDERED)
    return near


def _rows(codes: set[str], targets: Iterable[str], excluded: set[str]) -> list[dict]:
    """Per candidate fiche: its RIASEC letters, weight, and what the candidate's competences match."""
    brought_in = Q(pk__in=list(targets))
    annotations = {"fiche_weight": Sum(_weight("competence_links__"))}
    if codes:
        brought_in |= Q(pk__in=FicheCompetence.objects.filter(competence_id__in=codes).values("fiche_id"))
        has = Q(competence_links__competence_id__in=codes)
        core = Q(competence_links__coeur_metier=CoeurMetier.PRINCIPALE)
        annotations |= {
            "matched": Sum(_if(has, Value(1))),
            "matched_core": Sum(_if(has & core, Value(1))),
            "matched_weight": Sum(_if(has, _weight("competence_links__"))),
        }
    return list(
        Fiche.objects.current()
        .filter(brought_in)
        .exclude(pk__in=excluded)
        .values("code", "riasec_majeur", "riasec_mineur")
        .annotate(**annotations)
        .order_by()
    )


def _riasec_bonus(letters: tuple[str, str], code: str) -> float:
    leading, third = code[:2], code[2:3]
    return sum(
        RIASEC_LEADING_BONUS if letter in leading else RIASEC_THIRD_BONUS if letter == third else 0.0
        for letter in letters
        if letter
    )


def _reason(matched: int, matched_core: int, riasec: str, near: str, held_count: int) -> str:
    parts = []
    if matched:
        part = ngettext("%(count)s de vos compétences", "%(count)s de vos compétences", matched) % {"count": matched}
        if matched_core == matched:
            part += ngettext(", au cœur du métier", ", toutes au cœur du métier", matched)
        elif matched_core:
            part += gettext(", dont %(count)s au cœur du métier") % {"count": matched_core}
        parts.append(part)
    if riasec:
        parts.append(gettext("profil %(profile)s comme le vôtre") % {"profile": describe(riasec)})
    if near == NEAR_HELD:
        parts.append(ngettext("proche de votre métier actuel", "proche de l'un de vos métiers", held_count))
    elif near == NEAR_CONSIDERED:
        parts.append(gettext("proche d'un métier que vous envisagez"))
    return " ; ".join(parts)


def suggest(
    *,
    competences: Iterable[str],
    profile: InterestProfile | None,
    held: Iterable[str] = (),
    considered: Iterable[str] = (),
    exclude: Iterable[str] = (),
    limit: int = 10,
) -> list[Suggestion]:
    """The `limit` best fiches for a candidate, best first (see the module's docstring for the score)."""
    codes = {code for code in competences if code}
    held, considered = set(held), set(considered)
    near = _near(held, considered)
    if (not codes and not near) or limit <= 0:
        return []
    holland = profile.code if profile else ""
    scored = []
    for row in _rows(codes, near, excluded=considered | set(exclude)):
        matched = row.get("matched") or 0
        fiche_weight = row["fiche_weight"] or 0
        union = fiche_weight + len(codes) - matched
        coverage = (row.get("matched_weight") or 0) / union if union else 0.0
        letters = (row["riasec_majeur"], row["riasec_mineur"])
        closeness = near.get(row["code"], "")
        bonus = {NEAR_HELD: HELD_BONUS, NEAR_CONSIDERED: CONSIDERED_BONUS}.get(closeness, 0.0)
        score = round(coverage + _riasec_bonus(letters, holland) + bonus, 6)
        riasec = profile.shares(letters) if profile else ""
        scored.append((score, matched, row.get("matched_core") or 0, riasec, closeness, row["code"]))
    scored.sort(key=lambda item: (-item[0], -item[2], -item[1], item[5]))
    best = scored[:limit]
    fiches = Fiche.objects.in_bulk([item[5] for item in best])
    return [
        Suggestion(
            fiche=fiches[code],
            score=score,
            matched=matched,
            matched_core=matched_core,
            riasec=riasec,
            near=closeness,
            reason=_reason(matched, matched_core, riasec, closeness, len(held)),
        )
        for score, matched, matched_core, riasec, closeness, code in best
    ]
