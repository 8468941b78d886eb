"""Search the référentiel as people type: « aide soignante », « prof des ecoles », « developpeur ».

Every word of the query (stop words left out) must start a word of the label: the stored
`search_text` is the normalised label between spaces, so `LIKE '% word%'` is « a word starts with
word » on any database. Ranked: the query as a phrase at the start of the label, then more whole
words, then the first word starting the label, then shorter labels; ties broken by the code.
"""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Length

from .models import Appellation, Competence, Fiche, Savoir
from .normalise import normalise, query_words

DEFAULT_LIMIT = 20


def _flag(**lookup) -> Case:
    return Case(When(**lookup, then=Value(1)), default=Value(0), output_field=IntegerField())


def ranked(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to the items matching `query`, best first (none for an empty query)."""
    words = query_words(query)
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=f" {word}")
    whole_words = sum(
        (_flag(search_text__contains=f" {word} ") for word in words[1:]),
        start=_flag(search_text__contains=f" {words[0]} "),
    )
    return queryset.annotate(
        rank_phrase=_flag(search_text__startswith=f" {normalise(query)} "),
        rank_whole=whole_words,
        rank_start=_flag(search_text__startswith=f" {words[0]}"),
        rank_length=Length("label"),
    ).order_by("-rank_phrase", "-rank_whole", "-rank_start", "rank_length", "pk")


def search_appellations(query: str, limit: int = DEFAULT_LIMIT) -> list[Appellation]:
    """Job titles, each with its fiche (`appellation.fiche`)."""
    return list(ranked(Appellation.objects.current().select_related("fiche"), query)[:limit])


def search_competences(query: str, limit: int = DEFAULT_LIMIT) -> list[Competence]:
    """Savoir-faire, savoir-être and macro-compétences."""
    return list(ranked(Competence.objects.current(), query)[:limit])


def search_savoirs(query: str, limit: int = DEFAULT_LIMIT) -> list[Savoir]:
    return list(ranked(Savoir.objects.current(), query)[:limit])


def search_fiches(query: str, limit: int = DEFAULT_LIMIT) -> list[Fiche]:
    """Fiches found by their own title first, then those reached through a matching job title."""
    found = {fiche.pk: fiche for fiche in ranked(Fiche.objects.current(), query)[:limit]}
    if len(found) < limit:
        for appellation in search_appellations(query, limit=limit * 3):
            found.setdefault(appellation.fiche_id, appellation.fiche)
    return list(found.values())[:limit]
