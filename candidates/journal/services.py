"""The access journal: one entry per read or change of a candidate's data (answers, files, documents),
with the actor, the time, the action and the object, never the content (CNIL, logging, 2021).

Views and services call `record`; the daily purge calls `purge_older_than_retention`."""

import datetime

from django.db import models

from ..portal_settings import PortalSettings
from .models import AuditEvent

Action = AuditEvent.Action


def record(actor, action: str, *, candidate=None, dossier=None, obj: models.Model | None = None, detail: str = ""):
    """Journal `action` by `actor` (a user, or None for the system) on `obj`, about `candidate`.

    `candidate` may be omitted when `dossier` is given. Only identifiers are stored."""
    if candidate is None and dossier is not None:
        candidate_id = dossier.candidate_id
    else:
        candidate_id = getattr(candidate, "pk", None)
    is_person = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_name=actor.get_username() if is_person else "",
        action=action,
        candidate_id=candidate_id,
        dossier_id=getattr(dossier, "pk", None),
        object_type=str(obj._meta.verbose_name)[:40] if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:255],
    )


def retention_limit(now: datetime.datetime) -> datetime.datetime:
    """Entries older than this are past the configured retention (in months of 30 days)."""
    months = PortalSettings.load().journal_retention_months
    return now - datetime.timedelta(days=30 * months)


def purge_older_than_retention(now: datetime.datetime, *, dry_run: bool = False) -> int:
    """Delete (or, with `dry_run`, count) the entries past the retention period."""
    expired = AuditEvent.objects.filter(created_at__lt=retention_limit(now))
    if dry_run:
        return expired.count()
    deleted, _by_model = expired.delete()
    return deleted


# What of an account is journalled when it changes, and how the entry names it (never the values).
ACCOUNT_FIELDS = {
    "email": "adresse de courriel",
    "is_active": "activation",
    "is_superuser": "administrateur (superutilisateur)",
    "is_staff": "statut équipe",
    "password": "mot de passe",
    "groups": "rôles",
}


def account_snapshot(user) -> dict:
    """The journalled parts of `user`'s account as they are now (read before a change)."""
    snapshot = {name: getattr(user, name) for name in ACCOUNT_FIELDS if name != "groups"}
    snapshot["groups"] = set(user.groups.values_list("pk", flat=True)) if user.pk else set()
    return snapshot


def record_account_change(actor, user, before: dict, *, after: dict | None = None):
    """Journal what changed in `user`'s account since `before` (an `account_snapshot`), if anything.

    The detail names the changed parts (« adresse de courriel, mot de passe »), not their values."""
    after = account_snapshot(user) if after is None else after
    changed = [label for name, label in ACCOUNT_FIELDS.items() if before.get(name) != after.get(name)]
    if not changed:
        return None
    candidate = user if hasattr(user, "dossier") else None
    return record(actor, Action.ACCOUNT_CHANGED, candidate=candidate, obj=user, detail=", ".join(changed))


def record_account_deleted(actor, user):
    """Journal the deletion of a staff account (candidates have CANDIDATE_DELETED), before it happens."""
    return record(actor, Action.ACCOUNT_CHANGED, obj=user, detail="compte supprimé")
