"""A candidate's bilan: the dossier, the answers to its phases, the counsellor's comments and notes."""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import DABM, User

END_BEFORE_START = _("La date de fin doit être postérieure ou égale à la date de début.")


def check_bilan_dates(start: datetime.date | None, end: datetime.date | None) -> None:
    """A bilan ends on or after the day it starts (named next to *Date de fin*)."""
    if start and end and end < start:
        raise ValidationError({"end_date": END_BEFORE_START})


def running_filter(today: datetime.date) -> models.Q:
    """The bilans under way on `today`: started, not ended, not closed by their counsellor."""
    return models.Q(start_date__lte=today, end_date__gte=today, closed_on__isnull=True)


class DossierQuerySet(models.QuerySet):
    def running(self, today: datetime.date):
        return self.filter(running_filter(today))

    def in_progress(self, today: datetime.date | None = None):
        """*En cours*: the bilans that have not ended yet (the end date is today or later)."""
        return self.filter(end_date__gte=today or timezone.localdate())

    def over(self, today: datetime.date | None = None):
        return self.filter(end_date__lt=today or timezone.localdate())

    def abandoned(self):
        """The bilans their counsellor closed as *abandonné* (`services.dossier_close`)."""
        return self.filter(outcome=Dossier.Outcome.ABANDONED)

    def with_attested_minutes(self):
        """Each dossier with `attested_minutes`, the total of its attestations de présence, as a subquery
        (not a join with GROUP BY: a paginator's COUNT drops it, and it is computed for the rows shown)."""
        attestations = apps.get_model("candidates", "Attestation").objects.filter(dossier=models.OuterRef("pk"))
        minutes = attestations.order_by().values("dossier").annotate(total=models.Sum("duration_minutes"))
        return self.annotate(attested_minutes=Coalesce(models.Subquery(minutes.values("total")), models.Value(0)))

    def with_phase_counts(self):
        """Each dossier with `phases_count`, the live phases of its modularisation, and `phases_done`, those its
        candidate marked *terminée* (subqueries; `selectors.dossiers_progress` gives the questions as well)."""
        links = Dossier.phases.through.objects.filter(dossier=models.OuterRef("pk"), phasepage__live=True)
        done = PhaseResponse.objects.filter(
            candidate=models.OuterRef("candidate"),
            status=PhaseResponse.Status.DONE,
            phase__dossiers=models.OuterRef("pk"),
            phase__live=True,
        )
        return self.annotate(
            phases_count=_count(links.values("dossier")),
            phases_done=_count(done.values("candidate")),
        )

    def with_last_activity(self):
        """Each dossier with `last_activity`, when its candidate last saved answers to a phase (None if never):
        the candidate's *activité* on the counsellor's dashboard and in the alerts."""
        responses = apps.get_model("candidates", "PhaseResponse").objects.filter(candidate=models.OuterRef("candidate"))
        return self.annotate(last_activity=models.Subquery(responses.order_by("-updated_at").values("updated_at")[:1]))


def _count(rows) -> Coalesce:
    """How many rows of `rows` (a queryset on the outer row, grouped by `values(...)`), as a subquery."""
    counted = rows.order_by().annotate(count=models.Count("pk")).values("count")
    return Coalesce(models.Subquery(counted), models.Value(0))


class Dossier(models.Model):
    """A candidate's bilan: who follows it, where, how and when."""

    class Outcome(models.TextChoices):
        """How a bilan the counsellor closed ended; a bilan whose end date passes unclosed has none."""

        NONE = "", _("Non précisée")
        COMPLETED = "mene_a_terme", _("Bilan mené à son terme")
        ABANDONED = "abandonne", _("Bilan abandonné")

    class Civility(models.TextChoices):
        NONE = "", _("Non renseignée")
        MADAME = "madame", _("Madame")
        MONSIEUR = "monsieur", _("Monsieur")

    candidate = models.OneToOneField(User, on_delete=models.CASCADE, related_name="dossier", verbose_name=_("candidat"))
    counsellor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="followed_dossiers", verbose_name=_("Mon conseiller")
    )
    dabm = models.ForeignKey(DABM, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("DABM"))
    civility = models.CharField(
        _("Civilité"),
        max_length=10,
        choices=Civility.choices,
        blank=True,
        help_text=_("Facultative : accorde « la bénéficiaire » ou « le bénéficiaire » dans la synthèse."),
    )
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
    # Closing a bilan (`services.dossier_close`) brings its end date to the day it was closed.
    closed_on = models.DateField(_("clos le"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("Issue du bilan"), max_length=20, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier de bilan")
        verbose_name_plural = _("dossiers de bilan")
        ordering = ["candidate__last_name", "candidate__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="candidates_dossier_end_after_start",
                violation_error_message=END_BEFORE_START,
            )
        ]

    def __str__(self):
        return str(self.candidate)

    def clean(self):
        super().clean()
        check_bilan_dates(self.start_date, self.end_date)
        if not (self.remote or self.on_site):
            raise ValidationError(_("Choisissez au moins une modalité : A distance, Présentiel ou les deux."))

    def is_in_progress(self, today: datetime.date | None = None) -> bool:
        return self.end_date >= (today or timezone.localdate())

    @property
    def beneficiary_words(self) -> str:
        """« la bénéficiaire », « le bénéficiaire », or the inclusive form when the civility is not given."""
        return {self.Civility.MADAME: _("la bénéficiaire"), self.Civility.MONSIEUR: _("le bénéficiaire")}.get(
            self.civility, _("le/la bénéficiaire")
        )

    @property
    def modalites_label(self) -> str:
        if self.remote and self.on_site:
            return _("Mixte (à distance et présentiel)")
        return _("A distance") if self.remote else _("Présentiel")


class PhaseResponse(models.Model):
    """A candidate's answers to one phase, keyed by the question block's stable id.

    Answers to questions an editor has since deleted stay here, with the questions as the candidate saw
    them (`seen`, `phases/history.py`): read-only screens show them as retired.
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
    # {block id: the question (type and stored value) as it was when the candidate last answered it}
    seen = models.JSONField(_("questions vues"), default=dict, blank=True, editable=False)
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
        # The phases finished, counted from the index alone (L'activité de l'académie, a million answers).
        indexes = [
            models.Index(
                fields=["candidate", "phase"], condition=models.Q(status="terminee"), name="candidates_response_done"
            )
        ]

    def __str__(self):
        return f"{self.candidate} — {self.phase_id}"

    def shown_answers(self, phase, retirements: dict | None = None) -> list:
        """The answers as read-only screens show them (`PhasePage.answered_questions`)."""
        return phase.answered_questions(self.answers, self.seen, retirements)

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
