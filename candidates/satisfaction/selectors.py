"""Reads on the *Appréciation de fin de bilan*. A counsellor reads aggregates only, and only from
`THRESHOLD` answers; the académie's figures reuse `satisfaction_summary`."""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from phases.models import SatisfactionPage

from .. import access
from ..accounts.models import User
from ..portal_settings import portal_settings
from .models import SatisfactionResponse

THRESHOLD = 5  # fewer answers than this, and a counsellor could tell who answered what


def questionnaire() -> SatisfactionPage | None:
    return SatisfactionPage.objects.live().first()


def candidate_satisfaction(candidate: User) -> SatisfactionResponse:
    """The candidate's appreciation to give (or given); a 404 if their bilan has not ended."""
    return get_object_or_404(SatisfactionResponse.objects.filter(dossier__in=access.dossiers_for(candidate)))


def satisfaction_to_answer(candidate: User) -> SatisfactionResponse | None:
    """The appreciation the candidate's dashboard invites them to give, if any."""
    return SatisfactionResponse.objects.filter(dossier__in=access.dossiers_for(candidate), answered_at=None).first()


@dataclass
class SatisfactionResults:
    count: int  # answers
    shown: bool  # at least THRESHOLD answers: the figures may be shown
    questions: list = field(default_factory=list)  # phases.summaries.Summary, in the questionnaire's order
    anonymous: bool = True


def satisfaction_summary(responses, page: SatisfactionPage, *, with_texts: bool = False) -> list:
    """Per question of `page` (per item, for a scale): how many answered, the mean and distribution of
    the ratings, the count of each proposition; the texts typed only `with_texts`. One query, whatever
    the number of answers (the answers of `responses`, a queryset, that were given)."""
    answers = list(responses.filter(answered_at__isnull=False).values_list("answers", flat=True))
    summaries = []
    for child in page.question_children:
        given = [answer.get(child.id) for answer in answers]
        summaries.extend(child.block.summarise(child.value, given, with_texts=with_texts))
    return summaries


def counsellor_results(counsellor: User) -> SatisfactionResults:
    """« Appréciations de mes bénéficiaires »: the counsellor's aggregates, from THRESHOLD answers."""
    responses = access.satisfaction_responses_for(counsellor)
    anonymous = portal_settings().satisfaction_anonymous
    count = responses.filter(answered_at__isnull=False).count()
    page = questionnaire()
    if count < THRESHOLD or page is None:
        return SatisfactionResults(count, False, anonymous=anonymous)
    return SatisfactionResults(count, True, satisfaction_summary(responses, page, with_texts=not anonymous), anonymous)
