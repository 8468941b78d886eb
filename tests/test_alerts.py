"""*À suivre* on the counsellor's dashboard: the rules, each at its edge with an injected moment, the sort by
urgency, the filter, the query count, and the extension point of a rule on ended bilans."""

import datetime
import zoneinfo

import pytest

from candidates.alerts import selectors
from candidates.alerts.rules import Urgency
from candidates.models import Appointment, Attestation, Dossier, FollowUp, PhaseResponse

from .factories import CandidateFactory, CounsellorFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS)  # bilans of the factory run 01/09–31/12/2026
TODAY = NOW.date()


def reasons(counsellor, dossier, now=NOW) -> dict[str, str]:
    """{rule key: sentence} of `dossier` in the counsellor's alerts at `now`."""
    rows = [row for row in selectors.counsellor_alerts(counsellor, now=now) if row.dossier.pk == dossier.pk]
    return {reason.rule.key: reason.text for row in rows for reason in row.reasons}


def active_on(candidate, phase, moment, status=PhaseResponse.Status.IN_PROGRESS):
    response = PhaseResponse(candidate=candidate, phase=phase, status=status)
    response.recount(phase)  # as the phase's form saves it: no stale count to read again
    response.save()
    PhaseResponse.objects.filter(pk=response.pk).update(updated_at=moment)


def plan(dossier, start, hours=2.0, **fields):
    return Appointment.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        subject="Entretien",
        **fields,
    )


def attest(dossier, minutes):
    start = datetime.datetime(2026, 9, 2, 9, 0, tzinfo=PARIS)
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        duration_minutes=minutes,
        reference=f"ATT-{dossier.pk}-{Attestation.objects.count()}",
    )


# Rule 1: no activity for N days (14) ------------------------------------------------------------------------


@pytest.mark.parametrize(("days_ago", "fires"), [(13, False), (14, True)])
def test_no_activity_since_the_last_answers_fires_from_the_nth_day(candidate, counsellor, phases, days_ago, fires):
    last = NOW - datetime.timedelta(days=days_ago, hours=2)
    active_on(candidate, phases[0], last)
    found = reasons(counsellor, candidate.dossier)
    if fires:
        assert found["inactivite"] == f"Aucune activité depuis 14 jours (dernière le {last:%d/%m/%Y})"
    else:
        assert "inactivite" not in found


@pytest.mark.parametrize(("started_days_ago", "fires"), [(13, False), (14, True)])
def test_a_candidate_who_never_answered_counts_from_the_start_of_the_bilan(
    candidate, counsellor, started_days_ago, fires
):
    start = TODAY - datetime.timedelta(days=started_days_ago)
    Dossier.objects.filter(pk=candidate.dossier.pk).update(start_date=start)
    found = reasons(counsellor, candidate.dossier)
    assert ("inactivite" in found) is fires
    if fires:
        assert found["inactivite"] == f"Aucune activité depuis le début du bilan, le {start:%d/%m/%Y}"


def test_the_inactivity_threshold_is_a_setting(candidate, counsellor, settings_row, phases):
    active_on(candidate, phases[0], NOW - datetime.timedelta(days=8))
    assert "inactivite" not in reasons(counsellor, candidate.dossier)
    settings_row.alert_inactivity_days = 7
    settings_row.save()
    assert "inactivite" in reasons(counsellor, candidate.dossier)


# Rule 2: no rendez-vous planned in the next N days (21) -----------------------------------------------------


def test_a_rendez_vous_within_the_next_21_days_keeps_the_alert_off(candidate, counsellor):
    plan(candidate.dossier, NOW + datetime.timedelta(days=21))
    assert "rendez-vous" not in reasons(counsellor, candidate.dossier)


def test_a_rendez_vous_just_after_21_days_fires_and_is_named(candidate, counsellor):
    later = NOW + datetime.timedelta(days=21, minutes=1)
    plan(candidate.dossier, later)
    assert reasons(counsellor, candidate.dossier)["rendez-vous"] == (
        f"Aucun rendez-vous prévu dans les 21 prochains jours (prochain le {later:%d/%m/%Y})"
    )


