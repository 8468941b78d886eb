"""*Ajouter un candidat* (and the dossier's edit page), and the *Modifier* tab of a phase."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from dsfr.forms import DsfrBaseForm

from phases.models import PhasePage

from .. import access
from ..accounts import validators
from ..accounts.forms import AVATAR_HINT, AvatarField, PersonFieldsMixin
from ..accounts.models import DABM, User, check_username_free
from ..forms import FrenchDateField
from .models import Dossier, check_bilan_dates


class FollowUpForm(DsfrBaseForm):
    """*Modifier* tab of a phase: a comment for the candidate and the counsellor's private notes.
    `notified`: whether the candidate gets an e-mail for each comment (*Mon compte*)."""

    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible par le candidat dans « MES COMMENTAIRES » ; il en est prévenu par courriel."),
    )
    NOT_NOTIFIED_HELP = _(
        "Visible par le candidat dans « MES COMMENTAIRES ». Il a choisi de ne pas être prévenu par courriel : "
        "dites-le-lui si c'est urgent."
    )
    notes = forms.CharField(
        label=_("Notes de synthèse"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Le matériau de la synthèse : vous les retrouvez à côté de la rubrique que cette phase alimente, sur "
            "l'écran « Synthèse ». Le candidat ne les voit pas ici, mais il les lira : elles figurent en annexe de "
            "la synthèse publiée et dans « Mes données », l'export de tout ce que le portail détient sur lui."
        ),
    )

    def __init__(self, *args, notified: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not notified:  # the DSFR form has already bound its fields: the bound one shows the help text
            self.fields["comment"].help_text = self["comment"].help_text = self.NOT_NOTIFIED_HELP


class CounsellorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


CANDIDATE_ADDS_IT = _("Facultatif : le candidat peut l'ajouter depuis « Mon compte ».")


class CandidateForm(PersonFieldsMixin, DsfrBaseForm):
    """*Ajouter un candidat* (and the dossier's edit page): the guide's fields, in the guide's order.

    `counsellor` is the person filling the form; with `dossier`, the form edits that candidate
    (passwords may then stay blank, and the candidate's own e-mail and username are not "taken").
    """

    MODALITES = [("remote", _("A distance")), ("on_site", _("Présentiel"))]

    email = forms.EmailField(
        label=_("Adresse de courriel"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    username = forms.CharField(
        label=_("Nom d'utilisateur"),
        max_length=150,
        help_text=validators.USERNAME_HELP,
        validators=[validators.validate_username_characters],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "data-password": "new"}),
    )
    password2 = forms.CharField(
        label=_("Confirmer le mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "data-password": "confirm"}),
    )
    # A context, or Django's own catalogue turns "Active" into "Actif".
    is_active = forms.BooleanField(label=pgettext_lazy("statut du compte", "Active"), required=False, initial=True)
    notify = forms.BooleanField(label=_("Notifier l'utilisateur de la création de son nouveau compte"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Rôles"),
        choices=[(access.CANDIDAT, access.LABELS[access.CANDIDAT])],
        initial=[access.CANDIDAT],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez le rôle Candidat.")},
    )
    civility = forms.ChoiceField(
        label=Dossier._meta.get_field("civility").verbose_name,
        choices=Dossier.Civility.choices,
        required=False,
        help_text=Dossier._meta.get_field("civility").help_text,
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        help_text=_("Modèle (séparé par un espace) : 04 66 56 89 78"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    avatar = AvatarField(
        label=_("Image"),
        required=False,
        help_text=format_lazy("{} {}", AVATAR_HINT, CANDIDATE_ADDS_IT),
    )
    dabm = forms.ModelChoiceField(
        label=_("DABM"), queryset=DABM.objects.order_by("name"), empty_label=_("Sélectionnez un DABM")
    )
    modalites = forms.MultipleChoiceField(
        label=_("Modalités"),
        choices=MODALITES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les deux cases pour un bilan mixte."),
        error_messages={"required": _("Choisissez au moins une modalité.")},
    )
    counsellor = CounsellorChoiceField(
        label=_("Mon conseiller"),
        queryset=access.active_counsellors().order_by("last_name", "first_name"),
        empty_label=_("Sélectionnez un conseiller"),
    )
    start_date = FrenchDateField(label=_("Date de début"))
    end_date = FrenchDateField(label=_("Date de fin"))
    phases = forms.ModelMultipleChoiceField(
        label=_("Modularisation"),
        queryset=PhasePage.objects.live().order_by("path"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les phases que le/la bénéficiaire devra travailler."),
        error_messages={"required": _("Choisissez au moins une phase.")},
    )

    retype_password = False  # an invalid form whose passwords were typed, and are not shown again

    def __init__(self, *args, counsellor: User, dossier: Dossier | None = None, **kwargs):
        self.counsellor = counsellor
        self.dossier = dossier
        self.candidate = self.account = dossier.candidate if dossier else None
        kwargs["initial"] = {**self._initial(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if dossier:
            del self.fields["notify"]
            for name in ("password1", "password2"):
                self.fields[name].required = False
            self.fields["password1"].help_text = _("Laissez vide pour garder le mot de passe actuel.")

    def _initial(self) -> dict:
        if not self.dossier:
            return {
                "counsellor": self.counsellor.pk,
                "phases": list(PhasePage.objects.live().values_list("pk", flat=True)),
            }
        dossier, user = self.dossier, self.candidate
        return {
            "email": user.email,
            "username": user.username,
            "is_active": user.is_active,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": dossier.phone,
            "civility": dossier.civility,
            "dabm": dossier.dabm_id,
            "modalites": [name for name, _label in self.MODALITES if getattr(dossier, name)],
            "counsellor": dossier.counsellor_id,
            "start_date": dossier.start_date,
            "end_date": dossier.end_date,
            "phases": list(dossier.phases.values_list("pk", flat=True)),
        }

    def clean_username(self):
        username = self.cleaned_data["username"]
        check_username_free(username, exclude_pk=self.candidate.pk if self.candidate else None)
        return username

    def clean(self):
        data = super().clean()
        typed_a_password = bool(data.get("password1") or data.get("password2"))
        self._clean_passwords(data)
        try:
            check_bilan_dates(data.get("start_date"), data.get("end_date"))
        except forms.ValidationError as error:
            self.add_error(None, error)
        # A password is never shown again: the form says so where it is typed (`retype_password`).
        self.retype_password = bool(self.errors) and typed_a_password
        return data

    def _clean_passwords(self, data):
        """Every problem of the password at once: the rules it breaks, and a confirmation that differs."""
        password, confirmation = data.get("password1"), data.get("password2")
        if self.dossier and not password and not confirmation:
            return
        if "password1" in data and "password2" in data and password != confirmation:
            self.add_error("password2", _("Les deux mots de passe ne concordent pas."))
        if password:
            someone = User(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, user=someone)
            except forms.ValidationError as error:
                self.add_error("password1", error)

    def service_kwargs(self) -> dict:
        """The cleaned values, named as `services.candidate_create` / `candidate_update` expect them."""
        data = self.cleaned_data
        return {
            "email": data["email"],
            "username": data["username"],
            "password": data["password1"] or None,
            "is_active": data["is_active"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "civility": data["civility"],
            "avatar": data["avatar"],
            "dabm": data["dabm"],
            "remote": "remote" in data["modalites"],
            "on_site": "on_site" in data["modalites"],
            "counsellor": data["counsellor"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "phases": list(data["phases"]),
        }


class CloseForm(DsfrBaseForm):
    """« Clore le bilan »: how it ended."""

    outcome = forms.ChoiceField(
        label=_("Comment le bilan s'est-il terminé ?"),
        choices=[
            (Dossier.Outcome.COMPLETED, Dossier.Outcome.COMPLETED.label),
            (Dossier.Outcome.ABANDONED, Dossier.Outcome.ABANDONED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez comment le bilan s'est terminé.")},
    )
