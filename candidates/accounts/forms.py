"""The account's forms: login, password reset, *Mon compte* and *Modifier mes informations*, and the
fields a person's form shares with the counsellor's *Ajouter un candidat* (`PersonFieldsMixin`)."""

import hashlib

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth import forms as auth_forms
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import emails, normalisation
from .images import reencode_image
from .models import User, check_email_free


class LoginForm(auth_forms.AuthenticationForm, DsfrBaseForm):
    username = auth_forms.UsernameField(
        label=_("Nom d'utilisateur"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nom d'utilisateur ou mot de passe incorrect. Vérifiez votre saisie (les majuscules comptent) et réessayez."
        ),
        "inactive": _("Ce compte est désactivé. Contactez votre conseiller ou le support technique."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm, DsfrBaseForm):
    """*Mot de passe oublié*. The request only queues the reset (`emails.send_password_reset`: finding
    the accounts, making the links, rendering and sending the e-mails): it then does the same work
    whether an account has the address or not, and cannot tell who has one."""

    email = forms.EmailField(
        label=_("Adresse de courriel"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    # One e-mail per address every 5 minutes at most: asking again and again floods nobody's mailbox.
    # The check costs the same whether an account has the address or not.
    RESEND_AFTER_SECONDS = 5 * 60

    def save(self, *, request=None, domain_override=None, use_https=False, **options):
        address = hashlib.sha256(self.cleaned_data["email"].strip().lower().encode()).hexdigest()
        if not cache.add(f"password-reset:{address}", True, timeout=self.RESEND_AFTER_SECONDS):
            return
        emails.send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or get_current_site(request).domain,  # read from the request, here
            use_https=use_https,
            subject_template=options.get("subject_template_name", "registration/password_reset_subject.txt"),
            body_template=options.get("email_template_name", "registration/password_reset_email.html"),
        )


class SetPasswordForm(auth_forms.SetPasswordForm, DsfrBaseForm):
    pass


class NotificationsForm(DsfrBaseForm):
    notify_comments = forms.BooleanField(
        label=_("Me prévenir par courriel des nouveaux commentaires de mon conseiller"), required=False
    )


AVATAR_HINT = _("Taille maximale : 5 Mo. Formats acceptés : JPEG, PNG ou WebP. L'image est recadrée à 512 pixels.")


class UploadInput(forms.FileInput):
    """A file input in the DSFR upload style (`fr-upload-group`, `fr-upload`)."""

    group_class = "fr-upload-group"

    def __init__(self, attrs=None):
        super().__init__({"class": "fr-upload", **(attrs or {})})


class AvatarField(forms.ImageField):
    """An optional picture, checked by its content and re-encoded in `CandidateForm.clean_avatar`;
    a DSFR upload input whose hint gives the maximum size and the formats.

    ImageField's own Pillow check is skipped: `reencode_image` checks the size before decoding and
    says precisely what is wrong (type, weight, dimensions).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", AVATAR_HINT)
        kwargs.setdefault("widget", UploadInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)

    def to_python(self, data):
        return forms.FileField.to_python(self, data)


class PersonFieldsMixin:
    """Names, phone, e-mail and picture, cleaned as everywhere on the portal. `account` is the person
    the form edits (their own e-mail is not "taken"), or None for a new account."""

    account: User | None = None

    def clean_first_name(self):
        return normalisation.normalise_first_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return normalisation.normalise_last_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        return normalisation.normalise_phone(self.cleaned_data["phone"])

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        check_email_free(email, exclude_pk=self.account.pk if self.account else None)
        return email

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        return reencode_image(upload) if upload else None


class ProfileForm(PersonFieldsMixin, DsfrBaseForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse de courriel"))
    phone = forms.CharField(
        label=_("Téléphone"), max_length=30, help_text=_("Modèle (séparé par un espace) : 04 66 56 89 78")
    )
    avatar = AvatarField(label=_("Image"), required=False)
    remove_avatar = forms.BooleanField(label=_("Supprimer mon image"), required=False)
    current_password = forms.CharField(
        label=_("Mot de passe actuel"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Nécessaire pour changer d'adresse de courriel ou de mot de passe."),
    )
    new_password1 = forms.CharField(
        label=_("Nouveau mot de passe"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("Confirmer le nouveau mot de passe"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, with_phone: bool, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = self.account = user
        self.request = request
        if not with_phone:
            del self.fields["phone"]
        if not user.avatar:
            del self.fields["remove_avatar"]

    def clean(self):
        """A new e-mail or a new password needs the current password: a session left open, or
        stolen, must not be enough to take the account (move its address, then reset its password)."""
        data = super().clean()
        new, confirmation = data.get("new_password1"), data.get("new_password2")
        new_email = "email" in data and data["email"] != self.user.email
        if new_email or new or confirmation:
            self._check_current_password(data.get("current_password") or "")
        if not (new or confirmation):
            return data
        if new != confirmation:
            self.add_error("new_password2", _("Les deux mots de passe ne concordent pas."))
        elif new:
            try:
                password_validation.validate_password(new, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data

    def _check_current_password(self, typed: str) -> None:
        if not typed:
            self.add_error(
                "current_password",
                _(
                    "Saisissez votre mot de passe actuel : il est demandé pour changer d'adresse de courriel "
                    "ou de mot de passe."
                ),
            )
        # As a login does: failures count towards the lock-out (django-axes), so a session left open cannot
        # be used to try password after password.
        elif authenticate(self.request, username=self.user.get_username(), password=typed) is None:
            self.add_error("current_password", _("Votre mot de passe actuel est incorrect."))
