"""Writes on the *Agenda*: rendez-vous and calendar-subscription addresses."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..dossiers.models import Dossier
from .models import Appointment, CalendarFeed


def _appointment_default_place(dossier: Dossier) -> str:
    """*Présentiel* without a place: the DABM's name and address, on one line."""
    dabm = dossier.dabm
    lines = [line.strip() for line in (dabm.address or dabm.city or "").splitlines() if line.strip()]
    return ", ".join([dabm.name, *lines])[:255]


def _appointment_check(appointment: Appointment, *, counsellor: User) -> None:
    """The rules of a rendez-vous, each named next to its field; then the model's own checks."""
    errors = {}
    start, end, dossier = appointment.start, appointment.end, appointment.dossier
    if start and end:
        if end <= start:
            errors["end"] = _("La fin du rendez-vous doit être après son début.")
        elif timezone.localtime(start).date() != timezone.localtime(end).date():
            errors["end"] = _("Un rendez-vous commence et finit le même jour.")
    if dossier.counsellor_id != counsellor.pk:
        errors["dossier"] = _("Ce candidat n'est pas l'un des vôtres.")
    if appointment.modality == Appointment.Modality.REMOTE and not appointment.meeting_link.strip():
        errors["meeting_link"] = _("Indiquez le lien de la visioconférence d'un rendez-vous à distance.")
    if appointment.phase_id and not dossier.phases.filter(pk=appointment.phase_id).exists():
        errors["phase"] = _("Cette phase ne fait pas partie de la modularisation du candidat.")
    if errors:
        raise ValidationError(errors)
    if appointment.modality == Appointment.Modality.ON_SITE and not appointment.place.strip():
        appointment.place = _appointment_default_place(dossier)
    appointment.full_clean()


def _set_details(
    appointment: Appointment,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    modality: str,
    meeting_link: str = "",
    place: str = "",
    subject: str,
    phase=None,
    notes: str = "",
) -> None:
    """What the counsellor types for a rendez-vous (the form's fields), cleaned of surrounding spaces."""
    appointment.start, appointment.end, appointment.modality = start, end, modality
    appointment.meeting_link, appointment.place = meeting_link.strip(), place.strip()
    appointment.subject, appointment.phase, appointment.notes = subject.strip(), phase, notes.strip()


@transaction.atomic
def appointment_create(*, counsellor: User, dossier: Dossier, **details) -> Appointment:
    """A new rendez-vous with one of the counsellor's candidates (`details`: see `_set_details`).
    Notifying them is the caller's job."""
    appointment = Appointment(counsellor=counsellor, dossier=dossier)
    _set_details(appointment, **details)
    _appointment_check(appointment, counsellor=counsellor)
    appointment.save()
    return appointment


@transaction.atomic
def appointment_update(*, appointment: Appointment, **details) -> Appointment:
    """*Modifier* (or move) a rendez-vous; calendars learn of the change through its SEQUENCE."""
    if appointment.cancelled_at:
        raise ValidationError(_("Ce rendez-vous est annulé : il ne peut plus être modifié."))
    _set_details(appointment, **details)
    _appointment_check(appointment, counsellor=appointment.dossier.counsellor)
    appointment.sequence += 1
    appointment.save()
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    """*Annuler le rendez-vous*: it stays in the agendas, marked *Annulé*."""
    if appointment.cancelled_at:
        return appointment
    appointment.cancelled_at = timezone.now()
    appointment.sequence += 1
    appointment.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    return appointment


@transaction.atomic
def calendar_feed_token(*, user: User) -> CalendarFeed:
    """The person's private subscription address, created on first request."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user, token=secrets.token_urlsafe(32))
        feed.full_clean()
        feed.save()
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    """The old address stops working at once; a new one may be created later."""
    CalendarFeed.objects.filter(user=user).delete()
