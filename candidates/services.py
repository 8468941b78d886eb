"""Writes on people and dossiers. Each service is one transaction and validates what it saves."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import DABM, Dossier, PhaseResponse, User


@transaction.atomic
def user_create(
    *, username: str, email: str, password: str, role: str, first_name: str = "", last_name: str = ""
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.full_clean()
    user.save()
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
    answered, _total = phase.progress(response.answers)
    response.status = PhaseResponse.Status.IN_PROGRESS if answered else PhaseResponse.Status.NOT_STARTED
    response.version += 1
    response.last_save_id = save_id
    response.full_clean()
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
