from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


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
