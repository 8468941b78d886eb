"""The follow-up's message: an invitation, without content, with the link to the questionnaire."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ..mail import deliver


def send_invitation(followup) -> bool:
    candidate = followup.dossier.candidate
    if not candidate.email:
        return False
    return deliver(
        subject=_("Votre bilan de compétences, quelques mois après"),
        template="candidates/followup/emails/invitation.txt",
        context={"candidate": candidate, "url": settings.WAGTAILADMIN_BASE_URL + reverse("followup:answer")},
        to=candidate.email,
    )
