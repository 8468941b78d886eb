from django.urls import reverse
from django.utils import dateformat, timezone, translation

from ..mail import deliver
from .calendar import appointment_ics

APPOINTMENT_SUBJECTS = {
    "created": "Rendez-vous le %(when)s",
    "changed": "Rendez-vous modifié : le %(when)s",
    "cancelled": "Rendez-vous annulé : le %(when)s",
}


def send_appointment(appointment, kind: str, request) -> bool:
    """Tell the candidate of a rendez-vous created, changed or cancelled, with the .ics attached.

    `kind` is "created", "changed" or "cancelled". False (and a log entry) if it could not be queued:
    the rendez-vous stays as it is. Never the counsellor's notes.
    """
    candidate = appointment.dossier.candidate
    counsellor = appointment.counsellor
    with translation.override("fr"):
        start = timezone.localtime(appointment.start)
        when = dateformat.format(start, "l d/m/Y à H:i")
        return deliver(
            subject=APPOINTMENT_SUBJECTS[kind] % {"when": when},
            template=f"candidates/agenda/emails/appointment_{kind}.txt",
            context={
                "candidate": candidate,
                "appointment": appointment,
                "counsellor": counsellor,
                "day": dateformat.format(start, "l d/m/Y"),
                "start": start,
                "end": timezone.localtime(appointment.end),
                "agenda_url": request.build_absolute_uri(reverse("agenda:week")),
            },
            to=candidate.email,
            # The message comes from the portal's no-reply address: a reply reaches the counsellor.
            reply_to=[counsellor.email] if counsellor.email else None,
            attachments=[["rendez-vous.ics", appointment_ics(appointment).decode(), "text/calendar"]],
        )
