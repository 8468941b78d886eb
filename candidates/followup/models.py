"""*Suivi à six mois*: some months after a bilan ends, the candidate says where they stand."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts.models import DABM, User


class FollowUpQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def due(self, today):
        """Not answered, and its day has come (the candidate is invited, or is about to be)."""
        return self.unanswered().filter(due_on__lte=today)


class FollowUp(models.Model):
    """One per dossier, scheduled when the bilan ends (`services.followup_schedule`).

    `situation` and the dates outlive the dossier (the académie's figures); the answers go with the
    dossier's working documents (`retention.services`)."""

    class Situation(models.TextChoices):
        EN_EMPLOI = "en_emploi", _("En emploi")
        EN_FORMATION = "en_formation", _("En formation")
        EN_PROJET = "en_projet", _("En projet")
        EN_RECHERCHE = "en_recherche", _("En recherche d'emploi")
        AUTRE = "autre", _("Autre")

    dossier = models.OneToOneField(
        "candidates.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup",
        verbose_name=_("dossier"),
    )
    dabm = models.ForeignKey(DABM, on_delete=models.PROTECT, related_name="+", verbose_name=_("DABM"))
    counsellor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("conseiller")
    )
    due_on = models.DateField(_("prévu le"))
    invited_at = models.DateTimeField(_("invitation envoyée le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    situation = models.CharField(_("Situation"), max_length=20, choices=Situation.choices, blank=True)
    answers = models.JSONField(_("réponses"), default=dict, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("suivi à six mois")
        verbose_name_plural = _("suivis à six mois")

    def __str__(self):
        return f"{self._meta.verbose_name} — {self.due_on:%d/%m/%Y}"
