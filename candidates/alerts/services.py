"""The gentle reminder: one e-mail to the candidate, at most one per dossier in `REMINDER_INTERVAL`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..journal import services as journal
from . import emails
from .models import REMINDER_INTERVAL, Reminder

NO_EMAIL = _("Ce candidat n'a pas d'adresse de courriel : le rappel ne peut pas lui être envoyé.")
NOT_QUEUED = _("Le rappel n'a pas pu être envoyé. Réessayez dans quelques minutes.")


@transaction.atomic
def reminder_send(*, counsellor: User, dossier: Dossier, now: datetime.datetime | None = None) -> Reminder:
    """Remind the candidate of `dossier` (one the counsellor follows) of their bilan, unless a reminder was sent
    less than `REMINDER_INTERVAL` ago: the dossier's row is locked, so a double submit sends one e-mail."""
    now = now or timezone.now()
    dossier = Dossier.objects.select_for_update().select_related("candidate").get(pk=dossier.pk)
    previous = Reminder.objects.limiting(now).filter(dossier=dossier).first()
    if previous is not None:
        sent, allowed = timezone.localdate(previous.sent_at), timezone.localdate(previous.sent_at + REMINDER_INTERVAL)
        raise ValidationError(
            _("Un rappel a déjà été envoyé le %(sent)s ; le prochain pourra l'être à partir du %(allowed)s.")
            % {"sent": f"{sent:%d/%m/%Y}", "allowed": f"{allowed:%d/%m/%Y}"}
        )
    if not dossier.candidate.email:
        raise ValidationError(NO_EMAIL)
    reminder = Reminder(dossier=dossier, counsellor=counsellor, sent_at=now)
    reminder.full_clean()
    reminder.save()
    if not emails.send_reminder(dossier, counsellor):
        raise ValidationError(NOT_QUEUED)  # nothing recorded: the counsellor may try again
    journal.record(counsellor, journal.Action.REMINDER_SENT, dossier=dossier, obj=reminder)
    return reminder
