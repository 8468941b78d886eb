"""The one place that says who may see and do what."""

from . import roles


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.is_active and user.role == role


def is_candidate(user) -> bool:
    return has_role(user, roles.CANDIDAT)


def is_counsellor(user) -> bool:
    return has_role(user, roles.CONSEILLER)


def can_access_admin(user) -> bool:
    """Académie staff (administrators and editors) work in the Wagtail admin; nobody else."""
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
