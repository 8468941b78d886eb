from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User


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
        SYNTHESIS_SHARED = "synthesis_shared", _("accord de communication de la synthèse donné")
        SYNTHESIS_SHARING_REVOKED = "synthesis_sharing_revoked", _("accord de communication de la synthèse retiré")
        DOSSIER_CLOSED = "dossier_closed", _("bilan clos")
        FOLLOWUP_ANSWERED = "followup_answered", _("suivi à six mois répondu")
        SATISFACTION_ANSWERED = "satisfaction_answered", _("appréciation de fin de bilan répondue")
        REMINDER_SENT = "reminder_sent", _("rappel envoyé au candidat")
        PURGED = "purged", _("documents de travail détruits en fin de bilan")
        EMAIL_FAILED = "email_failed", _("courriel non envoyé après plusieurs essais")

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
        return f"{timezone.localtime(self.created_at):%d/%m/%Y %H:%M} {self.get_action_display()}"  # Paris time
