"""Writes on people and dossiers. Each service is one transaction and validates what it saves."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import journal, roles, selectors, uploads
from .models import (
    DABM,
    Appointment,
    Attestation,
    CalendarFeed,
    Comment,
    Dossier,
    PhaseResponse,
    PrivateFile,
    Synthesis,
    SynthesisNote,
    User,
)


def _save_account(user: User) -> None:
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
    _save_account(user)
    user.groups.add(Group.objects.get(name=role))
    return user


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
        return response
    if response.version != version:
        raise StaleVersion(response.version)
    if response.status == PhaseResponse.Status.DONE:
        raise PhaseFinished
    response.answers = {**response.answers, **answers}
    answered = response.recount(phase)
    response.status = PhaseResponse.Status.IN_PROGRESS if answered else PhaseResponse.Status.NOT_STARTED
    response.version += 1
    response.last_save_id = save_id
    # The row is locked and its candidate and phase were just read: check the values, without querying
    # again for the relations and the uniqueness (three queries on each autosave).
    response.full_clean(exclude=["candidate", "phase"], validate_unique=False, validate_constraints=False)
    response.save()
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


# Counsellor follow-up --------------------------------------------------------------------------


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


@transaction.atomic
def response_erase(*, actor: User, dossier: Dossier, phase) -> None:
    """*Supprimer* a phase's content: the candidate starts it again. The version moves on, so a page
    the candidate still has open cannot silently write the old answers back."""
    response = PhaseResponse.objects.select_for_update().filter(candidate=dossier.candidate, phase=phase).first()
    if response is not None:
        response.answers = {}
        response.recount(phase)
        response.status = PhaseResponse.Status.NOT_STARTED
        response.completed_at = None
        response.version += 1
        response.last_save_id = ""
        response.save()
    journal.record(actor, journal.Action.PHASE_ERASED, dossier=dossier, obj=phase)


@transaction.atomic
def candidate_delete(*, actor: User, dossier: Dossier) -> None:
    """*Supprimer son compte*: the account and everything of the candidate, in one transaction.
    The journal keeps who deleted which dossier and when, not what it held."""
    candidate = dossier.candidate
    stored_files = (
        [candidate.avatar]
        + [synthesis.published_file for synthesis in Synthesis.objects.filter(dossier=dossier)]
        + [private.file for private in PrivateFile.objects.filter(owner=candidate)]
    )
    journal.record(actor, journal.Action.CANDIDATE_DELETED, dossier=dossier, obj=dossier, detail=f"DABM {dossier.dabm}")
    candidate.delete()
    for stored in stored_files:
        if stored.name:
            transaction.on_commit(lambda storage=stored.storage, name=stored.name: storage.delete(name))


@transaction.atomic
def user_set_notifications(*, user: User, notify_comments: bool) -> None:
    user.notify_comments = notify_comments
    user.save(update_fields=["notify_comments"])


@transaction.atomic
def candidate_create(
    *,
    email: str,
    username: str,
    password: str,
    is_active: bool,
    first_name: str,
    last_name: str,
    phone: str,
    avatar: File | None,
    dabm: DABM,
    remote: bool,
    on_site: bool,
    counsellor: User,
    start_date: datetime.date,
    end_date: datetime.date,
    phases,
) -> Dossier:
    """A candidate's account (role Candidat) and dossier. Notifying them is the caller's job, after commit."""
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, is_active=is_active)
    user.set_password(password)
    if avatar:
        user.avatar = avatar
    _save_account(user)
    user.groups.add(Group.objects.get(name=roles.CANDIDAT))
    dossier = dossier_create(
        candidate=user,
        counsellor=counsellor,
        dabm=dabm,
        start_date=start_date,
        end_date=end_date,
        remote=remote,
        on_site=on_site,
        phone=phone,
    )
    dossier.phases.set(phases)
    return dossier


@transaction.atomic
def candidate_update(
    *,
    actor: User,
    dossier: Dossier,
    email: str,
    username: str,
    password: str | None = None,
    is_active: bool,
    first_name: str,
    last_name: str,
    phone: str,
    avatar: File | None = None,
    dabm: DABM,
    remote: bool,
    on_site: bool,
    counsellor: User,
    start_date: datetime.date,
    end_date: datetime.date,
    phases,
) -> Dossier:
    """Save a candidate's account and dossier. No password (or no avatar) keeps the current one.
    A change of e-mail, activation or password is journalled as such (`actor` made it)."""
    user = dossier.candidate
    old_avatar = user.avatar.name
    before = journal.account_snapshot(user)
    user.email, user.username, user.is_active = email, username, is_active
    user.first_name, user.last_name = first_name, last_name
    if password:
        user.set_password(password)
    if avatar:
        user.avatar = avatar
    _save_account(user)
    user.groups.add(Group.objects.get(name=roles.CANDIDAT))
    journal.record_account_change(actor, user, before)

    dossier.phone, dossier.dabm, dossier.counsellor = phone, dabm, counsellor
    dossier.remote, dossier.on_site = remote, on_site
    dossier.start_date, dossier.end_date = start_date, end_date
    dossier.full_clean()
    dossier.save()
    dossier.phases.set(phases)
    if avatar and old_avatar:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return dossier


# Attestations de présence ---------------------------------------------------------------------


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
    return attestation


@transaction.atomic
def attestation_update(
    *, attestation: Attestation, dossier: Dossier, start, end, over_cap: bool = False
) -> Attestation:
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    attestation.dossier, attestation.start, attestation.end, attestation.over_cap = dossier, start, end, over_cap
    attestation.full_clean()
    attestation.save()
    return attestation


@transaction.atomic
def attestation_delete(*, attestation: Attestation) -> None:
    attestation.delete()


# Document de synthèse --------------------------------------------------------------------------


@transaction.atomic
def synthesis_publish(*, dossier: Dossier, document: bytes) -> Synthesis:
    """Freeze the synthèse: the .docx as generated now is stored, with today's date. Publishing
    again replaces the stored document (the observations stay)."""
    synthesis, _created = Synthesis.objects.select_for_update().get_or_create(dossier=dossier)
    previous = synthesis.published_file.name
    synthesis.published_file.save("synthese.docx", ContentFile(document), save=False)
    synthesis.published_at = timezone.now()
    synthesis.full_clean()
    synthesis.save()
    if previous:
        storage = synthesis.published_file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return synthesis


@transaction.atomic
def synthesis_observe(*, dossier: Dossier, observations: str) -> Synthesis:
    """The beneficiary's observations on their published synthèse (Code du travail R6313-8)."""
    synthesis = Synthesis.objects.select_for_update().filter(dossier=dossier, published_at__isnull=False).first()
    if synthesis is None:
        raise ValidationError(_("Votre synthèse n'est pas encore publiée."))
    synthesis.observations = observations.strip()
    synthesis.observations_at = timezone.now()
    synthesis.full_clean()
    synthesis.save()
    return synthesis


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
    _save_account(user)
    journal.record_account_change(user, user, before)
    if phone is not None and hasattr(user, "dossier"):
        Dossier.objects.filter(pk=user.dossier.pk).update(phone=phone)
    if old_avatar and old_avatar != user.avatar.name:
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return user