def test_past_and_cancelled_rendez_vous_do_not_count(candidate, counsellor):
    plan(candidate.dossier, NOW - datetime.timedelta(hours=3))
    plan(candidate.dossier, NOW + datetime.timedelta(days=2), cancelled_at=NOW)
    found = reasons(counsellor, candidate.dossier)
    assert found["rendez-vous"] == "Aucun rendez-vous prévu dans les 21 prochains jours"


# Rule 3: attested hours plus the rendez-vous planned until the end over 24 h --------------------------------


@pytest.mark.parametrize(("planned_hours", "fires"), [(5.0, False), (5.5, True)])
def test_attested_plus_planned_hours_over_24_fires(candidate, counsellor, planned_hours, fires):
    attest(candidate.dossier, 19 * 60)
    plan(candidate.dossier, NOW + datetime.timedelta(days=3), hours=planned_hours)
    found = reasons(counsellor, candidate.dossier)
    if fires:
        assert found["heures"] == "19 h attestées, 5 h 30 de rendez-vous prévus : 24 h 30 à la fin du bilan"
    else:
        assert "heures" not in found


def test_rendez_vous_after_the_end_cancelled_or_past_are_not_projected(candidate, counsellor):
    attest(candidate.dossier, 23 * 60)
    plan(candidate.dossier, datetime.datetime(2027, 1, 4, 9, 0, tzinfo=PARIS), hours=3)  # after 31/12/2026
    plan(candidate.dossier, NOW + datetime.timedelta(days=1), hours=3, cancelled_at=NOW)
    plan(candidate.dossier, NOW - datetime.timedelta(hours=4), hours=3)
    assert "heures" not in reasons(counsellor, candidate.dossier)
    plan(candidate.dossier, datetime.datetime(2026, 12, 31, 14, 0, tzinfo=PARIS), hours=1.5)  # the last day
    assert reasons(counsellor, candidate.dossier)["heures"] == (
        "23 h attestées, 1 h 30 de rendez-vous prévus : 24 h 30 à la fin du bilan"
    )


def test_hours_already_over_24_say_so(candidate, counsellor):
    attest(candidate.dossier, 25 * 60)
    assert reasons(counsellor, candidate.dossier)["heures"] == "25 h attestées : au-delà des 24 h"


# Rule 4: the bilan ends within N days (14) with phases not finished -----------------------------------------


@pytest.mark.parametrize(("days_left", "fires"), [(15, False), (14, True), (0, True)])
def test_ending_within_14_days_with_phases_left_fires(candidate, counsellor, phases, days_left, fires):
    end = TODAY + datetime.timedelta(days=days_left)
    Dossier.objects.filter(pk=candidate.dossier.pk).update(end_date=end)
    candidate.dossier.phases.set(phases[:4])
    active_on(candidate, phases[0], NOW, status=PhaseResponse.Status.DONE)
    found = reasons(counsellor, candidate.dossier)
    if fires:
        assert found["fin"] == f"3 phases non terminées, fin le {end:%d/%m/%Y}"
    else:
        assert "fin" not in found


def test_ending_soon_with_every_phase_done_is_fine(candidate, counsellor, phases):
    Dossier.objects.filter(pk=candidate.dossier.pk).update(end_date=TODAY + datetime.timedelta(days=3))
    candidate.dossier.phases.set(phases[:2])
    for phase in phases[:2]:
        active_on(candidate, phase, NOW, status=PhaseResponse.Status.DONE)
    assert "fin" not in reasons(counsellor, candidate.dossier)
    PhaseResponse.objects.filter(phase=phases[1]).update(status=PhaseResponse.Status.IN_PROGRESS)
    assert reasons(counsellor, candidate.dossier)["fin"].startswith("1 phase non terminée, fin le ")


# Which dossiers, in which order ------------------------------------------------------------------------------


def test_only_my_running_bilans(counsellor):
    not_started = CandidateFactory(dossier__counsellor=counsellor, dossier__start_date=TODAY + datetime.timedelta(1))
    ended = CandidateFactory(dossier__counsellor=counsellor, dossier__end_date=TODAY - datetime.timedelta(1))
    closed = CandidateFactory(dossier__counsellor=counsellor)
    Dossier.objects.filter(pk=closed.dossier.pk).update(closed_on=TODAY, end_date=TODAY)
    running = CandidateFactory(dossier__counsellor=counsellor)
    CandidateFactory(dossier__counsellor=CounsellorFactory())  # someone else's, equally idle
    rows = selectors.counsellor_alerts(counsellor, now=NOW)
    assert [row.dossier.pk for row in rows] == [running.dossier.pk]
    assert {not_started.pk, ended.pk, closed.pk}.isdisjoint(row.dossier.candidate_id for row in rows)


