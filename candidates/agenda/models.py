import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier


class Appointment(models.Model):
    """A *rendez-vous* of the *Agenda* between a counsellor and a candidate."""

    class Modality(models.TextChoices):
        REMOTE = "a_distance", _("A distance")
        ON_SITE = "presentiel", _("Présentiel")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("dossier")
    )
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("conseiller")
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    modality = models.CharField(_("modalité"), max_length=20, choices=Modality.choices, default=Modality.ON_SITE)
    meeting_link = models.URLField(_("lien de la visioconférence"), blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    subject = models.CharField(_("objet"), max_length=200)
    phase = models.ForeignKey(
        "phases.PhasePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phase"),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    sequence = models.PositiveIntegerField(default=0, editable=False, help_text="iCalendar SEQUENCE")
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="candidates_appointment_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.start:%d/%m/%Y %H:%M})"


class CalendarFeed(models.Model):
    """A person's private, revocable calendar-subscription address (the token is the secret)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement d'agenda")
        verbose_name_plural = _("abonnements d'agenda")

    def __str__(self):
        return f"Agenda de {self.user}"
