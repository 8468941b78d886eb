"""The document de synthèse: publication, the beneficiary's observations and consent (R6313-8)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dossiers.models import Dossier
from ..journal import services as journal
from .models import Synthesis


@transaction.atomic
def synthesis_publish(*, actor, dossier: Dossier, document: bytes) -> Synthesis:
    """Freeze the synthèse: the .docx as generated now is stored, with today's date. Publishing
    again replaces the stored document (the observations stay)."""
    synthesis, _created = Synthesis.objects.select_for_update().get_or_create(dossier=dossier)
    previous = synthesis.published_file.name
    synthesis.published_file.save("synthese.docx", ContentFile(document), save=False)
    synthesis.published_at = timezone.now()
    synthesis.full_clean()
    synthesis.save()
    journal.record(actor, journal.Action.SYNTHESIS_PUBLISHED, dossier=dossier, obj=synthesis)
    if previous:
        storage = synthesis.published_file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return synthesis


@transaction.atomic
def synthesis_observe(*, actor, dossier: Dossier, observations: str) -> Synthesis:
    """The beneficiary's observations on their published synthèse (Code du travail R6313-8)."""
    synthesis = Synthesis.objects.select_for_update().filter(dossier=dossier, published_at__isnull=False).first()
    if synthesis is None:
        raise ValidationError(_("Votre synthèse n'est pas encore publiée."))
    synthesis.observations = observations.strip()
    synthesis.observations_at = timezone.now()
    synthesis.full_clean()
    synthesis.save()
    journal.record(actor, journal.Action.SYNTHESIS_SAVED, dossier=dossier, obj=synthesis)
    return synthesis


@transaction.atomic
def synthesis_consent(*, dossier: Dossier, keep: bool) -> None:
    """The beneficiary's choice: keep the synthèse one year after the bilan, or not (R6313-8)."""
    Dossier.objects.filter(pk=dossier.pk).update(keep_synthesis=keep)


def draft_downloaded(*, actor, dossier: Dossier, file_format: str) -> None:
    """The synthèse as it would be now (`file_format`: ".docx" or "PDF") was downloaded by `actor`."""
    journal.record(actor, journal.Action.DOCUMENT_DOWNLOADED, dossier=dossier, detail=f"synthèse ({file_format})")


def published_read(*, actor, synthesis: Synthesis) -> bytes:
    """The published (frozen) document, read for `actor`; journalled."""
    journal.record(actor, journal.Action.DOCUMENT_DOWNLOADED, dossier=synthesis.dossier, obj=synthesis)
    with synthesis.published_file.open("rb") as stored:
        return stored.read()
