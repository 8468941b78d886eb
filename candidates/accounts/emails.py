"""E-mails to people about their account. Never a password: a link to choose one."""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from .. import portal_settings
from ..mail import deliver, send_email
from .models import User


def _password_link(user: User, request) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )


def send_account_created(user: User, request) -> bool:
    """Tell a new candidate their account exists. Call it once the account is committed.

    Returns False (and logs why) if the message could not be queued: the account stays as it is.
    """
    counsellor = request.user.get_full_name() or _("Votre conseiller")
    intro = portal_settings.portal_settings(request).account_email_text.replace("{conseiller}", counsellor)
    return deliver(
        subject=_("Votre compte Mon bilan en ligne"),
        template="candidates/accounts/emails/account_created.txt",
        context={
            "user": user,
            "counsellor": request.user,
            "intro": intro.strip(),
            "password_link": _password_link(user, request),
            "login_link": request.build_absolute_uri(reverse("accounts:login")),
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
        to=user.email,
    )


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


class _PasswordResetMessages(auth_forms.PasswordResetForm):
    """Django's own reset (the active accounts with the address, a link for each), each message
    handed to the `send_email` task rather than sent here."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **_html):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email], kind=email_template_name)


@task()
def send_password_reset(*, email: str, domain: str, use_https: bool, subject_template: str, body_template: str) -> None:
    """*Mot de passe oublié*, outside the request: finding the accounts, making the links and rendering
    the messages happen here, so the request does the same work whether an account has the address."""
    form = _PasswordResetMessages({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template,
            email_template_name=body_template,
        )
