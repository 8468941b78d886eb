import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import storage
from ..dossiers.models import Dossier


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