# Agenda (rendez-vous) --------------------------------------------------------------------------


def _appointment_default_place(dossier: Dossier) -> str:
    """*Présentiel* without a place: the DABM's name and address, on one line."""
    dabm = dossier.dabm
    lines = [line.strip() for line in (dabm.address or dabm.city or "").splitlines() if line.strip()]
    return ", ".join([dabm.name, *lines])[:255]


def _appointment_check(appointment: Appointment, *, counsellor: User) -> None:
    """The rules of a rendez-vous, each named next to its field; then the model's own checks."""
    errors = {}
    start, end, dossier = appointment.start, appointment.end, appointment.dossier
    if start and end:
        if end <= start:
            errors["end"] = _("La fin du rendez-vous doit être après son début.")
        elif timezone.localtime(start).date() != timezone.localtime(end).date():
            errors["end"] = _("Un rendez-vous commence et finit le même jour.")
    if dossier.counsellor_id != counsellor.pk:
        errors["dossier"] = _("Ce candidat n'est pas l'un des vôtres.")
    if appointment.modality == Appointment.Modality.REMOTE and not appointment.meeting_link.strip():
        errors["meeting_link"] = _("Indiquez le lien de la visioconférence d'un rendez-vous à distance.")
    if appointment.phase_id and not dossier.phases.filter(pk=appointment.phase_id).exists():
        errors["phase"] = _("Cette phase ne fait pas partie de la modularisation du candidat.")
    if errors:
        raise ValidationError(errors)
    if appointment.modality == Appointment.Modality.ON_SITE and not appointment.place.strip():
        appointment.place = _appointment_default_place(dossier)
    appointment.full_clean()


