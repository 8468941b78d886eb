import functools
import hashlib

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from dsfr.forms import DsfrBaseForm

from phases.models import PhasePage

from . import emails, normalisation, validators
from .images import reencode_image
from .models import DABM, Appointment, Dossier, User
from .roles import CANDIDAT, CONSEILLER
from .roles import LABELS as ROLE_LABELS


class LoginForm(auth_forms.AuthenticationForm, DsfrBaseForm):
    username = auth_forms.UsernameField(
        label=_("Nom d'utilisateur"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nom d'utilisateur ou mot de passe incorrect. "
            "Vérifiez votre saisie (les majuscules comptent) et réessayez."
        ),
        "inactive": _("Ce compte est désactivé. Contactez votre conseiller ou le support technique."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm, DsfrBaseForm):
    """*Mot de passe oublié*. The request only hands the reset over (finding the accounts, making the
    links, rendering and sending the e-mails): it then takes as long whether an account has the
    address or not, and cannot tell who has one."""

    email = forms.EmailField(
        label=_("Adresse de courriel"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    # One e-mail per address every 5 minutes at most: asking again and again floods nobody's mailbox.
    # The check costs the same whether an account has the address or not.
    RESEND_AFTER_SECONDS = 5 * 60

    def save(self, *, request=None, domain_override=None, **options):
        address = hashlib.sha256(self.cleaned_data["email"].strip().lower().encode()).hexdigest()
        if not cache.add(f"password-reset:{address}", True, timeout=self.RESEND_AFTER_SECONDS):
            return
        domain = domain_override or get_current_site(request).domain  # read from the request, here
        emails.send_outside_request(functools.partial(super().save, domain_override=domain, **options))


class SetPasswordForm(auth_forms.SetPasswordForm, DsfrBaseForm):
    pass


class FollowUpForm(DsfrBaseForm):
    """*Modifier* tab of a phase: a comment for the candidate and the counsellor's private notes."""

    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible par le candidat dans « MES COMMENTAIRES » ; il en est prévenu par courriel."),
    )
    notes = forms.CharField(
        label=_("Notes de synthèse"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Le candidat ne les voit pas sur cet écran, mais il les lira : elles figurent dans le document de "
            "synthèse que vous publiez et dans « Mes données », l'export de tout ce que le portail détient sur lui."
        ),
    )


class ConfirmForm(DsfrBaseForm):
    """A destructive action is confirmed by ticking what will be destroyed."""

    confirm = forms.BooleanField(
        label=_("Je confirme : cette suppression est définitive."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )


class NotificationsForm(DsfrBaseForm):
    notify_comments = forms.BooleanField(
        label=_("Me prévenir par courriel des nouveaux commentaires de mon conseiller"), required=False
    )


class CounsellorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AvatarField(forms.ImageField):
    """An optional picture, checked by its content and re-encoded in `CandidateForm.clean_avatar`.

    ImageField's own Pillow check is skipped: `reencode_image` checks the size before decoding and
    says precisely what is wrong (type, weight, dimensions).
    """

    def to_python(self, data):
        return forms.FileField.to_python(self, data)


DATE_FORMAT_HELP = _("Format : jj/mm/aaaa")
DATE_ERROR = _("Saisissez une date au format jj/mm/aaaa, par exemple 31/12/2026.")


def _date_field(label):
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=DATE_FORMAT_HELP,
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "jj/mm/aaaa", "autocomplete": "off"}),
    )


class CandidateForm(DsfrBaseForm):
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
        choices=[(CANDIDAT, ROLE_LABELS[CANDIDAT])],
        initial=[CANDIDAT],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez le rôle Candidat.")},
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
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus. Facultatif : le candidat peut l'ajouter depuis « Mon compte »."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "class": "fr-upload"}),
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
        queryset=User.objects.filter(is_active=True, groups__name=CONSEILLER).order_by("last_name", "first_name"),
        empty_label=_("Sélectionnez un conseiller"),
    )
    start_date = _date_field(_("Date de début"))
    end_date = _date_field(_("Date de fin"))
    phases = forms.ModelMultipleChoiceField(
        label=_("Modularisation"),
        queryset=PhasePage.objects.live().order_by("path"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les phases que le/la bénéficiaire devra travailler."),
        error_messages={"required": _("Choisissez au moins une phase.")},
    )

    def __init__(self, *args, counsellor: User, dossier: Dossier | None = None, **kwargs):
        self.counsellor = counsellor
        self.dossier = dossier
        self.candidate = dossier.candidate if dossier else None
        kwargs["initial"] = {**self._initial(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.fields["avatar"].widget.group_class = "fr-upload-group"
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
            "dabm": dossier.dabm_id,
            "modalites": [name for name, _label in self.MODALITES if getattr(dossier, name)],
            "counsellor": dossier.counsellor_id,
            "start_date": dossier.start_date,
            "end_date": dossier.end_date,
            "phases": list(dossier.phases.values_list("pk", flat=True)),
        }

    def _others(self):
        return User._default_manager.exclude(pk=self.candidate.pk if self.candidate else None)

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self._others().filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Un compte utilise déjà cette adresse de courriel."))
        return email

    def clean_username(self):
        username = self.cleaned_data["username"]
        validators.validate_username_free(username, exclude_pk=self.candidate.pk if self.candidate else None)
        return username

    def clean_first_name(self):
        return normalisation.normalise_first_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return normalisation.normalise_last_name(self.cleaned_data["last_name"])

    def clean_phone(self):
        return normalisation.normalise_phone(self.cleaned_data["phone"])

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        return reencode_image(upload) if upload else None

    def clean(self):
        data = super().clean()
        self._clean_passwords(data)
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin doit être postérieure ou égale à la date de début."))
        return data

    def _clean_passwords(self, data):
        password, confirmation = data.get("password1"), data.get("password2")
        if self.dossier and not password and not confirmation:
            return
        if "password1" in data and "password2" in data and password != confirmation:
            self.add_error("password2", _("Les deux mots de passe ne concordent pas."))
        elif password:
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
            "avatar": data["avatar"],
            "dabm": data["dabm"],
            "remote": "remote" in data["modalites"],
            "on_site": "on_site" in data["modalites"],
            "counsellor": data["counsellor"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "phases": list(data["phases"]),
        }


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
        return f"{candidate.last_name} {candidate.first_name} ({candidate.username})"


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

    def add_model_errors(self, error):
        """Show the rules' errors (a ValidationError from the model) next to the fields they concern."""
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class ObservationsForm(DsfrBaseForm):
    observations = forms.CharField(
        label=_("Mes observations"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Vos remarques sur le document de synthèse. Votre conseiller les lit ; elles figurent "
                    "dans la synthèse quand elle est régénérée."),
    )


class AppointmentForm(DsfrBaseForm):
    """*Nouveau rendez-vous* and *Modifier* in the *Agenda*. The rules (end after start, same day,
    link for *A distance*, the candidate's own phases) are the service's: see `add_service_errors`.

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

    def __init__(self, *args, dossiers, dossier: Dossier | None = None, appointment: Appointment | None = None,
                 **kwargs):
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

    def add_service_errors(self, error):
        """Show the service's ValidationError next to the fields it names (or at the top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)
