from django.shortcuts import get_object_or_404

from .. import access
from ..accounts.models import User
from ..dossiers.models import Dossier


def synthesis_dossier(user: User, pk: int) -> Dossier:
    """The dossier whose synthèse this person may generate or read: their own (candidate), one they
    follow (counsellor), any (administrator). Anyone else: 404."""
    dossiers = access.synthesis_dossiers(user).select_related("candidate", "counsellor", "dabm")
    return get_object_or_404(dossiers, pk=pk)