def test_rows_are_sorted_by_urgency_then_number_of_reasons(counsellor, phases):
    only_no_appointment = CandidateFactory(last_name="AUBERT", dossier__counsellor=counsellor)
    active_on(only_no_appointment, phases[0], NOW)
    CandidateFactory(last_name="BLANC", dossier__counsellor=counsellor)  # idle and no rendez-vous
    idle_with_appointment = CandidateFactory(last_name="CARON", dossier__counsellor=counsellor)
    plan(idle_with_appointment.dossier, NOW + datetime.timedelta(days=1))
    ending = CandidateFactory(last_name="DURAND", dossier__counsellor=counsellor)
    Dossier.objects.filter(pk=ending.dossier.pk).update(end_date=TODAY + datetime.timedelta(days=5))
    ending.dossier.phases.set(phases[:2])
    active_on(ending, phases[0], NOW)
    plan(ending.dossier, NOW + datetime.timedelta(days=1))

    rows = selectors.counsellor_alerts(counsellor, now=NOW)

    assert [row.dossier.candidate.last_name for row in rows] == ["DURAND", "BLANC", "CARON", "AUBERT"]
    assert [row.urgency for row in rows] == [Urgency.HIGH, Urgency.MEDIUM, Urgency.MEDIUM, Urgency.LOW]
    assert [reason.rule.key for reason in rows[1].reasons] == ["inactivite", "rendez-vous"]


def test_alerts_cost_the_same_queries_for_3_or_30_dossiers(counsellor, phases, settings_row, django_assert_num_queries):
    def make(count):
        for _number in range(count):
            end = TODAY + datetime.timedelta(days=3)
            candidate = CandidateFactory(dossier__counsellor=counsellor, dossier__end_date=end)
            candidate.dossier.phases.set(phases[:3])
            active_on(candidate, phases[0], NOW - datetime.timedelta(days=20), status=PhaseResponse.Status.DONE)
            attest(candidate.dossier, 23 * 60)
            plan(candidate.dossier, NOW + datetime.timedelta(days=1))

    # One query: the dossiers with every rule's subqueries.
    assert counsellor.role  # read once per request, before the dashboard is chosen
    make(3)
    with django_assert_num_queries(1):
        small = selectors.counsellor_alerts(counsellor, now=NOW, portal=settings_row)
    make(27)
    with django_assert_num_queries(1):
        large = selectors.counsellor_alerts(counsellor, now=NOW, portal=settings_row)
    assert (len(small), len(large)) == (3, 30)
    assert {reason.rule.key for reason in large[0].reasons} == {"fin", "heures", "inactivite"}


# An ended bilan: its six-month follow-up to propose ------------------------------------------------------


def test_a_follow_up_that_has_come_is_to_propose_until_a_rendez_vous_is_planned(counsellor):
    bilan = {"dossier__counsellor": counsellor, "dossier__start_date": datetime.date(2026, 1, 5)}
    ended = CandidateFactory(**bilan, dossier__end_date=TODAY - datetime.timedelta(days=190))
    dossier = ended.dossier
    FollowUp.objects.create(dossier=dossier, dabm=dossier.dabm, counsellor=counsellor, due_on=TODAY)
    later = CandidateFactory(**bilan, dossier__end_date=TODAY - datetime.timedelta(days=10))
    FollowUp.objects.create(
        dossier=later.dossier, dabm=dossier.dabm, counsellor=counsellor, due_on=TODAY + datetime.timedelta(days=170)
    )
    rows = selectors.counsellor_alerts(counsellor, now=NOW)
    found = {row.dossier.pk: [reason.text for reason in row.reasons] for row in rows}
    assert found == {dossier.pk: [f"Suivi à six mois à proposer (prévu le {TODAY:%d/%m/%Y})"]}

    start = NOW + datetime.timedelta(days=3)
    Appointment.objects.create(
        dossier=dossier, counsellor=counsellor, start=start, end=start + datetime.timedelta(hours=1), subject="Suivi"
    )
    assert selectors.counsellor_alerts(counsellor, now=NOW) == []
