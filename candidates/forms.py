"""Form pieces the features share: the confirmation of a deletion, the portal's date and time fields, the
choice of one of the counsellor's candidates, and a service's refusal shown on its form."""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class ConfirmForm(DsfrBaseForm):
    """A destructive action is confirmed by ticking what will be destroyed."""

    confirm = forms.BooleanField(
        label=_("Je confirme : cette suppression est définitive."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )


DATE_HINT = _("Format attendu : jj/mm/aaaa")
TIME_HINT = _("Format attendu : HH:MM, par exemple 09:30")
DATE_ERROR = _("Saisissez une date au format jj/mm/aaaa, par exemple 31/12/2026.")
TIME_ERROR = _("Saisissez une heure au format HH:MM, par exemple 09:30.")
# Text inputs, never type="date" or "time": a browser shows those in its own language's format (12/01/2026,
# 09:00 AM in English). No inputmode="numeric" either: a phone's digit pad has no « / » nor « : ».
DATE_ATTRS = {"autocomplete": "off", "spellcheck": "false"}
TIME_ATTRS = {"autocomplete": "off", "spellcheck": "false"}


class FrenchDateField(forms.DateField):
    """The portal's date: typed as jj/mm/aaaa in a text input (ISO 2026-11-03 is accepted too), shown
    back as jj/mm/aaaa. A well-formed date that does not exist (31/02/2026) gets its own message."""

    LOOKS_LIKE_A_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
    input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": DATE_ERROR,
        "nonexistent": _("La date %(value)s n'existe pas : vérifiez le jour et le mois."),
        "incomplete": _("Saisissez la date, au format jj/mm/aaaa."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS))
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if isinstance(value, str) and self.LOOKS_LIKE_A_DATE.fullmatch(value.strip()):
                raise forms.ValidationError(
                    self.error_messages["nonexistent"], code="nonexistent", params={"value": value.strip()}
                ) from None
            raise


class FrenchTimeField(forms.TimeField):
    """The portal's time: typed as HH:MM (24-hour clock) in a text input (9h30 is understood too), shown
    back as HH:MM. A well-formed time that does not exist (25:00) gets its own message."""

    LOOKS_LIKE_A_TIME = re.compile(r"[0-9]{1,2}[:hH][0-9]{2}")
    input_formats = ["%H:%M", "%Hh%M", "%H:%M:%S"]
    default_error_messages = {
        "invalid": TIME_ERROR,
        "nonexistent": _("L'heure %(value)s n'existe pas : saisissez une heure entre 00:00 et 23:59."),
        "incomplete": _("Saisissez l'heure, au format HH:MM."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", TIME_HINT)
        kwargs.setdefault("widget", forms.TimeInput(format="%H:%M", attrs=TIME_ATTRS))
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if isinstance(value, str) and self.LOOKS_LIKE_A_TIME.fullmatch(value.strip()):
                raise forms.ValidationError(
                    self.error_messages["nonexistent"], code="nonexistent", params={"value": value.strip()}
                ) from None
            raise


class SessionDateTimeField(forms.SplitDateTimeField):
    """A date (jj/mm/aaaa) and a time (HH:MM), typed in two text inputs side by side under one legend
    (*Date de début*, *Date de fin*), each with its format hint; what is refused is said under them."""

    template_name = "candidates/fields/session_datetime.html"
    default_error_messages = {"required": _("Saisissez la date et l'heure.")}
    date_hint, time_hint = DATE_HINT, TIME_HINT

    def __init__(self, **kwargs):
        widget = forms.SplitDateTimeWidget(
            date_attrs=DATE_ATTRS | {"class": "fr-input"},
            time_attrs=TIME_ATTRS | {"class": "fr-input"},
            date_format="%d/%m/%Y",
            time_format="%H:%M",
        )
        fields = (FrenchDateField(), FrenchTimeField())
        forms.MultiValueField.__init__(self, fields, widget=widget, require_all_fields=False, **kwargs)

    invalid_parts = (0, 1)  # the inputs the template marks when the field has errors: both, or the wrong one

    def clean(self, value):
        parts = list(value) if isinstance(value, (list, tuple)) else [value, None]
        self.invalid_parts = tuple(i for i, field in enumerate(self.fields) if not _cleans(field, parts[i])) or (0, 1)
        return super().clean(value)


def _cleans(field: forms.Field, value) -> bool:
    try:
        field.clean(value)
    except ValidationError:
        return False
    return True


class DossierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, dossier):
        candidate = dossier.candidate
        return f"{candidate.get_full_name()} ({candidate.username})"


def add_service_errors(form, error: ValidationError) -> None:
    """What a service's (or a model's) validation refused, shown next to the fields it names, the rest
    at the top of the form."""
    errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)
