"""Rules on what people type that are the portal's own (not Django's defaults)."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_HELP = _(
    "Plusieurs caractères spéciaux sont autorisés : l'espace, le point (.), le tiret (-), "
    "l'apostrophe ('), le tiret bas (_) et le signe @."
)
USERNAME_TAKEN = _("Ce nom d'utilisateur est déjà pris.")
EMAIL_TAKEN = _("Un compte utilise déjà cette adresse de courriel.")

# Letters (accented ones too), digits, and the guide's special characters: space . - ' _ @
validate_username_characters = RegexValidator(
    regex=r"^[\w .'@-]+\Z",
    message=_(
        "Le nom d'utilisateur ne peut contenir que des lettres, des chiffres, l'espace, le point (.), "
        "le tiret (-), l'apostrophe ('), le tiret bas (_) et le signe @."
    ),
    code="invalid_username",
)
