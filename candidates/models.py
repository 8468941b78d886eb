import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from . import durations, roles, storage, validators


def avatar_path(instance, filename):
    """Server-chosen names: nothing of the uploaded file name is kept."""
    return f"avatars/{uuid.uuid4().hex}.jpg"


class User(AbstractUser):
    """Anyone who logs in: candidate, counsellor, administrator or editor (see `roles`)."""

    username = models.CharField(
        _("Nom d'utilisateur"),
        max_length=150,
        unique=True,
        validators=[validators.validate_username_characters],
        help_text=validators.USERNAME_HELP,
        error_messages={"unique": validators.USERNAME_TAKEN},
    )
    email = models.EmailField(_("adresse de courriel"))
    avatar = models.ImageField(_("Image"), upload_to=avatar_path, storage=storage.private_storage, blank=True)
    notify_comments = models.BooleanField(_("Me prévenir par courriel des nouveaux commentaires"), default=True)
    dabm = models.ForeignKey(
        "DABM",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counsellors",
        verbose_name=_("DABM de rattachement"),
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidates_user_email_ci_unique",
                violation_error_message=_("Un compte utilise déjà cette adresse de courriel."),
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="candidates_user_username_ci_unique",
                violation_error_message=validators.USERNAME_TAKEN,
            ),
        ]

    def clean(self):
        super().clean()
        self.email = self.email.strip()
        taken = User._default_manager.filter(email__iexact=self.email).exclude(pk=self.pk)
        if self.email and taken.exists():
            raise ValidationError({"email": _("Un compte utilise déjà cette adresse de courriel.")})
        try:
            validators.validate_username_free(self.username, exclude_pk=self.pk)
        except ValidationError as error:
            raise ValidationError({"username": error.error_list}) from error

    @cached_property
    def role(self) -> str | None:
        """The role that decides this person's dashboard, or None for a user without a role."""
        if self.is_superuser:
            return roles.ADMINISTRATEUR
        names = set(self.groups.values_list("name", flat=True))
        return next((role for role in roles.BY_PRIORITY if role in names), None)

    @property
    def role_label(self) -> str:
        return roles.LABELS.get(self.role, _("Sans rôle"))

    def __str__(self):
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username


class DABM(models.Model):
    """A counselling centre of the académie that candidates belong to (e.g. NÎMES)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    city = models.CharField(_("ville"), max_length=100)
    address = models.TextField(_("adresse"), blank=True)

    class Meta:
        verbose_name = _("DABM")
        verbose_name_plural = _("DABM")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Dossier(models.Model):
    """A candidate's bilan: who follows it, where, how and when."""

    candidate = models.OneToOneField(User, on_delete=models.CASCADE, related_name="dossier", verbose_name=_("candidat"))
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="followed_dossiers", verbose_name=_("Mon conseiller")
    )
    dabm = models.ForeignKey(DABM, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("DABM"))
    phone = models.CharField(_("Téléphone"), max_length=20, blank=True)
    remote = models.BooleanField(_("A distance"), default=False)
    on_site = models.BooleanField(_("Présentiel"), default=False)
    start_date = models.DateField(_("Date de début"))
    end_date = models.DateField(_("Date de fin"))
    phases = models.ManyToManyField(
        "phases.PhasePage",
        blank=True,
        related_name="dossiers",
        verbose_name=_("Modularisation"),
        help_text=_("Les phases que le candidat devra travailler."),
    )
    keep_synthesis = models.BooleanField(
        _("J'accepte que ma synthèse soit conservée un an après la fin du bilan"),
        default=False,
        help_text=_("Sans votre accord, elle est détruite avec les documents de travail à la fin du bilan."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier de bilan")
        verbose_name_plural = _("dossiers de bilan")
        ordering = ["candidate__last_name", "candidate__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="candidates_dossier_end_after_start",
                violation_error_message=_("La date de fin doit être postérieure ou égale à la date de début."),
            )
        ]

    def __str__(self):
        return str(self.candidate)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La date de fin doit être postérieure ou égale à la date de début.")})
        if not (self.remote or self.on_site):
            raise ValidationError(_("Choisissez au moins une modalité : A distance, Présentiel ou les deux."))

    @property
    def modalites_label(self) -> str:
        if self.remote and self.on_site:
            return _("Mixte (à distance et présentiel)")
        return _("A distance") if self.remote else _("Présentiel")


class PhaseResponse(models.Model):
    """A candidate's answers to one phase, keyed by the question block's stable id.

    Answers to questions an editor has since deleted stay here (they are simply not shown).
    `version` increases with every save; a save based on an older version is refused.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "non_commencee", _("non commencée")
        IN_PROGRESS = "en_cours", _("en cours")
        DONE = "terminee", _("terminée")

    candidate = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="phase_responses", verbose_name=_("candidat")
    )
    phase = models.ForeignKey(
        "phases.PhasePage", on_delete=models.PROTECT, related_name="responses", verbose_name=_("phase")
    )
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(_("version"), default=0)
    last_save_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    completed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    # How many questions of the phase the answers answer, counted when they were saved, and for which
    # questions (a digest of the phase's questions): lists read it instead of the answers, and count
    # again only when the phase's questions have been edited since (selectors.responses_progress).
    answered = models.PositiveSmallIntegerField(_("questions répondues"), default=0, editable=False)
    answered_for = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("réponses à une phase")
        verbose_name_plural = _("réponses aux phases")
        constraints = [models.UniqueConstraint(fields=["candidate", "phase"], name="candidates_one_response_per_phase")]

    def __str__(self):
        return f"{self.candidate} — {self.phase_id}"

    def recount(self, phase) -> int:
        """Count the questions of `phase` these answers answer, and remember for which questions."""
        self.answered = phase.progress(self.answers)[0]
        self.answered_for = phase.structure.digest
        return self.answered


class Comment(models.Model):
    """A counsellor's comment on one phase, shown to the candidate under *MES COMMENTAIRES*."""

    candidate = models.ForeignKey(User, on_delete=models.CASCADE, related_name="comments", verbose_name=_("candidat"))
    phase = models.ForeignKey(
        "phases.PhasePage", on_delete=models.PROTECT, related_name="comments", verbose_name=_("phase")
    )
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="written_comments", verbose_name=_("auteur")
    )
    text = models.TextField(_("Commentaire"), max_length=5000)
    created_at = models.DateTimeField(_("publié le"), auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.candidate} — {self.created_at:%d/%m/%Y}"


