import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import storage
from ..accounts.models import User


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
