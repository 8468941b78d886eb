from django.urls import reverse

from ..mail import deliver


def send_comment_posted(comment, absolute_url) -> bool:
    """Tell the candidate a comment is waiting (not its text: e-mail is not confidential enough)."""
    candidate = comment.candidate
    if not candidate.notify_comments or not candidate.email:
        return True
    return deliver(
        subject="Mon bilan en ligne : un nouveau commentaire de votre conseiller",
        template="candidates/dossiers/emails/comment_posted.txt",
        context={
            "candidate": candidate,
            "phase": comment.phase,
            "dashboard_url": absolute_url(reverse("dashboard")),
        },
        to=candidate.email,
    )
