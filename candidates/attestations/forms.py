from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..forms import DossierChoiceField, SessionDateTimeField


class AttestationForm(DsfrBaseForm):
    """*Créer Attestation de présence*."""

    start = SessionDateTimeField(label=_("Date de début"))
    end = SessionDateTimeField(label=_("Date de fin"))
    dossier = DossierChoiceField(
        queryset=None,
        label=_("Candidat"),
        empty_label=_("Choisissez un candidat"),
        help_text=_("Vos candidats, par nom de famille."),
    )
    over_cap = forms.BooleanField(
        label=_("Je confirme cette séance au-delà du plafond légal de 24 heures de bilan"), required=False
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers.select_related("candidate").order_by(
            "candidate__last_name", "candidate__first_name"
        )
