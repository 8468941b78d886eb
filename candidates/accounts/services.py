"""Writes on accounts. Each service is one transaction and validates what it saves."""

import secrets

from django.core.files import File
from django.db import IntegrityError, transaction

from .. import access
from ..journal import services as journal
from .models import DABM, User


def save_account(user: User) -> None:
    """Validate and save `user`. If another request took the username or the e-mail between the check
    and the write (the same form submitted twice at once), the model's check runs again and names the
    field, as a ValidationError, instead of the database's IntegrityError."""
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        user.full_clean()  # the other transaction has committed: the check now sees its row
        raise


@transaction.atomic
def user_create(
    *, username: str, email: str, password: str, role: str, first_name: str = "", last_name: str = ""
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    user.set_password(password)
    save_account(user)
    access.grant_role(user, role)
    return user


@transaction.atomic
def user_set_notifications(*, user: User, notify_comments: bool) -> None:
    user.notify_comments = notify_comments
    user.save(update_fields=["notify_comments"])


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    phone: str | None = None,
    avatar: File | None = None,
    remove_avatar: bool = False,
    new_password: str = "",
) -> User:
    """*Modifier mes informations*. A new password ends the person's other sessions (their session
    hash changes); the caller keeps the current one with `update_session_auth_hash`. A new e-mail or
    password is journalled (the form has checked the current password for either); the caller tells
    the old address of a new e-mail (`emails.send_email_changed`) once this has returned, committed."""
    before = journal.account_snapshot(user)
    old_avatar = user.avatar.name
    user.first_name, user.last_name, user.email = first_name, last_name, email
    if avatar:
        user.avatar = avatar
    elif remove_avatar:
        user.avatar = ""
    if new_password:
        user.set_password(new_password)
    save_account(user)
    journal.record_account_change(user, user, before)
    if phone is not None and hasattr(user, "dossier"):
        user.dossier.phone = phone
        user.dossier.save(update_fields=["phone"])
    if old_avatar and old_avatar != user.avatar.name:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return user


@transaction.atomic
def counsellor_create(*, username: str, email: str, first_name: str, last_name: str, dabm: DABM | None = None) -> User:
    """A counsellor's account (role Conseiller) with a random password they never see: they choose
    their own through the e-mailed link. Notifying them is the caller's job, after commit."""
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, dabm=dabm)
    user.set_password(secrets.token_urlsafe(32))
    save_account(user)
    access.grant_role(user, access.CONSEILLER)
    return user
