import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier

# One reminder per dossier in this time: the service refuses another, the dashboard shows when it was sent.
REMINDER_INTERVAL = datetime.timedelta(days=7)


def limiting_since(now: datetime.datetime) -> datetime.datetime:
    """The reminders sent after this moment forbid, at `now`, another one to the same dossier."""
    return now - REMINDER_INTERVAL


class ReminderQuerySet(models.QuerySet):
    def limiting(self, now: datetime.datetime):
        """The reminders recent enough, at `now`, to forbid another one to the same dossier."""
        return self.filter(sent_at__gt=limiting_since(now))


class Reminder(models.Model):
    """A gentle reminder e-mail a counsellor sent a candidate from *À suivre* (its text is the portal's, never
    typed by anyone)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("dossier"))
    counsellor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("conseiller")
    )
    sent_at = models.DateTimeField(_("envoyé le"))

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("rappel au candidat")
        verbose_name_plural = _("rappels aux candidats")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["dossier", "sent_at"], name="candidates_reminder_recent")]

    def __str__(self):
        return f"{self.dossier} — {self.sent_at:%d/%m/%Y}"
