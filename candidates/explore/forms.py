from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class JobSearchForm(forms.Form):
    """What a person types to find a job (the search page) or a job or a skill (the combobox).

    Django's `CharField` refuses NUL characters; the length is capped before the référentiel is searched."""

    q = forms.CharField(
        label=_("Rechercher un métier"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Votre recherche dépasse %(limit_value)d caractères : raccourcissez-la."),
            "null_characters_not_allowed": _("Votre recherche contient un caractère invalide : retapez-la."),
        },
    )

    def query(self) -> str:
        """The validated query ("" when the form is invalid)."""
        return self.cleaned_data["q"] if self.is_valid() else ""

    def error(self) -> str:
        return " ".join(self.errors.get("q", []))
