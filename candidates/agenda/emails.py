import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from .calendar import appointment_ics

logger = logging.getLogger(__name__)


APPOINTMENT_SUBJECTS = {
    "created": "Rendez-vous le %(when)s",
    "changed": "Rendez-vous modifié : le %(when)s",
    "cancelled": "Rendez-vous annulé : le %(when)s",
}


def send_appointment(appointment, kind: str, request) -> bool:
    """Tell the candidate of a rendez-vous created, changed or cancelled, with the .ics attached.

    `kind` is "created", "changed" or "cancelled". False (and a log entry) if it failed: the
    rendez-vous stays as it is. Never the counsellor's notes.
    """
    candidate = appointment.dossier.candidate
    with translation.override("fr"):
        start = timezone.localtime(appointment.start)
        when = dateformat.format(start, "l d/m/Y à H:i")
        subject = APPOINTMENT_SUBJECTS[kind] % {"when": when}
        body = render_to_string(
            f"candidates/agenda/emails/appointment_{kind}.txt",
            {
                "candidate": candidate,
                "appointment": appointment,
                "counsellor": appointment.counsellor,
                "day": dateformat.format(start, "l d/m/Y"),
                "start": start,
                "end": timezone.localtime(appointment.end),
                "agenda_url": request.build_absolute_uri(reverse("agenda:week")),
            },
        )
    try:
        counsellor = appointment.counsellor
        # The message comes from the portal's no-reply address: a reply reaches the counsellor.
        message = EmailMessage(
            subject, body, None, [candidate.email], reply_to=[counsellor.email] if counsellor.email else None
        )
        message.attach("rendez-vous.ics", appointment_ics(appointment), "text/calendar")
        message.send()
    except Exception:  # noqa: BLE001 - any transport error: the action stands, the failure is reported
        logger.exception("Échec de l'envoi du courriel « %s »", subject)
        return False
    return True
