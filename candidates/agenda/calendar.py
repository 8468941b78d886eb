"""The *Agenda* as iCalendar (RFC 5545): one rendez-vous as an invitation (.ics attached to the
e-mails and downloadable), and a person's private subscription feed."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from .models import Appointment

PRODID = "-//Mon bilan en ligne//Agenda//FR"
UID_DOMAIN = "monbilanenligne"
PARIS = ZoneInfo("Europe/Paris")


def appointment_uid(appointment: Appointment) -> str:
    return f"{appointment.uid}@{UID_DOMAIN}"


def _person(user, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = user.get_full_name() or user.username
    address.params.update(params)
    return address


def appointment_description(appointment: Appointment) -> str:
    """What the calendar entry says: the subject, the phase, the link. Never the counsellor's notes."""
    lines = [appointment.subject]
    if appointment.phase_id:
        lines.append(f"Phase : {appointment.phase.title}")
    if appointment.meeting_link:
        lines.append(f"Lien de la visioconférence : {appointment.meeting_link}")
    counsellor = appointment.counsellor
    lines.append(f"Conseiller : {counsellor.get_full_name() or counsellor.username}")
    return "\n".join(lines)


def appointment_event(appointment: Appointment, *, for_counsellor: bool = False) -> Event:
    candidate = appointment.dossier.candidate
    summary = f"Bilan de compétences : {appointment.subject}"
    if for_counsellor:
        summary = f"{appointment.subject} — {candidate.get_full_name() or candidate.username}"
    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("dtstamp", timezone.now())
    event.add("sequence", appointment.sequence)
    event.add("dtstart", appointment.start.astimezone(PARIS))
    event.add("dtend", appointment.end.astimezone(PARIS))
    event.add("summary", summary)
    event.add("description", appointment_description(appointment))
    location = appointment.place or appointment.meeting_link
    if location:
        event.add("location", location)
    if appointment.meeting_link:
        event.add("url", appointment.meeting_link)
    event.add("organizer", _person(appointment.counsellor))
    event.add("attendee", _person(candidate, ROLE="REQ-PARTICIPANT"))
    event.add("status", "CANCELLED" if appointment.cancelled_at else "CONFIRMED")
    event.add("last-modified", appointment.updated_at)
    return event


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def _add_timezone(calendar: Calendar, appointments) -> None:
    """The VTIMEZONE of Europe/Paris, covering the years of the rendez-vous (not all since 1970)."""
    if not appointments:
        return
    first = min(appointment.start for appointment in appointments).astimezone(PARIS).year - 1
    last = max(appointment.end for appointment in appointments).astimezone(PARIS).year + 2
    calendar.add_missing_timezones(first_date=datetime.date(first, 1, 1), last_date=datetime.date(last, 1, 1))


def appointment_ics(appointment: Appointment) -> bytes:
    """One rendez-vous as an invitation: METHOD REQUEST, or CANCEL once it is cancelled."""
    calendar = _calendar("CANCEL" if appointment.cancelled_at else "REQUEST")
    calendar.add_component(appointment_event(appointment))
    _add_timezone(calendar, [appointment])
    return calendar.to_ical()


def feed_ics(appointments, *, for_counsellor: bool) -> bytes:
    """A subscription feed: the given rendez-vous, published (no METHOD: calendars just show them)."""
    calendar = _calendar(name="Mon bilan en ligne")
    appointments = list(appointments)
    for appointment in appointments:
        calendar.add_component(appointment_event(appointment, for_counsellor=for_counsellor))
    _add_timezone(calendar, appointments)
    return calendar.to_ical()
