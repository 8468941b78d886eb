"""Writes on attestations de présence; the rules themselves are the model's (`Attestation.clean`)."""

import uuid

from django.db import transaction
from django.utils import timezone

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..journal import services as journal
from .models import Attestation


def attestation_build(*, counsellor: User, dossier: Dossier, start, end, over_cap: bool = False) -> Attestation:
    """An attestation checked against every rule, not saved: what *Aperçu* shows."""
    attestation = Attestation(dossier=dossier, counsellor=counsellor, start=start, end=end, over_cap=over_cap)
    attestation.full_clean(exclude=["reference", "duration_minutes"])
    return attestation


@transaction.atomic
def attestation_create(*, counsellor: User, dossier: Dossier, start, end, over_cap: bool = False) -> Attestation:
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()  # one new attestation per dossier at a time
    attestation = attestation_build(counsellor=counsellor, dossier=dossier, start=start, end=end, over_cap=over_cap)
    attestation.reference = f"ATT-{timezone.localtime(start):%Y}-{uuid.uuid4().hex[:8].upper()}"
    attestation.full_clean()
    attestation.save()
    journal.record(counsellor, journal.Action.ATTESTATION_SAVED, dossier=dossier, obj=attestation)
    return attestation


@transaction.atomic
def attestation_update(
    *, actor: User, attestation: Attestation, dossier: Dossier, start, end, over_cap: bool = False
) -> Attestation:
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    attestation.dossier, attestation.start, attestation.end, attestation.over_cap = dossier, start, end, over_cap
    attestation.full_clean()
    attestation.save()
    journal.record(actor, journal.Action.ATTESTATION_SAVED, dossier=dossier, obj=attestation)
    return attestation


@transaction.atomic
def attestation_delete(*, actor: User, attestation: Attestation) -> None:
    journal.record(actor, journal.Action.ATTESTATION_DELETED, dossier=attestation.dossier, obj=attestation)
    attestation.delete()


def attestation_downloaded(*, actor: User, attestation: Attestation) -> None:
    """The attestation's PDF was downloaded by `actor` (journalled before it is rendered)."""
    journal.record(actor, journal.Action.DOCUMENT_DOWNLOADED, dossier=attestation.dossier, obj=attestation)
