"""Reads on the *Agenda*, scoped by `candidates.access`."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import access
from ..accounts.models import User
from .models import Appointment, CalendarFeed


def appointments_for(user: User):
    """The rendez-vous this person may see: those of a counsellor's candidates, or a candidate's own."""
    return (
        access.appointments_for(user)
        .select_related("dossier__candidate", "dossier__dabm", "counsellor", "phase")
        .order_by("start", "pk")
    )


def appointment_for(user: User, pk: int) -> Appointment:
    return get_object_or_404(appointments_for(user), pk=pk)


def upcoming_appointments(user: User, limit: int = 10):
    """The rendez-vous not yet over, soonest first (cancelled ones included: they are shown as such)."""
    return appointments_for(user).filter(end__gte=timezone.now())[:limit]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def week_appointments(user: User, monday: datetime.date):
    """The rendez-vous starting in the week (Monday to Sunday, Europe/Paris) that begins on `monday`."""
    return appointments_for(user).filter(
        start__gte=_local_midnight(monday), start__lt=_local_midnight(monday + datetime.timedelta(days=7))
    )


FEED_PAST_DAYS = 30


def feed_user(token: str) -> User:
    """The person whose subscription address this is; a revoked or unknown address is a 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token, user__is_active=True)
    return feed.user


def feed_appointments(user: User):
    """What a subscribed calendar shows: the rendez-vous still held, upcoming or of the last 30 days."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return appointments_for(user).filter(cancelled_at__isnull=True, end__gte=since)


def calendar_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
