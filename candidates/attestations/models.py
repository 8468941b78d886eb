from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import portal_settings
from ..accounts.models import User
from ..dossiers.models import Dossier
from . import durations


class AttestationQuerySet(models.QuerySet):
    def total_minutes(self) -> int:
        """The attested time of these attestations, in minutes."""
        return self.aggregate(total=models.Sum("duration_minutes"))["total"] or 0


class Attestation(models.Model):
    """An *Attestation de présence*: proof that the candidate attended one session of the bilan."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="attestations", verbose_name=_("dossier")
    )
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="issued_attestations", verbose_name=_("conseiller")
    )
    start = models.DateTimeField(_("Date de début"))
    end = models.DateTimeField(_("Date de fin"))
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), editable=False)
    reference = models.CharField(_("référence"), max_length=30, unique=True, editable=False)
    over_cap = models.BooleanField(
        _("au-delà de 24 heures"), default=False, help_text=_("Émise après confirmation du dépassement du plafond.")
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # The académie's name, footer and logo (a frozen copy) of the Paramètres when the attestation was
    # issued: its PDF shows these, whatever the Paramètres say later (portal_settings.document_identity).
    issued_with = models.JSONField(_("émise avec"), default=dict, blank=True, editable=False)

    objects = AttestationQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation de présence")
        verbose_name_plural = _("attestations de présence")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="candidates_attestation_end_after_start"
            )
        ]
        # The hours of each dossier read from the index alone (L'activité de l'académie, 100 000 bilans).
        indexes = [models.Index(fields=["dossier", "duration_minutes"], name="candidates_attestation_minutes")]

    def __str__(self):
        return self.reference or _("Attestation de présence (aperçu)")

    def save(self, *args, **kwargs):
        if self._state.adding and not self.issued_with:
            self.issued_with = portal_settings.document_identity()
        super().save(*args, **kwargs)

    @property
    def duration_label(self) -> str:
        return durations.hours_minutes(self.duration_minutes)

    def clean(self):
        """The rules of a session: one day at most, within the bilan, no overlap, and the 24-hour cap
        crossed only on purpose (then the attestation is flagged)."""
        super().clean()
        if not (self.start and self.end and self.dossier_id):
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("La fin de la séance doit être après son début.")})
        self.duration_minutes = durations.minutes_between(self.start, self.end)
        if self.duration_minutes > 24 * 60:
            raise ValidationError({"end": _("Une séance ne peut pas durer plus d'une journée.")})
        dossier = self.dossier
        start_day, end_day = timezone.localtime(self.start).date(), timezone.localtime(self.end).date()
        if start_day < dossier.start_date or end_day > dossier.end_date:
            raise ValidationError(
                {
                    "start": _(
                        "La séance doit avoir lieu pendant le bilan, du %(start)s au %(end)s. "
                        "Si les dates du bilan ont changé, modifiez d'abord le dossier."
                    )
                    % {"start": f"{dossier.start_date:%d/%m/%Y}", "end": f"{dossier.end_date:%d/%m/%Y}"}
                }
            )
        others = Attestation.objects.filter(dossier_id=self.dossier_id).exclude(pk=self.pk)
        overlap = others.filter(start__lt=self.end, end__gt=self.start).first()
        if overlap:
            when = timezone.localtime(overlap.start)
            raise ValidationError(
                _("Cette séance chevauche l'attestation %(reference)s du %(day)s à %(time)s.")
                % {"reference": overlap.reference, "day": f"{when:%d/%m/%Y}", "time": f"{when:%H:%M}"}
            )
        total = others.total_minutes() + self.duration_minutes
        if total > durations.LEGAL_CAP_MINUTES and not self.over_cap:
            raise ValidationError(
                {
                    "over_cap": _(
                        "Avec cette séance, le total attesté passerait à %(total)s, au-delà du plafond "
                        "légal de 24 heures. Cochez la case pour confirmer malgré tout."
                    )
                    % {"total": durations.hours_minutes(total)}
                }
            )
        self.over_cap = total > durations.LEGAL_CAP_MINUTES