class SynthesisNote(models.Model):
    """The counsellor's private notes on one phase of a candidate; they feed the synthèse."""

    candidate = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="synthesis_notes", verbose_name=_("candidat")
    )
    phase = models.ForeignKey(
        "phases.PhasePage", on_delete=models.PROTECT, related_name="synthesis_notes", verbose_name=_("phase")
    )
    text = models.TextField(_("Notes de synthèse"), blank=True, max_length=20_000)
    updated_at = models.DateTimeField(_("modifiées le"), auto_now=True)

    class Meta:
        verbose_name = _("notes de synthèse")
        verbose_name_plural = _("notes de synthèse")
        constraints = [models.UniqueConstraint(fields=["candidate", "phase"], name="candidates_one_note_per_phase")]

    def __str__(self):
        return f"{self.candidate} — {self.phase_id}"


class AuditEvent(models.Model):
    """The access journal: who read or changed what of a candidate, and when; never the content itself.

    Candidates and dossiers are kept as plain numbers so that the entry outlives them; the journal is
    purged after `PortalSettings.journal_retention_months` (see `candidates.journal`)."""

    class Action(models.TextChoices):
        ANSWERS_VIEWED = "answers_viewed", _("réponses consultées")
        ACCOUNT_VIEWED = "account_viewed", _("compte candidat consulté")
        FILE_DOWNLOADED = "file_downloaded", _("fichier téléchargé")
        DOCUMENT_DOWNLOADED = "document_downloaded", _("document téléchargé")
        EXPORT_DOWNLOADED = "export_downloaded", _("export des données téléchargé")
        ANSWERS_SAVED = "answers_saved", _("réponses enregistrées")
        PHASE_ERASED = "phase_erased", _("contenu d'une phase effacé")
        COMMENT_ADDED = "comment_added", _("commentaire ajouté")
        NOTE_SAVED = "note_saved", _("note de synthèse enregistrée")
        CANDIDATE_CREATED = "candidate_created", _("compte candidat créé")
        CANDIDATE_UPDATED = "candidate_updated", _("compte candidat modifié")
        CANDIDATE_DELETED = "candidate_deleted", _("compte candidat supprimé")
        ACCOUNT_CHANGED = "account_changed", _("compte modifié (rôles, courriel, activation, mot de passe)")
        FILE_UPLOADED = "file_uploaded", _("fichier déposé")
        FILE_DELETED = "file_deleted", _("fichier supprimé")
        ATTESTATION_SAVED = "attestation_saved", _("attestation enregistrée")
        ATTESTATION_DELETED = "attestation_deleted", _("attestation supprimée")
        SYNTHESIS_SAVED = "synthesis_saved", _("synthèse enregistrée")
        SYNTHESIS_PUBLISHED = "synthesis_published", _("synthèse publiée")
        PURGED = "purged", _("documents de travail détruits en fin de bilan")

    wagtail_reference_index_ignore = True  # an entry refers to nothing Wagtail needs to track

    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur"))
    actor_name = models.CharField(_("auteur (identifiant)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    candidate_id = models.PositiveBigIntegerField(_("candidat n°"), null=True, db_index=True)
    dossier_id = models.PositiveBigIntegerField(_("dossier n°"), null=True)
    object_type = models.CharField(_("objet"), max_length=40, blank=True)
    object_id = models.CharField(_("objet n°"), max_length=40, blank=True)
    detail = models.CharField(_("détail"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("événement du journal")
        verbose_name_plural = _("journal des accès")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.get_action_display()}"


class Attestation(models.Model):
    """An *Attestation de présence*: proof that the candidate attended one session of the bilan."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="attestations", verbose_name=_("dossier")
    )
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="issued_attestations", verbose_name=_("conseiller")
    )
    start = models.DateTimeField(_("Date de début"))
    end = models.DateTimeField(_("Date de fin"))
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), editable=False)
    reference = models.CharField(_("référence"), max_length=30, unique=True, editable=False)
    over_cap = models.BooleanField(
        _("au-delà de 24 heures"), default=False, help_text=_("Émise après confirmation du dépassement du plafond.")
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("attestation de présence")
        verbose_name_plural = _("attestations de présence")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="candidates_attestation_end_after_start"
            )
        ]

    def __str__(self):
        return self.reference or _("Attestation de présence (aperçu)")

    @property
    def duration_label(self) -> str:
        return durations.hours_minutes(self.duration_minutes)

    def clean(self):
        """The rules of a session: one day at most, within the bilan, no overlap, and the 24-hour cap
        crossed only on purpose (then the attestation is flagged)."""
        super().clean()
        if not (self.start and self.end and self.dossier_id):
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("La fin de la séance doit être après son début.")})
        self.duration_minutes = durations.minutes_between(self.start, self.end)
        if self.duration_minutes > 24 * 60:
            raise ValidationError({"end": _("Une séance ne peut pas durer plus d'une journée.")})
        dossier = self.dossier
        start_day, end_day = timezone.localtime(self.start).date(), timezone.localtime(self.end).date()
        if start_day < dossier.start_date or end_day > dossier.end_date:
            raise ValidationError(
                {
                    "start": _(
                        "La séance doit avoir lieu pendant le bilan, du %(start)s au %(end)s. "
                        "Si les dates du bilan ont changé, modifiez d'abord le dossier."
                    )
                    % {"start": f"{dossier.start_date:%d/%m/%Y}", "end": f"{dossier.end_date:%d/%m/%Y}"}
                }
            )
        others = Attestation.objects.filter(dossier_id=self.dossier_id).exclude(pk=self.pk)
        overlap = others.filter(start__lt=self.end, end__gt=self.start).first()
        if overlap:
            when = timezone.localtime(overlap.start)
            raise ValidationError(
                _("Cette séance chevauche l'attestation %(reference)s du %(day)s à %(time)s.")
                % {"reference": overlap.reference, "day": f"{when:%d/%m/%Y}", "time": f"{when:%H:%M}"}
            )
        total = (others.aggregate(total=models.Sum("duration_minutes"))["total"] or 0) + self.duration_minutes
        if total > durations.LEGAL_CAP_MINUTES and not self.over_cap:
            raise ValidationError(
                {
                    "over_cap": _(
                        "Avec cette séance, le total attesté passerait à %(total)s, au-delà du plafond "
                        "légal de 24 heures. Cochez la case pour confirmer malgré tout."
                    )
                    % {"total": durations.hours_minutes(total)}
                }
            )
        self.over_cap = total > durations.LEGAL_CAP_MINUTES


def synthesis_path(instance, filename):
    return f"syntheses/{uuid.uuid4().hex}.docx"


class Synthesis(models.Model):
    """The published *document de synthèse* of a dossier (frozen file and date), and the
    beneficiary's observations on it."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="synthesis", verbose_name=_("dossier")
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_file = models.FileField(
        _("document publié"), storage=storage.private_storage, upload_to=synthesis_path, blank=True
    )
    observations = models.TextField(_("Mes observations"), blank=True, max_length=20_000)
    observations_at = models.DateTimeField(_("observations du"), null=True, blank=True)

    class Meta:
        verbose_name = _("document de synthèse")
        verbose_name_plural = _("documents de synthèse")

    def __str__(self):
        return f"Synthèse du dossier {self.dossier_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Appointment(models.Model):
    """A *rendez-vous* of the *Agenda* between a counsellor and a candidate."""

    class Modality(models.TextChoices):
        REMOTE = "a_distance", _("A distance")
        ON_SITE = "presentiel", _("Présentiel")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("dossier")
    )
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("conseiller")
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    modality = models.CharField(_("modalité"), max_length=20, choices=Modality.choices, default=Modality.ON_SITE)
    meeting_link = models.URLField(_("lien de la visioconférence"), blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    subject = models.CharField(_("objet"), max_length=200)
    phase = models.ForeignKey(
        "phases.PhasePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phase"),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    sequence = models.PositiveIntegerField(default=0, editable=False, help_text="iCalendar SEQUENCE")
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="candidates_appointment_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.start:%d/%m/%Y %H:%M})"


class CalendarFeed(models.Model):
    """A person's private, revocable calendar-subscription address (the token is the secret)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement d'agenda")
        verbose_name_plural = _("abonnements d'agenda")

    def __str__(self):
        return f"Agenda de {self.user}"


def private_file_path(instance, filename):
    """Server-generated names: nothing of the uploaded name reaches the disk."""
    return f"fichiers/{instance.owner_id}/{uuid.uuid4().hex}"


class PrivateFile(models.Model):
    """A file of *Mes fichiers*: in a person's folder (a candidate's folder is shared with their counsellor)."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="files", verbose_name=_("dossier de"))
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("déposé par")
    )
    file = models.FileField(_("fichier"), storage=storage.private_storage, upload_to=private_file_path)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fichier")
        verbose_name_plural = _("fichiers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name


class CounsellorManager(UserManager):
    use_in_migrations = False

    def get_queryset(self):
        return super().get_queryset().filter(groups__name=roles.CONSEILLER)


class Counsellor(User):
    """The académie's counsellors (users of the group Conseiller), as administrators manage them."""

    objects = CounsellorManager()

    class Meta:
        proxy = True
        verbose_name = _("conseiller")
        verbose_name_plural = _("conseillers")
        ordering = ["last_name", "first_name", "username"]


DEFAULT_ACCOUNT_EMAIL_TEXT = (
    "{conseiller} vient de créer votre compte sur Mon bilan en ligne, pour votre bilan de compétences."
)
DEFAULT_DOCUMENT_FOOTER = "Document établi par « Mon bilan en ligne »"


@register_setting(icon="cog")
class PortalSettings(BaseGenericSetting):
    """The portal's texts and contacts, edited by administrators in *Paramètres*."""

    academie_name = models.CharField(_("Nom de l'académie"), max_length=150, default="Académie de Montpellier")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Logo"),
        help_text=_("Affiché en tête des attestations et des documents de synthèse."),
    )
    support_email = models.EmailField(
        _("Adresse de courriel du support"),
        blank=True,
        help_text=_("Reçoit les demandes de « Support technique ». Vide : l'adresse de la configuration du serveur."),
    )
    support_phone = models.CharField(_("Téléphone du support"), max_length=30, blank=True)
    account_email_text = models.TextField(
        _("Texte du courriel de création de compte"),
        default=DEFAULT_ACCOUNT_EMAIL_TEXT,
        help_text=_(
            "{conseiller} est remplacé par le nom du conseiller. Le nom d'utilisateur et le lien pour choisir "
            "le mot de passe sont ajoutés automatiquement."
        ),
    )
    document_footer = models.CharField(
        _("Pied de page des documents"), max_length=255, default=DEFAULT_DOCUMENT_FOOTER, blank=True
    )
    journal_retention_months = models.PositiveSmallIntegerField(
        _("Durée de conservation du journal des accès (mois)"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Les entrées plus anciennes sont effacées par la purge quotidienne."),
    )

    class Meta:
        verbose_name = _("paramètres du portail")
        verbose_name_plural = _("paramètres du portail")

    def __str__(self):
        return str(self._meta.verbose_name)
