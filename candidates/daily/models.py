"""The journal of the daily jobs (`manage.py run_daily_jobs`): one row per day, which is also its lock."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyRun(models.Model):
    """The run of one day's jobs. Its unique `day` is the lock: the row is created, in its own
    transaction, before any step runs, so a second run of the same day (at the same time or later)
    cannot create it and does nothing."""

    day = models.DateField(_("jour"), unique=True)
    started_at = models.DateTimeField(_("commencé le"))
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    # [{"step": name, "ok": bool, "detail": what it did, or the error}] in the order the steps ran
    steps = models.JSONField(_("étapes"), default=list, blank=True)
    failed = models.BooleanField(_("en échec"), default=False)

    class Meta:
        verbose_name = _("tâches quotidiennes")
        verbose_name_plural = _("tâches quotidiennes")
        ordering = ["-day"]

    def __str__(self):
        return f"{self._meta.verbose_name} du {self.day:%d/%m/%Y}"
