"""Form pieces the features share: the confirmation of a deletion, a date-and-time field, the choice of
one of the counsellor's candidates, and a service's refusal shown on its form."""

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


class SessionDateTimeField(forms.SplitDateTimeField):
    """A date and a time, typed in two inputs under one legend (*Date de début*, *Date de fin*)."""

    template_name = "candidates/fields/session_datetime.html"

    def __init__(self, **kwargs):
        widget = forms.SplitDateTimeWidget(
            date_attrs={"type": "date", "class": "fr-input"},
            time_attrs={"type": "time", "class": "fr-input"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        )
        super().__init__(widget=widget, **kwargs)


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
