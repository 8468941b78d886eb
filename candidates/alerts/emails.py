from django.conf import settings
from django.urls import reverse

from ..mail import deliver


def send_reminder(dossier, counsellor) -> bool:
    """A friendly word to the candidate from their counsellor: the bilan is waiting. Nothing of the bilan itself
    (e-mail is not confidential enough): no phase, no hours, no reason. A reply reaches the counsellor."""
    candidate = dossier.candidate
    return deliver(
        subject="Mon bilan en ligne : votre bilan de compétences vous attend",
        template="candidates/alerts/emails/reminder.txt",
        context={
            "candidate": candidate,
            "counsellor": counsellor,
            "dashboard_url": settings.WAGTAILADMIN_BASE_URL + reverse("dashboard"),
        },
        to=candidate.email,
        reply_to=[counsellor.email] if counsellor.email else None,
    )
