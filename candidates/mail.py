"""Sending e-mail. A message is rendered where it is decided (`deliver`, or a feature's own task such as the
password reset) and sent by a task, `send_email`, that a worker runs beside the server (`manage.py
db_worker`, README *Déploiement*): the person who triggered it never waits for, nor sees, the mail server.

On an SMTP failure the task puts itself back in the queue, later each time (`settings.EMAIL_RETRY_DELAYS`,
in seconds); after the last try the failure is logged and journalled, where administrators read it.
Each feature writes its own messages (its `emails.py`)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .journal import services as journal

logger = logging.getLogger(__name__)


def deliver(
    *,
    subject: str,
    template: str,
    context: dict,
    to: str,
    reply_to: list | None = None,
    attachments: list | None = None,
) -> bool:
    """Render `template` (plain text) now and queue it for sending; True once queued, False (and a log
    entry) if it could not be. `attachments`: [filename, text, mimetype] lists."""
    try:
        send_email.enqueue(
            subject=subject,
            body=render_to_string(template, context),
            to=[to],
            reply_to=reply_to,
            attachments=attachments,
            kind=template,
        )
    except Exception:  # noqa: BLE001 - the action stands, the failure is reported
        logger.exception("Courriel %s non mis en file d'envoi", template)  # not the subject: it may hold typed text
        return False
    return True


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: list | None = None,
    kind: str = "",
    attempt: int = 1,
) -> None:
    """Send one message through Django's mail framework; on failure, try again later (see the module).
    Every argument is JSON: the task is stored in the database. `kind` names the message (its template)."""
    message = EmailMessage(subject, body, None, to, reply_to=reply_to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except OSError as error:  # smtplib.SMTPException and connection errors
        retry_or_record_failure(
            error,
            attempt=attempt,
            message={
                "subject": subject,
                "body": body,
                "to": to,
                "reply_to": reply_to,
                "attachments": attachments,
                "kind": kind,
            },
        )


def retry_or_record_failure(error: OSError, *, attempt: int, message: dict) -> None:
    delays = settings.EMAIL_RETRY_DELAYS
    if attempt <= len(delays):
        delay = datetime.timedelta(seconds=delays[attempt - 1])
        logger.warning(
            "Courriel %s non envoyé (essai %d, %s) : nouvel essai dans %s", message["kind"], attempt, error, delay
        )
        retry = send_email
        if retry.get_backend().supports_defer:  # the immediate backend of unit tests tries again at once
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(**message, attempt=attempt + 1)
        return
    logger.error("Courriel %s abandonné après %d essais : %s", message["kind"], attempt, error)
    journal.record(
        None,
        journal.Action.EMAIL_FAILED,
        detail=f"{message['kind']} → {', '.join(message['to'])} : {attempt} essais ({type(error).__name__})",
    )
