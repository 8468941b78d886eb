from django.shortcuts import get_object_or_404

from .. import access
from ..accounts.models import User
from ..dossiers.models import Dossier, PhaseResponse


def synthesis_dossier(user: User, pk: int) -> Dossier:
    """The dossier whose synthèse this person may generate or read: their own (candidate), one they
    follow (counsellor), any (administrator). Anyone else: 404."""
    dossiers = access.synthesis_dossiers(user).select_related("candidate", "counsellor", "dabm")
    return get_object_or_404(dossiers, pk=pk)


def finished_phases(dossier: Dossier):
    """The phases of the dossier's modularisation the candidate has finished, in the bilan's order: the
    annex's choices (`material.dossier_material` gives them too, from what it reads)."""
    finished = PhaseResponse.objects.filter(candidate_id=dossier.candidate_id, status=PhaseResponse.Status.DONE)
    return list(dossier.phases.filter(pk__in=finished.values("phase_id")).order_by("path"))
