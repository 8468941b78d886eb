"""E-mails sent to people about their account. Never a password: a link to choose one."""

import logging
import queue
import threading
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, send_mail
from django.db import connections
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import site_settings
from .calendar import appointment_ics
from .models import User

logger = logging.getLogger(__name__)


def _password_link(user: User, request) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


def send_account_created(user: User, request) -> bool:
    """Tell a new candidate their account exists. Call it once the account is committed.

    Returns False (and logs why) if the message could not be sent: the account stays as it is.
    """
    counsellor = request.user.get_full_name() or _("Votre conseiller")
    intro = site_settings.portal_settings(request).account_email_text.replace("{conseiller}", counsellor)
    body = render_to_string(
        "candidates/emails/account_created.txt",
        {
            "user": user,
            "counsellor": request.user,
            "intro": intro.strip(),
            "password_link": _password_link(user, request),
            "login_link": request.build_absolute_uri(reverse("login")),
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
    try:
        send_mail(_("Votre compte Mon bilan en ligne"), body, None, [user.email])
    except OSError:  # smtplib.SMTPException and connection errors
        logger.exception("Account-created e-mail not sent to user %s", user.pk)
        return False
    return True


def send_counsellor_account_created(user: User, request) -> bool:
    """Tell a new counsellor their account exists, with a link to choose their password."""
    return deliver(
        subject=_("Votre compte conseiller Mon bilan en ligne"),
        template="candidates/emails/counsellor_account_created.txt",
        context={
            "user": user,
            "academie": site_settings.academie_name(request),
            "password_link": _password_link(user, request),
            "login_link": request.build_absolute_uri(reverse("login")),
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
        to=user.email,
    )


def deliver(*, subject: str, template: str, context: dict, to: str, reply_to: list | None = None) -> bool:
    """Send a plain-text e-mail rendered from `template`; False (and a log entry) if it failed."""
    try:
        EmailMessage(subject, render_to_string(template, context), None, [to], reply_to=reply_to).send()
    except Exception:  # noqa: BLE001 - any transport error: the action stands, the failure is reported
        logger.exception("Échec de l'envoi du courriel %s", template)  # not the subject: it may hold typed text
        return False
    return True


def address_hint(email: str) -> str:
    """« l…@e….fr » for lucas.nouveau@exemple.fr: enough for its owner to recognise, not to read."""
    local, _at, domain = email.rpartition("@")
    name, _dot, suffix = domain.rpartition(".")
    return f"{local[:1]}…@{name[:1]}….{suffix}" if name else f"{local[:1]}…@…"


def send_email_changed(user: User, *, old_email: str) -> bool:
    """Tell the account's old address that its e-mail was changed, and whom to contact if that was not
    the person. The new address only as a hint: the old mailbox may no longer be theirs alone."""
    return deliver(
        subject=_("Mon bilan en ligne : changement de l'adresse de courriel de votre compte"),
        template="candidates/emails/email_changed.txt",
        context={
            "user": user,
            "changed_at": timezone.localtime(),
            "new_address_hint": address_hint(user.email),
            "support_email": site_settings.support_email(),
        },
        to=old_email,
    )


def send_password_changed(user: User, *, to: str) -> bool:
    """Tell the account's address (`to`: the one before this change, if the e-mail changed too) that its
    password was changed, and whom to contact if that was not the person."""
    return deliver(
        subject=_("Mon bilan en ligne : changement du mot de passe de votre compte"),
        template="candidates/emails/password_changed.txt",
        context={"user": user, "changed_at": timezone.localtime(), "support_email": site_settings.support_email()},
        to=to,
    )


def send_comment_posted(comment, request) -> bool:
    """Tell the candidate a comment is waiting (not its text: e-mail is not confidential enough)."""
    candidate = comment.candidate
    if not candidate.notify_comments or not candidate.email:
        return True
    return deliver(
        subject="Mon bilan en ligne : un nouveau commentaire de votre conseiller",
        template="emails/comment_posted.txt",
        context={
            "candidate": candidate,
            "phase": comment.phase,
            "dashboard_url": request.build_absolute_uri(reverse("dashboard")),
        },
        to=candidate.email,
    )


def send_support_request(*, sender, subject: str, message: str) -> bool:
    """*Support technique*: the request goes to the support address with who sent it."""
    return deliver(
        subject=f"[Support] {subject}",
        template="emails/support_request.txt",
        context={"sender": sender, "subject": subject, "message": message},
        to=site_settings.support_email(),
        reply_to=[sender.email] if sender.email else None,
    )


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
            f"candidates/emails/appointment_{kind}.txt",
            {
                "candidate": candidate,
                "appointment": appointment,
                "counsellor": appointment.counsellor,
                "day": dateformat.format(start, "l d/m/Y"),
                "start": start,
                "end": timezone.localtime(appointment.end),
                "agenda_url": request.build_absolute_uri(reverse("agenda")),
            },
        )
    try:
        message = EmailMessage(subject, body, None, [candidate.email])
        message.attach("rendez-vous.ics", appointment_ics(appointment), "text/calendar")
        message.send()
    except Exception:  # noqa: BLE001 - any transport error: the action stands, the failure is reported
        logger.exception("Échec de l'envoi du courriel « %s »", subject)
        return False
    return True


# Work done outside the request: one thread per process, started on first use, runs the jobs one
# after the other and closes its database connections after each. Kept small and here on purpose:
# a later issue moves every e-mail to django-tasks. A job still waiting when the process stops is lost.

_jobs: queue.Queue = queue.Queue(maxsize=1000)
_worker_lock = threading.Lock()
_worker: threading.Thread | None = None


def send_outside_request(job: Callable[[], object]) -> None:
    """Run `job` (find the people, render and send their e-mail) in this process's e-mail thread,
    so that the request takes as long whatever the job finds: for the password reset, whether an
    account has the address. With `EMAIL_OUTSIDE_REQUEST` off (unit tests), now, in this thread."""
    if not settings.EMAIL_OUTSIDE_REQUEST:
        job()
        return
    _start_worker()
    try:
        _jobs.put_nowait(job)
    except queue.Full:
        logger.error("Trop de courriels en attente d'envoi : l'un d'eux est abandonné")


def wait_outside_request(timeout: float = 10) -> bool:
    """True once every job handed over so far is done (tests, bench); False after `timeout` seconds."""
    if _worker is None:
        return True
    done = threading.Event()
    try:
        _jobs.put(done.set, timeout=timeout)
    except queue.Full:
        return False
    return done.wait(timeout)


def _start_worker() -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():  # not alive: started before a fork
            _worker = threading.Thread(target=_work, name="courriels-hors-requete", daemon=True)
            _worker.start()


def _work() -> None:
    while True:
        job = _jobs.get()
        try:
            job()
        except Exception:  # noqa: BLE001 - one failed job must not stop the ones after it
            logger.exception("Échec d'un envoi de courriel hors requête")
        finally:
            connections.close_all()
