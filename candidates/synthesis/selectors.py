from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from phases.synthesis_sections import SynthesisSection

from .. import access
from ..accounts.models import User
from ..dossiers.models import Dossier, PhaseResponse
from .models import SharingConsent, Synthesis, SynthesisVersion, communicable_to
from .services import empty_sections


def synthesis_dossier(user: User, pk: int) -> Dossier:
    """The dossier whose synthèse this person may generate or read: their own (candidate), one they
    follow (counsellor), any (administrator). Anyone else: 404."""
    dossiers = access.synthesis_dossiers(user).select_related("candidate", "counsellor", "dabm")
    return get_object_or_404(dossiers, pk=pk)


def published_versions(dossier: Dossier):
    """The published versions of the dossier's synthèse, newest first."""
    return SynthesisVersion.objects.filter(synthesis__dossier=dossier).select_related("published_by")


def latest_version_of(candidate: User) -> SynthesisVersion | None:
    """The version of their synthèse the beneficiary sees first (their dashboard), if any."""
    return SynthesisVersion.objects.filter(synthesis__dossier__candidate=candidate).select_related("synthesis").first()


def sharing_consents(dossier: Dossier):
    """Every consent to communicate the synthèse the beneficiary gave, revoked ones included."""
    return SharingConsent.objects.filter(dossier=dossier)


@dataclass
class PublicationPreview:
    """What *Publier la synthèse* shows before the counsellor confirms."""

    number: int  # the version publishing now makes
    sections: list  # [(SynthesisSection, HTML)]
    empty: list  # the SynthesisSections left empty
    communicable: str  # « Communicable à : personne », or to whom


def publication_preview(dossier: Dossier) -> PublicationPreview:
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    latest = published_versions(dossier).first()
    return PublicationPreview(
        number=(latest.number if latest else 0) + 1,
        sections=synthesis.sections() if synthesis else [(section, "") for section in SynthesisSection],
        empty=empty_sections(synthesis),
        communicable=communicable_to(sharing_consents(dossier)),
    )


def finished_phases(dossier: Dossier):
    """The phases of the dossier's modularisation the candidate has finished, in the bilan's order: the
    annex's choices (`material.dossier_material` gives them too, from what it reads)."""
    finished = PhaseResponse.objects.filter(candidate_id=dossier.candidate_id, status=PhaseResponse.Status.DONE)
    return list(dossier.phases.filter(pk__in=finished.values("phase_id")).order_by("path"))
