"""*Mon compte › Modifier mes informations*: names, e-mail, phone, image and password."""

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import normalisation
from .forms import AvatarField
from .images import reencode_image
from .models import User


class ProfileForm(DsfrBaseForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse de courriel"))
    phone = forms.CharField(
        label=_("Téléphone"), max_length=30, help_text=_("Modèle (séparé par un espace) : 04 66 56 89 78")
    )
    avatar = AvatarField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus. Elle est recadrée à 512 pixels."),
    )
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
        self.user, self.request = user, request
        if not with_phone:
            del self.fields["phone"]
        if not user.avatar:
            del self.fields["remove_avatar"]

    def clean_first_name(self):
        return normalisation.normalise_first_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return normalisation.normalise_last_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        return normalisation.normalise_phone(self.cleaned_data["phone"])

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Un compte utilise déjà cette adresse de courriel."))
        return email

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        return reencode_image(upload) if upload else None

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
