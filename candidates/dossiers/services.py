"""Writes on dossiers: the candidate's account and bilan, the answers to the phases, the counsellor's
follow-up. Each service is one transaction, validates what it saves and journals what it did."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..accounts.models import DABM, User
from ..accounts.services import save_account
from ..files.models import PrivateFile
from ..followup import models as followup_models
from ..journal import services as journal
from ..synthesis.models import Synthesis
from . import emails
from .models import Comment, Dossier, PhaseResponse, SynthesisNote


@transaction.atomic
def dossier_create(
    *,
    candidate: User,
    counsellor: User,
    dabm: DABM,
    start_date: datetime.date,
    end_date: datetime.date,
    remote: bool = True,
    on_site: bool = False,
    phone: str = "",
) -> Dossier:
    dossier = Dossier(
        candidate=candidate,
        counsellor=counsellor,
        dabm=dabm,
        start_date=start_date,
        end_date=end_date,
        remote=remote,
        on_site=on_site,
        phone=phone,
    )
    dossier.full_clean()
    dossier.save()
    return dossier


NOT_STARTED_YET = _("Ce bilan n'a pas encore commencé : modifiez ses dates plutôt que de le clore.")
ALREADY_CLOSED = _("Ce bilan est déjà clos.")


@transaction.atomic
def dossier_close(*, actor: User, dossier: Dossier, outcome: str, today: datetime.date | None = None) -> Dossier:
    """Close a running bilan today, as *mené à son terme* or *abandonné*: its end date becomes today (the
    retention delays, the lists and the figures count from it) and the closing is journalled."""
    today = today or timezone.localdate()
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if outcome not in (Dossier.Outcome.COMPLETED, Dossier.Outcome.ABANDONED):
        raise ValidationError({"outcome": _("Choisissez comment le bilan s'est terminé.")})
    if dossier.closed_on:
        raise ValidationError(ALREADY_CLOSED)
    if today < dossier.start_date:
        raise ValidationError(NOT_STARTED_YET)
    dossier.outcome = outcome
    dossier.closed_on = today
    dossier.end_date = min(dossier.end_date, today)
    dossier.full_clean()
    dossier.save(update_fields=["outcome", "closed_on", "end_date"])
    journal.record(
        actor, journal.Action.DOSSIER_CLOSED, dossier=dossier, obj=dossier, detail=dossier.get_outcome_display()
    )
    return dossier


def _set_candidate(
    user: User,
    dossier: Dossier,
    *,
    email: str,
    username: str,
    is_active: bool,
    first_name: str,
    last_name: str,
    phone: str,
    dabm: DABM,
    civility: str = "",
    remote: bool,
    on_site: bool,
    counsellor: User,
    start_date: datetime.date,
    end_date: datetime.date,
) -> None:
    """The fields of *Ajouter un candidat* (and of the dossier's edit page) onto the account and the dossier."""
    user.email, user.username, user.is_active = email, username, is_active
    user.first_name, user.last_name = first_name, last_name
    dossier.phone, dossier.dabm, dossier.counsellor, dossier.civility = phone, dabm, counsellor, civility
    dossier.remote, dossier.on_site = remote, on_site
    dossier.start_date, dossier.end_date = start_date, end_date


@transaction.atomic
def candidate_create(
    *, actor: User | None = None, password: str, avatar: File | None = None, phases, **fields
) -> Dossier:
    """A candidate's account (role Candidat) and dossier (`fields`: see `_set_candidate`), created by
    `actor` (None: by the portal itself). Notifying them is the caller's job, after commit."""
    user, dossier = User(), Dossier()
    _set_candidate(user, dossier, **fields)
    user.set_password(password)
    if avatar:
        user.avatar = avatar
    save_account(user)
    access.grant_role(user, access.CANDIDAT)
    dossier.candidate = user
    dossier.full_clean()
    dossier.save()
    dossier.phases.set(phases)
    journal.record(actor, journal.Action.CANDIDATE_CREATED, dossier=dossier, obj=dossier)
    return dossier


@transaction.atomic
def candidate_update(
    *, actor: User, dossier: Dossier, password: str | None = None, avatar: File | None = None, phases, **fields
) -> Dossier:
    """Save a candidate's account and dossier (`fields`: see `_set_candidate`). No password (or no
    avatar) keeps the current one. A change of e-mail, activation or password is journalled as such
    (`actor` made it)."""
    user = dossier.candidate
    old_avatar = user.avatar.name
    before = journal.account_snapshot(user)
    _set_candidate(user, dossier, **fields)
    if password:
        user.set_password(password)
    if avatar:
        user.avatar = avatar
    save_account(user)
    access.grant_role(user, access.CANDIDAT)
    journal.record_account_change(actor, user, before)
    dossier.full_clean()
    dossier.save()
    dossier.phases.set(phases)
    journal.record(actor, journal.Action.CANDIDATE_UPDATED, dossier=dossier, obj=dossier)
    if avatar and old_avatar:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return dossier


@transaction.atomic
def candidate_delete(*, actor: User, dossier: Dossier) -> None:
    """*Supprimer son compte*: the account and everything of the candidate, in one transaction.
    The journal keeps who deleted which dossier and when, not what it held."""
    candidate = dossier.candidate
    stored_files = (
        [candidate.avatar]
        + [stored for synthesis in Synthesis.objects.filter(dossier=dossier) for stored in synthesis.stored_files()]
        + [private.file for private in PrivateFile.objects.filter(owner=candidate)]
    )
    journal.record(actor, journal.Action.CANDIDATE_DELETED, dossier=dossier, obj=dossier, detail=f"DABM {dossier.dabm}")
    # The follow-up's situation and dates stay for the figures, not what the candidate wrote.
    followup_models.FollowUp.objects.filter(dossier=dossier).update(answers={}, dossier=None)
    candidate.delete()
    for stored in stored_files:
        if stored.name:
            transaction.on_commit(lambda storage=stored.storage, name=stored.name: storage.delete(name))


class StaleVersion(Exception):
    """The answers changed since the candidate's page was loaded (another tab, or the counsellor)."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


class PhaseFinished(Exception):
    """A finished phase is read-only until the candidate reopens it."""


def _locked_response(candidate: User, phase) -> PhaseResponse:
    response, _created = PhaseResponse.objects.select_for_update().get_or_create(candidate=candidate, phase=phase)
    return response


@transaction.atomic
def response_save(*, candidate: User, phase, answers: dict, version: int, save_id: str = "") -> PhaseResponse:
    """Save a draft of a phase's answers, if `version` is still the saved one.

    Answers are merged by question id, so answers to questions no longer on the page are kept.
    A repeated `save_id` (an autosave retried after a lost reply) is answered without saving twice.
    """
    response = _locked_response(candidate, phase)
    if save_id and save_id == response.last_save_id and response.version == version + 1:
        journal.record(candidate, journal.Action.ANSWERS_SAVED, candidate=candidate, obj=phase)
        return response
    if response.version != version:
        raise StaleVersion(response.version)
    if response.status == PhaseResponse.Status.DONE:
        raise PhaseFinished
    response.answers = {**response.answers, **answers}
    response.seen = phase.seen_after(response.seen, answers)
    answered = response.recount(phase)
    response.status = PhaseResponse.Status.IN_PROGRESS if answered else PhaseResponse.Status.NOT_STARTED
    response.version += 1
    response.last_save_id = save_id
    # The row is locked and its candidate and phase were just read: check the values, without querying
    # again for the relations and the uniqueness (three queries on each autosave).
    response.full_clean(exclude=["candidate", "phase"], validate_unique=False, validate_constraints=False)
    response.save()
    journal.record(candidate, journal.Action.ANSWERS_SAVED, candidate=candidate, obj=phase)
    return response


@transaction.atomic
def response_complete(*, candidate: User, phase) -> list:
    """Mark the phase as finished. Returns the required questions still unanswered (then nothing changes)."""
    response = _locked_response(candidate, phase)
    missing = phase.missing_required(response.answers)
    if missing:
        return missing
    response.status = PhaseResponse.Status.DONE
    response.completed_at = timezone.now()
    response.version += 1
    response.save()
    return []


@transaction.atomic
def response_reopen(*, candidate: User, phase) -> PhaseResponse:
    response = _locked_response(candidate, phase)
    if response.status == PhaseResponse.Status.DONE:
        response.status = PhaseResponse.Status.IN_PROGRESS
        response.completed_at = None
        response.version += 1
        response.save()
    return response


@transaction.atomic
def response_erase(*, actor: User, dossier: Dossier, phase) -> None:
    """*Supprimer* a phase's content: the candidate starts it again. The version moves on, so a page
    the candidate still has open cannot silently write the old answers back."""
    response = PhaseResponse.objects.select_for_update().filter(candidate=dossier.candidate, phase=phase).first()
    if response is not None:
        response.answers, response.seen = {}, {}
        response.recount(phase)
        response.status = PhaseResponse.Status.NOT_STARTED
        response.completed_at = None
        response.version += 1
        response.last_save_id = ""
        response.save()
    journal.record(actor, journal.Action.PHASE_ERASED, dossier=dossier, obj=phase)


@transaction.atomic
def comment_create(*, author: User, dossier: Dossier, phase, text: str) -> Comment:
    comment = Comment(candidate=dossier.candidate, phase=phase, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def synthesis_note_save(*, dossier: Dossier, phase, text: str) -> SynthesisNote:
    note, _created = SynthesisNote.objects.select_for_update().get_or_create(candidate=dossier.candidate, phase=phase)
    note.text = text.strip()
    note.full_clean()
    note.save()
    return note


@dataclass
class FollowUp:
    comment: Comment | None  # the comment posted, if one was typed
    notified: bool  # the candidate was told of it by e-mail (or needed not be)


def phase_follow_up(
    *, actor: User, dossier: Dossier, phase, notes: str, comment: str, absolute_url: Callable[[str], str]
) -> FollowUp:
    """*Modifier* a phase: save the counsellor's synthesis notes and post their comment, if any, then
    tell the candidate of the comment (after commit: the e-mail announces a comment that exists).
    `absolute_url` turns a path into the link the e-mail gives (`request.build_absolute_uri`)."""
    with transaction.atomic():
        synthesis_note_save(dossier=dossier, phase=phase, text=notes)
        journal.record(actor, journal.Action.NOTE_SAVED, dossier=dossier, obj=phase)
        posted = None
        if comment.strip():
            posted = comment_create(author=actor, dossier=dossier, phase=phase, text=comment)
            journal.record(actor, journal.Action.COMMENT_ADDED, dossier=dossier, obj=posted)
    notified = emails.send_comment_posted(posted, absolute_url) if posted else True
    return FollowUp(posted, notified)


# Reads of a candidate's data: journalled, never their content -----------------------------------


def account_consulted(*, actor: User, dossier: Dossier) -> None:
    """*Consulter son compte*: the counsellor opened the candidate's account page."""
    journal.record(actor, journal.Action.ACCOUNT_VIEWED, dossier=dossier, obj=dossier)


def answers_consulted(*, actor: User, phase, dossier: Dossier | None = None) -> None:
    """Someone read the answers to `phase`: the candidate their own (no `dossier`), or the counsellor
    those of `dossier`'s candidate."""
    candidate = None if dossier else actor
    journal.record(actor, journal.Action.ANSWERS_VIEWED, candidate=candidate, dossier=dossier, obj=phase)


def data_exported(*, actor: User, candidate: User, dossier: Dossier | None) -> None:
    """*Mes données*: the archive of everything held about `candidate` was downloaded by `actor`."""
    journal.record(actor, journal.Action.EXPORT_DOWNLOADED, candidate=candidate, dossier=dossier)
