"""Reads on *Mes fichiers*, scoped by `candidates.access`."""

from django.db.models import Sum
from django.shortcuts import get_object_or_404

from .. import access
from ..accounts.models import User
from .models import PrivateFile


def files_for(user: User):
    """The files of every folder this person may open, newest first."""
    return access.files_for(user).select_related("owner", "uploaded_by")


def private_file_for(user: User, pk: int) -> PrivateFile:
    return get_object_or_404(files_for(user), pk=pk)


def folder_files(user: User, owner: User):
    """The files of `owner`'s folder, as `user` may see them (nothing if it is not theirs to open)."""
    return files_for(user).filter(owner=owner).order_by("-created_at", "-pk")


def folder_used_bytes(owner: User) -> int:
    return PrivateFile.objects.filter(owner=owner).aggregate(total=Sum("size"))["total"] or 0
