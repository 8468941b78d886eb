"""Closing a bilan: its end date becomes the day it was closed, how it ended is kept, and it is journalled."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from candidates.dossiers import services
from candidates.journal.models import AuditEvent
from candidates.models import Dossier

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db

CLOSING_DAY = datetime.date(2026, 11, 20)


def test_a_bilan_closed_as_abandoned_ends_that_day_and_is_counted_as_abandoned():
    dossier = CandidateFactory().dossier
    services.dossier_close(
        actor=dossier.counsellor, dossier=dossier, outcome=Dossier.Outcome.ABANDONED, today=CLOSING_DAY
    )
    dossier.refresh_from_db()
    assert (dossier.closed_on, dossier.end_date) == (CLOSING_DAY, CLOSING_DAY)
    assert not dossier.is_in_progress(CLOSING_DAY + datetime.timedelta(days=1))
    assert list(Dossier.objects.abandoned()) == [dossier]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOSSIER_CLOSED)
    assert (event.dossier_id, event.actor, event.detail) == (dossier.pk, dossier.counsellor, "Bilan abandonné")


def test_closing_after_the_planned_end_keeps_the_planned_end_date():
    dossier = CandidateFactory().dossier
    services.dossier_close(
        actor=dossier.counsellor,
        dossier=dossier,
        outcome=Dossier.Outcome.COMPLETED,
        today=dossier.end_date + datetime.timedelta(days=10),
    )
    dossier.refresh_from_db()
    assert dossier.end_date == datetime.date(2026, 12, 31) and not Dossier.objects.abandoned().exists()


@pytest.mark.parametrize(
    ("outcome", "today", "message"),
    [
        ("", CLOSING_DAY, "Choisissez comment le bilan s'est terminé."),
        ("n'importe quoi", CLOSING_DAY, "Choisissez comment le bilan s'est terminé."),
        (Dossier.Outcome.COMPLETED, datetime.date(2026, 8, 31), "Ce bilan n'a pas encore commencé"),
    ],
)
def test_a_closing_that_makes_no_sense_is_refused_and_changes_nothing(outcome, today, message):
    dossier = CandidateFactory().dossier
    with pytest.raises(ValidationError, match=message):
        services.dossier_close(actor=dossier.counsellor, dossier=dossier, outcome=outcome, today=today)
    dossier.refresh_from_db()
    assert (dossier.closed_on, dossier.outcome, dossier.end_date) == (None, "", datetime.date(2026, 12, 31))


def test_a_bilan_is_closed_once():
    dossier = CandidateFactory().dossier
    close = {"actor": dossier.counsellor, "outcome": Dossier.Outcome.COMPLETED, "today": CLOSING_DAY}
    services.dossier_close(dossier=dossier, **close)
    with pytest.raises(ValidationError, match="déjà clos"):
        services.dossier_close(dossier=dossier, **close)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOSSIER_CLOSED).count() == 1
