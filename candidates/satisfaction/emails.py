"""The appreciation's messages: the invitation and its reminders, without content, with the link."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ..mail import deliver


def send_invitation(response, *, reminder: bool, anonymous: bool) -> bool:
    candidate = response.dossier.candidate
    if not candidate.email:
        return False
    subject = (
        _("Rappel : votre avis sur votre bilan de compétences")
        if reminder
        else _("Votre avis sur votre bilan de compétences")
    )
    return deliver(
        subject=subject,
        template="candidates/satisfaction/emails/invitation.txt",
        context={
            "candidate": candidate,
            "reminder": reminder,
            "anonymous": anonymous,
            "url": settings.WAGTAILADMIN_BASE_URL + reverse("satisfaction:answer"),
        },
        to=candidate.email,
    )
