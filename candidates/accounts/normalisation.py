"""How names and phone numbers typed by a counsellor are stored: one spelling for everyone."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A name's parts are separated by spaces, hyphens and apostrophes (straight or typographic).
_NAME_SEPARATORS = re.compile(r"([\s\-'’]+)")
_PHONE_SEPARATORS = re.compile(r"[\s.\-]")
_FRENCH_PHONE = re.compile(r"0[1-9]\d{8}")

PHONE_ERROR = _("Saisissez un numéro de téléphone français à 10 chiffres, par exemple 04 66 56 89 78.")


def _collapse_spaces(value: str) -> str:
    return " ".join(value.split())


def normalise_first_name(value: str) -> str:
    """Each part starts with a capital, the rest is lower case: "jean-pierre" → "Jean-Pierre"."""
    parts = _NAME_SEPARATORS.split(_collapse_spaces(value))
    return "".join(part if _NAME_SEPARATORS.fullmatch(part) else part[:1].upper() + part[1:].lower() for part in parts)


def normalise_last_name(value: str) -> str:
    """Upper case, accents kept: "élodie" → "ÉLODIE"."""
    return _collapse_spaces(value).upper()


def normalise_phone(value: str) -> str:
    """Any usual way of typing a French number → "04 66 56 89 78"; anything else is refused."""
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    elif digits.startswith("0033"):
        digits = "0" + digits[4:]
    if not _FRENCH_PHONE.fullmatch(digits):
        raise ValidationError(PHONE_ERROR, code="invalid_phone")
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
