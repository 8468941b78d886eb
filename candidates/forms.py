from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class LoginForm(auth_forms.AuthenticationForm, DsfrBaseForm):
    username = auth_forms.UsernameField(
        label=_("Nom d'utilisateur"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nom d'utilisateur ou mot de passe incorrect. "
            "Vérifiez votre saisie (les majuscules comptent) et réessayez."
        ),
        "inactive": _("Ce compte est désactivé. Contactez votre conseiller ou le support technique."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm, DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse de courriel"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(auth_forms.SetPasswordForm, DsfrBaseForm):
    pass
