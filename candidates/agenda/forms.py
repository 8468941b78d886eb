from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from phases.models import PhasePage

from ..dossiers.models import Dossier
from ..forms import DossierChoiceField, SessionDateTimeField
from .models import Appointment


class AppointmentForm(DsfrBaseForm):
    """*Nouveau rendez-vous* and *Modifier* in the *Agenda*. The rules (end after start, same day,
    link for *A distance*, the candidate's own phases) are the service's: see `candidates.forms.add_service_errors`.

    `dossiers` are the counsellor's; with `appointment`, the form edits it (its candidate stays)."""

    dossier = DossierChoiceField(
        queryset=None,
        label=_("Candidat"),
        empty_label=_("Choisissez un candidat"),
        help_text=_("Vos candidats, par nom de famille."),
    )
    start = SessionDateTimeField(label=_("Date de début"))
    end = SessionDateTimeField(label=_("Date de fin"))
    modality = forms.ChoiceField(
        label=_("Modalité"),
        choices=Appointment.Modality.choices,
        initial=Appointment.Modality.ON_SITE,
        widget=forms.RadioSelect,
    )
    meeting_link = forms.URLField(
        label=_("Lien de la visioconférence"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Obligatoire pour un rendez-vous à distance, par exemple https://visio.example.fr/salle"),
    )
    place = forms.CharField(
        label=_("Lieu"), required=False, max_length=255, help_text=_("Par défaut, l'adresse du DABM")
    )
    subject = forms.CharField(label=_("Objet"), max_length=200)
    phase = forms.ModelChoiceField(
        label=_("Phase"),
        queryset=None,
        required=False,
        empty_label=_("Aucune phase en particulier"),
        help_text=_("Facultatif : une phase de la modularisation du candidat."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pour vous seulement : le candidat ne les voit pas, ni dans son agenda ni dans le fichier .ics."),
    )

    def __init__(
        self, *args, dossiers, dossier: Dossier | None = None, appointment: Appointment | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers.select_related("candidate").order_by(
            "candidate__last_name", "candidate__first_name"
        )
        if appointment is not None:
            del self.fields["dossier"]
            dossier = appointment.dossier
        phases = PhasePage.objects.filter(dossiers__in=dossiers.values("pk")).distinct()
        if dossier is not None:
            phases = PhasePage.objects.filter(dossiers=dossier)
        self.fields["phase"].queryset = phases.order_by("path")
        self.fields["phase"].label_from_instance = lambda phase: phase.title

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["meeting_link"] = data["meeting_link"] or ""
        return data
