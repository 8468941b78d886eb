"""*Appréciation de fin de bilan* (Qualiopi, indicateur 30): the candidate's appreciation of their bilan."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts.models import DABM, User


class SatisfactionResponse(models.Model):
    """One per dossier, created when the bilan ends (`services.satisfaction_schedule`), answered once.

    The counsellor reads only aggregates of at least `selectors.THRESHOLD` answers; the answers outlive
    the dossier, detached from it (`retention.services`)."""

    dossier = models.OneToOneField(
        "candidates.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="satisfaction",
        verbose_name=_("dossier"),
    )
    dabm = models.ForeignKey(DABM, on_delete=models.PROTECT, related_name="+", verbose_name=_("DABM"))
    counsellor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("conseiller")
    )
    invited_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("relances envoyées"), default=0)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answers = models.JSONField(_("réponses"), default=dict, blank=True)

    class Meta:
        verbose_name = _("appréciation de fin de bilan")
        verbose_name_plural = _("appréciations de fin de bilan")

    def __str__(self):
        return str(self._meta.verbose_name)
