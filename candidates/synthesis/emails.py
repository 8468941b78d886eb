from django.urls import reverse

from ..mail import deliver


def send_synthesis_published(dossier, version, absolute_url) -> bool:
    """Tell the beneficiary a version of their synthèse is published (not its content: e-mail is not
    confidential enough)."""
    candidate = dossier.candidate
    if not candidate.email:
        return True
    return deliver(
        subject="Mon bilan en ligne : votre document de synthèse est disponible",
        template="candidates/synthesis/emails/published.txt",
        context={
            "candidate": candidate,
            "version": version,
            "counsellor": dossier.counsellor,
            "synthesis_url": absolute_url(reverse("synthesis:mine")),
        },
        to=candidate.email,
        reply_to=[dossier.counsellor.email] if dossier.counsellor.email else None,
    )
