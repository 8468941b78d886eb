"""E-mails to people about their account. Never a password: a link to choose one."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .. import portal_settings
from ..mail import deliver
from .models import User

logger = logging.getLogger(__name__)


def _password_link(user: User, request) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )


def send_account_created(user: User, request) -> bool:
    """Tell a new candidate their account exists. Call it once the account is committed.

    Returns False (and logs why) if the message could not be sent: the account stays as it is.
    """
    counsellor = request.user.get_full_name() or _("Votre conseiller")
    intro = portal_settings.portal_settings(request).account_email_text.replace("{conseiller}", counsellor)
    body = render_to_string(
        "candidates/accounts/emails/account_created.txt",
        {
            "user": user,
            "counsellor": request.user,
            "intro": intro.strip(),
            "password_link": _password_link(user, request),
            "login_link": request.build_absolute_uri(reverse("accounts:login")),
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
        template="candidates/accounts/emails/counsellor_account_created.txt",
        context={
            "user": user,
            "academie": portal_settings.academie_name(request),
            "password_link": _password_link(user, request),
            "login_link": request.build_absolute_uri(reverse("accounts:login")),
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
        to=user.email,
    )


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
        template="candidates/accounts/emails/email_changed.txt",
        context={
            "user": user,
            "changed_at": timezone.localtime(),
            "new_address_hint": address_hint(user.email),
            "support_email": portal_settings.support_email(),
        },
        to=old_email,
    )


def send_password_changed(user: User, *, to: str) -> bool:
    """Tell the account's address (`to`: the one before this change, if the e-mail changed too) that its
    password was changed, and whom to contact if that was not the person."""
    return deliver(
        subject=_("Mon bilan en ligne : changement du mot de passe de votre compte"),
        template="candidates/accounts/emails/password_changed.txt",
        context={"user": user, "changed_at": timezone.localtime(), "support_email": portal_settings.support_email()},
        to=to,
    )
