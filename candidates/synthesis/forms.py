from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from dsfr.forms import DsfrBaseForm

from .models import SharingConsent


class ObservationsForm(DsfrBaseForm):
    observations = forms.CharField(
        label=_("Mes observations"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Vos remarques sur le document de synthèse. Votre conseiller les lit ; elles figurent "
            "dans la synthèse quand elle est régénérée."
        ),
    )


class PublishForm(DsfrBaseForm):
    """*Publier la synthèse*: the version confirmed, and, when a section is empty, that it is meant to be."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    empty_confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, empty_sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_sections = list(empty_sections)
        if self.empty_sections:
            field = self.fields["empty_confirmed"]
            field.required = True
            field.label = ngettext(
                "Je confirme que cette rubrique doit rester vide : %(names)s",
                "Je confirme que ces rubriques doivent rester vides : %(names)s",
                len(self.empty_sections),
            ) % {"names": " ; ".join(f"« {section.label} »" for section in self.empty_sections)}
            field.error_messages["required"] = _("Cochez la case pour publier avec une rubrique vide, ou rédigez-la.")
            self["empty_confirmed"].label = field.label  # the DSFR form has already bound its fields
        else:
            del self.fields["empty_confirmed"]


class SharingConsentForm(DsfrBaseForm):
    """*Donner mon accord*: to whom the beneficiary agrees their synthèse may be given."""

    recipient = forms.CharField(
        label=SharingConsent._meta.get_field("recipient").verbose_name,
        max_length=200,
        help_text=SharingConsent._meta.get_field("recipient").help_text,
        error_messages={"required": _("Indiquez à qui votre synthèse peut être remise.")},
    )
