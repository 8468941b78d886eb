import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from dsfr.forms import DsfrBaseForm

from phases.synthesis_sections import SynthesisSection

from .models import SECTION_MAX_LENGTH, SharingConsent


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


SAVE_ID = re.compile(r"[0-9a-z-]{1,64}")
SECTION_HINTS = {
    SynthesisSection.CIRCUMSTANCES: _(
        "Pourquoi et comment le bilan s'est déroulé : dates, modalités, nombre et dates des séances, heures attestées."
    ),
    SynthesisSection.SKILLS: _("Ce que la personne sait faire et ce qu'elle est : savoir-faire, savoir-être."),
    SynthesisSection.PROJECTS: _("Le ou les projets retenus, et ceux qui ont été écartés, avec la raison."),
    SynthesisSection.STEPS: _("Le plan d'action : les étapes, les ressources, les dates."),
}


def _section_field(section: SynthesisSection) -> forms.CharField:
    """A section's text: the editor's HTML (cleaned by the service), or plain text without JavaScript."""
    return forms.CharField(
        label=section.label,
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10, "data-synthesis-section": section.value}),
        help_text=SECTION_HINTS[section],
        error_messages={
            "max_length": _(
                "Ce texte est trop long : %(limit_value)s caractères au plus, mise en forme comprise "
                "(il en compte %(show_value)s). Raccourcissez-le ou déplacez une partie dans une autre rubrique."
            ),
            "null_characters_not_allowed": _(
                "Le texte contient un caractère invisible non autorisé (caractère nul) : "
                "supprimez-le, par exemple en retapant le passage collé."
            ),
        },
    )


class SynthesisForm(DsfrBaseForm):
    """The counsellor's draft: the four sections (HTML from the editor, or plain text without it), the
    finished phases the annex « Réponses aux exercices » keeps (`annex`: the others are left out), and
    the draft's version and the autosave's id."""

    circonstances = _section_field(SynthesisSection.CIRCUMSTANCES)
    competences = _section_field(SynthesisSection.SKILLS)
    projets = _section_field(SynthesisSection.PROJECTS)
    etapes = _section_field(SynthesisSection.STEPS)
    annex = forms.MultipleChoiceField(
        label=_("Phases reprises dans l'annexe « Réponses aux exercices »"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Décochez une phase terminée pour la laisser hors de l'annexe de cette synthèse."),
        error_messages={"invalid_choice": _("Cette phase ne fait pas partie des phases terminées du dossier.")},
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    save_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, completed=(), **kwargs):
        """`completed`: the dossier's finished phases, the annex's choices."""
        super().__init__(*args, **kwargs)
        self.fields["annex"].choices = [(str(phase.pk), phase.title) for phase in completed]
        self._completed = {str(phase.pk): phase for phase in completed}
        if not self.is_bound:
            self.initial.setdefault("annex", list(self._completed))

    def clean_version(self) -> int:
        """The version the page was opened on; anything else is an old one (the save is refused)."""
        try:
            return int(self.cleaned_data["version"])
        except (TypeError, ValueError):
            return -1

    def clean_save_id(self) -> str:
        """The autosave's own id (synthesis-editor.js); anything else is no id at all."""
        save_id = self.cleaned_data["save_id"]
        return save_id if SAVE_ID.fullmatch(save_id or "") else ""

    def sections(self) -> dict:
        return {section.value: self.cleaned_data[section.value] for section in SynthesisSection}

    def left_out(self) -> list:
        """The finished phases not ticked."""
        kept = set(self.cleaned_data["annex"])
        return [phase for pk, phase in self._completed.items() if pk not in kept]

    def section_fields(self) -> list:
        return [self[section.value] for section in SynthesisSection]
