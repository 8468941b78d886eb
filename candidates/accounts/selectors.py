from django.shortcuts import get_object_or_404

from .. import access
from .models import User


def visible_person(user: User, pk: int) -> User:
    """Someone this person may see: themself, a counsellor's candidates, a candidate's counsellor."""
    return get_object_or_404(access.people_for(user), pk=pk)
