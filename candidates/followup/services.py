"""Writes on the *Suivi à six mois*: scheduled when a bilan ends, the invitation at its date, the answers."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..journal import services as journal
from ..portal_settings import portal_settings
from . import emails
from .models import FollowUp

ALREADY_ANSWERED = _("Vous avez déjà répondu à ce questionnaire.")


def followup_due_on(end_date: datetime.date, months: int) -> datetime.date:
    """The day of the follow-up: `months` after the end of the bilan (31/08 + 6 months: 28/02 or 29/02)."""
    return end_date + relativedelta(months=months)


def followup_schedule(*, dossier: Dossier) -> FollowUp:
    """The dossier's follow-up, scheduled now if it is not yet (one per dossier, whoever asks twice)."""
    months = portal_settings().followup_delay_months
    followup, _created = FollowUp.objects.get_or_create(
        dossier=dossier,
        defaults={
            "dabm_id": dossier.dabm_id,
            "counsellor_id": dossier.counsellor_id,
            "due_on": followup_due_on(dossier.end_date, months),
        },
    )
    return followup


def followup_invitations_send(*, today: datetime.date, now: datetime.datetime) -> str:
    """E-mail the candidates whose follow-up day has come, once each (the row is claimed before the
    message is queued: two runs never send it twice)."""
    due = FollowUp.objects.due(today).filter(invited_at__isnull=True, dossier__isnull=False)
    sent = 0
    for followup in due.select_related("dossier__candidate"):
        if FollowUp.objects.filter(pk=followup.pk, invited_at__isnull=True).update(invited_at=now):
            sent += emails.send_invitation(followup)
    return f"{sent} invitation(s) au suivi envoyée(s)"


@transaction.atomic
def followup_answer(
    *, candidate: User, followup: FollowUp, situation: str, answers: dict, now: datetime.datetime
) -> FollowUp:
    """The candidate's answers to their follow-up, given once."""
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if followup.answered_at:
        raise ValidationError(ALREADY_ANSWERED)
    followup.situation, followup.answers, followup.answered_at = situation, answers, now
    followup.full_clean()
    followup.save(update_fields=["situation", "answers", "answered_at"])
    journal.record(candidate, journal.Action.FOLLOWUP_ANSWERED, dossier=followup.dossier, obj=followup)
    return followup
