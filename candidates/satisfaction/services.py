"""Writes on the *Appréciation de fin de bilan*: created when a bilan ends, the invitation and up to
`settings.SATISFACTION_REMINDER_DAYS` reminders (none once answered), the answers."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..journal import services as journal
from ..portal_settings import portal_settings
from . import emails
from .models import SatisfactionResponse

ALREADY_ANSWERED = _("Vous avez déjà donné votre appréciation. Merci !")


def satisfaction_schedule(*, dossier: Dossier) -> SatisfactionResponse:
    """The dossier's appreciation to ask, created now if it is not yet (one per dossier)."""
    response, _created = SatisfactionResponse.objects.get_or_create(
        dossier=dossier, defaults={"dabm_id": dossier.dabm_id, "counsellor_id": dossier.counsellor_id}
    )
    return response


def _claimed(response: SatisfactionResponse, **changes) -> bool:
    """Write `changes` if the row is still as read (and unanswered): the run that wins sends the message."""
    current = {"invited_at": response.invited_at, "reminders_sent": response.reminders_sent}
    rows = SatisfactionResponse.objects.filter(pk=response.pk, answered_at__isnull=True, **current)
    return bool(rows.update(**changes))


def satisfaction_invite(*, response: SatisfactionResponse, now: datetime.datetime, anonymous: bool) -> int:
    """Send the invitation unless it went already (1 if this call sent it)."""
    if response.invited_at is None and _claimed(response, invited_at=now):
        return int(emails.send_invitation(response, reminder=False, anonymous=anonymous))
    return 0


def satisfaction_invitations_send(*, today: datetime.date, now: datetime.datetime) -> str:
    """Invite the candidates whose bilan ended, then remind them `SATISFACTION_REMINDER_DAYS` after the
    invitation; never once they have answered, never twice the same message."""
    delays = settings.SATISFACTION_REMINDER_DAYS
    anonymous = portal_settings().satisfaction_anonymous
    invited = reminded = 0
    waiting = SatisfactionResponse.objects.filter(answered_at__isnull=True, dossier__isnull=False)
    waiting = waiting.filter(Q(invited_at__isnull=True) | Q(reminders_sent__lt=len(delays)))
    for response in waiting.select_related("dossier__candidate"):
        if response.invited_at is None:
            invited += satisfaction_invite(response=response, now=now, anonymous=anonymous)
            continue
        sent = response.reminders_sent
        invited_on = timezone.localtime(response.invited_at).date()
        if today >= invited_on + datetime.timedelta(days=delays[sent]) and _claimed(response, reminders_sent=sent + 1):
            reminded += emails.send_invitation(response, reminder=True, anonymous=anonymous)
    return f"{invited} invitation(s) et {reminded} relance(s) à l'appréciation envoyée(s)"


@transaction.atomic
def satisfaction_answer(
    *, candidate: User, response: SatisfactionResponse, answers: dict, now: datetime.datetime
) -> SatisfactionResponse:
    """The candidate's appreciation, given once (the reminders stop)."""
    response = SatisfactionResponse.objects.select_for_update().get(pk=response.pk)
    if response.answered_at:
        raise ValidationError(ALREADY_ANSWERED)
    response.answers, response.answered_at = answers, now
    response.full_clean()
    response.save(update_fields=["answers", "answered_at"])
    journal.record(candidate, journal.Action.SATISFACTION_ANSWERED, dossier=response.dossier, obj=response)
    return response
