"""Reads on the *Suivi à six mois*, from the dossiers a person may open (`candidates.access`)."""

import datetime

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from phases.models import FollowUpPage

from .. import access
from ..accounts.models import User
from ..agenda.models import Appointment
from .models import FollowUp


def candidate_followup(candidate: User, today: datetime.date) -> FollowUp:
    """The candidate's follow-up once its day has come; a 404 before (or for anyone else)."""
    return get_object_or_404(FollowUp.objects.filter(dossier__in=access.dossiers_for(candidate), due_on__lte=today))


def followup_to_answer(candidate: User, today: datetime.date) -> FollowUp | None:
    """The follow-up the candidate's dashboard invites them to answer, if any."""
    return FollowUp.objects.due(today).filter(dossier__in=access.dossiers_for(candidate)).first()


def dossier_followup(dossier) -> FollowUp | None:
    return FollowUp.objects.filter(dossier=dossier).first()


def followups_due(counsellor: User, today: datetime.date):
    """The counsellor's follow-ups to act on: their day has come (invited or about to be), the candidate
    has not answered, and no rendez-vous with them is planned or held since that day. Ordered by date."""
    met = Appointment.objects.filter(dossier=OuterRef("dossier"), start__date__gte=OuterRef("due_on"))
    return (
        FollowUp.objects.due(today)
        .filter(dossier__in=access.followed_dossiers(counsellor))
        .exclude(Exists(met))
        .select_related("dossier__candidate")
        .order_by("due_on", "pk")
    )


def followup_shown_answers(followup: FollowUp | None) -> list:
    """The answers of an answered follow-up as the dossier page shows them (ShownAnswers)."""
    page = FollowUpPage.objects.live().first()
    if followup is None or not followup.answered_at or page is None:
        return []
    return page.answered_questions(followup.answers)
