from candidates import portal_settings
from candidates.mail import deliver


def send_support_request(*, sender, subject: str, message: str) -> bool:
    """*Support technique*: the request goes to the support address with who sent it."""
    return deliver(
        subject=f"[Support] {subject}",
        template="emails/support_request.txt",
        context={"sender": sender, "subject": subject, "message": message},
        to=portal_settings.support_email(),
        reply_to=[sender.email] if sender.email else None,
    )
