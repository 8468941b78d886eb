"""Rules on what people type that are the portal's own (not Django's defaults)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_HELP = _(
    "Plusieurs caractères spéciaux sont autorisés : l'espace, le point (.), le tiret (-), "
    "l'apostrophe ('), le tiret bas (_) et le signe @."
)
USERNAME_TAKEN = _("Ce nom d'utilisateur est déjà pris.")

# Letters (accented ones too), digits, and the guide's special characters: space . - ' _ @
validate_username_characters = RegexValidator(
    regex=r"^[\w .'@-]+\Z",
    message=_(
        "Le nom d'utilisateur ne peut contenir que des lettres, des chiffres, l'espace, le point (.), "
        "le tiret (-), l'apostrophe ('), le tiret bas (_) et le signe @."
    ),
    code="invalid_username",
)


def validate_username_free(username: str, *, exclude_pk=None) -> None:
    """No other account may have this username, whatever the case."""
    from .models import User

    if User._default_manager.filter(username__iexact=username).exclude(pk=exclude_pk).exists():
        raise ValidationError(USERNAME_TAKEN, code="username_taken")
