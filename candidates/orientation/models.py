"""What a candidate decides about the portal's suggestions: a job they do not want suggested again."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..dossiers.models import Dossier


class DismissedSuggestion(models.Model):
    """« Ne plus me le suggérer »: the fiche (its ROME code, stable across versions) is left out of
    the candidate's *Métiers à explorer* until they bring it back."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="dismissed_suggestions", verbose_name=_("dossier")
    )
    fiche_code = models.CharField(_("code ROME de la fiche"), max_length=5)
    fiche_label = models.CharField(_("intitulé de la fiche"), max_length=300)
    dismissed_at = models.DateTimeField(_("écartée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion écartée")
        verbose_name_plural = _("suggestions écartées")
        ordering = ["-dismissed_at"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "fiche_code"], name="candidates_dismissed_suggestion_once")
        ]

    def __str__(self):
        return f"{self.dossier_id} — {self.fiche_code}"