@transaction.atomic
def appointment_create(
    *,
    counsellor: User,
    dossier: Dossier,
    start: datetime.datetime,
    end: datetime.datetime,
    modality: str,
    meeting_link: str = "",
    place: str = "",
    subject: str,
    phase=None,
    notes: str = "",
) -> Appointment:
    """A new rendez-vous with one of the counsellor's candidates. Notifying them is the caller's job."""
    appointment = Appointment(
        counsellor=counsellor,
        dossier=dossier,
        start=start,
        end=end,
        modality=modality,
        meeting_link=meeting_link.strip(),
        place=place.strip(),
        subject=subject.strip(),
        phase=phase,
        notes=notes.strip(),
    )
    _appointment_check(appointment, counsellor=counsellor)
    appointment.save()
    return appointment


@transaction.atomic
def appointment_update(
    *,
    appointment: Appointment,
    start: datetime.datetime,
    end: datetime.datetime,
    modality: str,
    meeting_link: str = "",
    place: str = "",
    subject: str,
    phase=None,
    notes: str = "",
) -> Appointment:
    """*Modifier* (or move) a rendez-vous; calendars learn of the change through its SEQUENCE."""
    if appointment.cancelled_at:
        raise ValidationError(_("Ce rendez-vous est annulé : il ne peut plus être modifié."))
    appointment.start, appointment.end, appointment.modality = start, end, modality
    appointment.meeting_link, appointment.place = meeting_link.strip(), place.strip()
    appointment.subject, appointment.phase, appointment.notes = subject.strip(), phase, notes.strip()
    _appointment_check(appointment, counsellor=appointment.dossier.counsellor)
    appointment.sequence += 1
    appointment.save()
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    """*Annuler le rendez-vous*: it stays in the agendas, marked *Annulé*."""
    if appointment.cancelled_at:
        return appointment
    appointment.cancelled_at = timezone.now()
    appointment.sequence += 1
    appointment.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    return appointment


@transaction.atomic
def calendar_feed_token(*, user: User) -> CalendarFeed:
    """The person's private subscription address, created on first request."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user, token=secrets.token_urlsafe(32))
        feed.full_clean()
        feed.save()
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    """The old address stops working at once; a new one may be created later."""
    CalendarFeed.objects.filter(user=user).delete()


# Mes fichiers ----------------------------------------------------------------------------------


@transaction.atomic
def file_upload(*, owner: User, uploaded_by: User, uploaded) -> PrivateFile:
    """Put a file in `owner`'s folder: checked by its content, within the per-file limit and the folder's
    quota (counted while the owner's row is locked, so two uploads at once cannot both squeeze in).
    The stored name is generated by the server; the original name is kept, cleaned, for display."""
    content_type = uploads.check_upload(uploaded)
    User.objects.select_for_update().filter(pk=owner.pk).first()
    if selectors.folder_used_bytes(owner) + uploaded.size > settings.PRIVATE_FOLDER_QUOTA_BYTES:
        raise ValidationError(uploads.folder_full_message(), code="folder_full")
    private_file = PrivateFile(
        owner=owner,
        uploaded_by=uploaded_by,
        original_name=uploads.clean_name(uploaded.name),
        content_type=content_type,
        size=uploaded.size,
    )
    private_file.full_clean(exclude=["file"])
    uploaded.seek(0)
    private_file.file.save("upload", uploaded, save=False)
    stored_name, storage = private_file.file.name, private_file.file.storage
    try:
        private_file.full_clean()
        private_file.save()
    except Exception:
        storage.delete(stored_name)
        raise
    return private_file


@transaction.atomic
def file_delete(*, private_file: PrivateFile) -> None:
    """Delete the file's row now and its stored content once that is committed."""
    stored_name, storage = private_file.file.name, private_file.file.storage
    private_file.delete()
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))


@transaction.atomic
def counsellor_create(
    *, username: str, email: str, first_name: str, last_name: str, dabm: DABM | None = None
) -> User:
    """A counsellor's account (role Conseiller) with a random password they never see: they choose
    their own through the e-mailed link. Notifying them is the caller's job, after commit."""
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, dabm=dabm)
    user.set_password(secrets.token_urlsafe(32))
    _save_account(user)
    user.groups.add(Group.objects.get(name=roles.CONSEILLER))
    return user



@transaction.atomic
def synthesis_consent(*, dossier: Dossier, keep: bool) -> None:
    """The beneficiary's choice: keep the synthèse one year after the bilan, or not (R6313-8)."""
    Dossier.objects.filter(pk=dossier.pk).update(keep_synthesis=keep)
