"""Querysets compiled once per process (`portal.compiled_queries`): *À suivre* read through its kept SQL
gives what a freshly built queryset gives, for other counsellors and other moments; a query whose values are
not all declared is never kept, and still answers right. And `{% pk_url %}`, the other thing long lists reuse:
the links of their rows."""

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
from django.core.paginator import Paginator
from django.db.models import DateField
from django.urls import NoReverseMatch, reverse, set_script_prefix

from candidates.alerts import selectors
from candidates.alerts.rules import RULES
from candidates.dossiers import selectors as dossier_selectors
from candidates.models import Appointment, Attestation, Dossier, PhaseResponse, Reminder
from candidates.templatetags import links
from phases.models import PhasePage
from portal.compiled_queries import CompiledOnce, numbered, probe_pks

from .factories import CandidateFactory, CounsellorFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ANNOTATIONS = (
    "is_running",
    "reminded_at",
    "last_activity",
    "next_appointment",
    "attested_minutes",
    "planned_time",
    "phases_count",
    "phases_done",
    "followup_due_on",
)


def _summary(dossiers):
    return [(d.pk, d.candidate.last_name, d.end_date, *(getattr(d, name) for name in ANNOTATIONS)) for d in dossiers]


def _caseload(counsellor, phases):
    """Three bilans of `counsellor` that differ on every rule: hours, rendez-vous, activity, reminder, an end."""
    busy = DossierFactory(counsellor=counsellor, end_date=datetime.date(2026, 11, 10))
    busy.phases.set(phases)
    start = datetime.datetime(2026, 9, 2, 9, 0, tzinfo=PARIS)
    Attestation.objects.create(
        dossier=busy,
        counsellor=counsellor,
        start=start,
        end=start + datetime.timedelta(hours=20),
        duration_minutes=20 * 60,
        reference=f"ATT-{busy.pk}",
    )
    meeting = datetime.datetime(2026, 11, 5, 14, 0, tzinfo=PARIS)
    Appointment.objects.create(
        dossier=busy, counsellor=counsellor, start=meeting, end=meeting + datetime.timedelta(hours=5), subject="Point"
    )
    PhaseResponse.objects.create(candidate=busy.candidate, phase=phases[0], status=PhaseResponse.Status.DONE)
    Reminder.objects.create(
        dossier=busy, counsellor=counsellor, sent_at=datetime.datetime(2026, 10, 30, 9, 0, tzinfo=PARIS)
    )
    quiet = DossierFactory(counsellor=counsellor)
    quiet.phases.set(phases[:2])
    DossierFactory(counsellor=counsellor, start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 4, 30))
    return busy, quiet


@pytest.mark.parametrize("now", [datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS), datetime.datetime.now(PARIS)])
def test_a_board_read_through_the_kept_sql_is_the_one_built_afresh(phases, now):
    first, second = CounsellorFactory(), CounsellorFactory()
    _caseload(first, phases)
    _caseload(second, phases)
    for counsellor in (first, second, CounsellorFactory()):  # the last one follows nobody
        rows = selectors.counsellor_alerts(counsellor, now=now)
        context = selectors.AlertContext(counsellor=counsellor, now=now, settings=selectors.portal_settings())
        fresh = list(selectors._followed_needing_attention((context, RULES)))
        kept = selectors._FOLLOWED_NEEDING_ATTENTION.fetch(
            (context, RULES), probe=(selectors._probe(context), RULES), shape=(RULES, "Conseiller", "Europe/Paris")
        )
        assert _summary(kept) == _summary(fresh)
        assert {row.dossier.pk for row in rows} <= {d.pk for d in fresh}
        assert all(d.counsellor_id == counsellor.pk for d in kept)
    assert selectors._FOLLOWED_NEEDING_ATTENTION.is_compiled((RULES, "Conseiller", "Europe/Paris"))


@dataclass(frozen=True)
class Day:
    today: datetime.date


def test_a_query_carrying_a_value_it_does_not_declare_is_never_kept_and_still_right():
    DossierFactory(start_date=datetime.date(2026, 9, 1))
    # The SQL carries `today - 30 days`, not `today`: the probe cannot find it, so nothing may be reused.
    query = CompiledOnce(
        lambda day: Dossier.objects.filter(start_date__lte=day.today - datetime.timedelta(days=30)),
        lambda day: {"today": (DateField(), day.today)},
    )
    probe = Day(datetime.date(2001, 2, 3))
    assert len(query.fetch(Day(datetime.date(2026, 10, 15)), probe=probe, shape="")) == 1
    assert query.fetch(Day(datetime.date(2026, 9, 15)), probe=probe, shape="") == []
    assert not query.is_compiled("")


def test_a_query_with_no_possible_row_is_empty_and_never_kept():
    query = CompiledOnce(lambda day: Dossier.objects.none(), lambda day: {"today": (DateField(), day.today)})
    assert query.fetch(Day(datetime.date(2026, 10, 15)), probe=Day(datetime.date(2001, 2, 3)), shape="") == []
    assert not query.is_compiled("")


def test_a_declared_value_is_put_in_each_call():
    DossierFactory(start_date=datetime.date(2026, 9, 1))
    query = CompiledOnce(
        lambda day: Dossier.objects.filter(start_date__lte=day.today),
        lambda day: {"today": (DateField(), day.today)},
    )
    probe = Day(datetime.date(2001, 2, 3))
    assert len(query.fetch(Day(datetime.date(2026, 10, 15)), probe=probe, shape="")) == 1
    assert query.is_compiled("")
    assert query.fetch(Day(datetime.date(2026, 8, 15)), probe=probe, shape="") == []
    assert len(query.fetch(Day(datetime.date(2026, 9, 1)), probe=probe, shape="")) == 1


def test_rows_of_values_are_replayed_for_other_lists_of_the_same_length(phases):
    first, second, third = (DossierFactory() for _ in range(3))
    first.phases.set(phases[:3])
    second.phases.set(phases[3:5])
    query = CompiledOnce(
        lambda ids: (
            Dossier.phases.through.objects.filter(dossier_id__in=ids)
            .order_by("dossier_id", "phasepage_id")
            .values_list("dossier_id", "phasepage_id")
        ),
        lambda ids: numbered("dossier", Dossier._meta.pk, ids),
    )
    flat = CompiledOnce(
        lambda ids: Dossier.objects.filter(pk__in=ids).order_by("pk").values_list("candidate_id", flat=True),
        lambda ids: numbered("dossier", Dossier._meta.pk, ids),
    )
    for ids in ([first.pk, third.pk], [second.pk, first.pk], [third.pk, third.pk]):
        fresh = list(query.build(ids))
        assert query.fetch(ids, probe=probe_pks(2), shape=2) == fresh
        assert flat.fetch(ids, probe=probe_pks(2), shape=2) == list(flat.build(ids))
    assert query.fetch([first.pk, third.pk], probe=probe_pks(2), shape=2) == [(first.pk, p.pk) for p in phases[:3]]
    assert query.is_compiled(2) and flat.is_compiled(2)


def test_progress_of_two_pages_read_through_the_kept_sql(phases):
    """`dossiers_progress` and the candidate's phase rows: every query compiled once, each call its own rows."""
    counsellor = CounsellorFactory()
    busy, quiet = DossierFactory(counsellor=counsellor), DossierFactory(counsellor=counsellor)
    busy.phases.set(phases[:4])
    quiet.phases.set(phases[:2])
    PhaseResponse.objects.create(candidate=busy.candidate, phase=phases[0], status=PhaseResponse.Status.DONE)
    PhaseResponse.objects.create(candidate=busy.candidate, phase=phases[1], status=PhaseResponse.Status.IN_PROGRESS)
    for _ in range(2):  # the second time through the kept SQL
        progress = dossier_selectors.dossiers_progress([busy])
        assert (progress[busy.pk].phases, progress[busy.pk].done) == (4, 1)
        progress = dossier_selectors.dossiers_progress([quiet])
        assert (progress[quiet.pk].phases, progress[quiet.pk].done) == (2, 0)
        rows = dossier_selectors.candidate_phase_rows(busy.candidate)
        assert [(row.phase.pk, row.status) for row in rows] == [
            (phases[0].pk, PhaseResponse.Status.DONE),
            (phases[1].pk, PhaseResponse.Status.IN_PROGRESS),
            (phases[2].pk, PhaseResponse.Status.NOT_STARTED),
            (phases[3].pk, PhaseResponse.Status.NOT_STARTED),
        ]
        assert [row.total for row in rows] == [len(phase.question_children) for phase in phases[:4]]
        assert [row.phase.pk for row in dossier_selectors.candidate_phase_rows(quiet.candidate)] == [
            phase.pk for phase in phases[:2]
        ]
    assert dossier_selectors._PHASE_LINKS.is_compiled(1)
    live = tuple(sorted(PhasePage.live_structures()))
    assert dossier_selectors._RESPONSE_ROWS.is_compiled((1, live))  # a dossier's progress
    assert dossier_selectors._RESPONSE_ROWS.is_compiled((1, tuple(sorted(phase.pk for phase in phases[:4]))))
    assert PhasePage.live_structures().keys() >= {phase.pk for phase in phases}


@pytest.mark.parametrize(
    ("search", "number"),
    [
        ("", None),
        ("", "2"),
        ("", "9"),
        ("", "0"),
        ("", "deux"),
        ("MAR", None),
        ("mar tin", "1"),
        ("50%", None),
        ("a_b", None),
        ("\\", None),
        ("zzz", None),
    ],
)
def test_a_page_of_dossiers_read_through_the_kept_sql_is_the_one_paginated_afresh(search, number):
    counsellor, other = CounsellorFactory(), CounsellorFactory()
    names = ["MARTIN", "MARCEAU", "DUPONT", "50% MARTIN", "A_B", "AXB", "BACK\\SLASH"]
    for index in range(23):
        DossierFactory(counsellor=counsellor, candidate__last_name=names[index % len(names)])
        DossierFactory(counsellor=other, candidate__last_name=names[index % len(names)])
    for person in (counsellor, other, counsellor):  # the later ones through the kept SQL
        fresh = Paginator(dossier_selectors.counsellor_dossiers(person, search), 20).get_page(number)
        page = dossier_selectors.counsellor_dossiers_page(person, search, number)
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (
            fresh.number,
            fresh.paginator.count,
            fresh.paginator.num_pages,
        )
        assert [(d.pk, d.candidate.last_name, d.attested_minutes, d.last_activity) for d in page] == [
            (d.pk, d.candidate.last_name, d.attested_minutes, d.last_activity) for d in fresh
        ]
    words = len(search.split())
    assert dossier_selectors._DOSSIERS_COUNT.is_compiled((True, words))
    if fresh.paginator.count:
        window = (fresh.start_index() - 1, fresh.end_index())
        assert dossier_selectors._DOSSIERS_WINDOW.is_compiled((True, words, *window))


def test_the_layouts_settings_and_legal_links_are_read_through_the_kept_sql_and_stay_current(client, counsellor):
    from candidates import portal_settings
    from home.templatetags import legal_pages

    portal_settings.PortalSettings.objects.all().delete()
    created = portal_settings.portal_settings()  # none yet: created as Wagtail creates it
    assert portal_settings.portal_settings().pk == created.pk
    created.academie_name = "Académie de Test"
    created.save()
    client.force_login(counsellor)
    assert "Académie de Test" in client.get("/").content.decode()
    assert portal_settings._THE_ROW.is_compiled(())
    assert legal_pages.legal_page_links() == legal_pages.legal_page_links()
    assert legal_pages._LEGAL_PAGES.is_compiled(())


# `{% pk_url %}`: the links of long lists, their URL's two halves found once --------------------------------


@pytest.mark.parametrize("name", ["dossiers:candidate", "dossiers:candidate_delete", "synthesis_docx", "alerts:remind"])
@pytest.mark.parametrize("pk", [1, 7, 42, 987654321])
def test_a_row_link_is_the_url_django_reverses(name, pk):
    assert links.pk_url(name, pk) == reverse(name, args=[pk])


def test_a_row_link_follows_the_script_prefix():
    set_script_prefix("/portail/")
    try:
        assert links.pk_url("dossiers:candidate", 12) == "/portail/conseiller/candidats/12/"
    finally:
        set_script_prefix("/")
    assert links.pk_url("dossiers:candidate", 12) == "/conseiller/candidats/12/"


def test_a_row_link_with_no_whole_number_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        links.pk_url("dossiers:candidate", "12/../../admin")


@pytest.mark.parametrize("name", ["dashboard", "accounts:account", "accounts:logout", "wagtailadmin_home", "support"])
def test_a_fixed_link_is_the_url_django_reverses_and_follows_the_script_prefix(name):
    assert links.fixed_url(name) == reverse(name)
    set_script_prefix("/portail/")
    try:
        assert links.fixed_url(name) == reverse(name)
        assert links.fixed_url(name).startswith("/portail/")
    finally:
        set_script_prefix("/")


def test_a_role_read_through_the_kept_sql_is_each_persons_own_and_follows_their_groups():
    from candidates import access
    from candidates.accounts.models import User

    counsellor, candidate, nobody = CounsellorFactory(), CandidateFactory(), UserFactory()
    for _ in range(2):  # the second time through the kept SQL
        assert [access.role_of(User.objects.get(pk=person.pk)) for person in (counsellor, candidate, nobody)] == [
            access.CONSEILLER,
            access.CANDIDAT,
            None,
        ]
    assert access._GROUP_NAMES.is_compiled(())
    counsellor.groups.clear()
    access.grant_role(nobody, access.CONSEILLER)
    assert access.role_of(User.objects.get(pk=counsellor.pk)) is None
    assert access.role_of(User.objects.get(pk=nobody.pk)) == access.CONSEILLER
    assert access.role_of(User(username="pas-encore-enregistre")) is None


def test_a_candidates_phase_and_answers_read_through_the_kept_sql_are_their_own(phases):
    from django.http import Http404

    first, second = DossierFactory(), DossierFactory()
    first.phases.set(phases[:2])
    second.phases.set(phases[1:3])
    PhaseResponse.objects.create(candidate=first.candidate, phase=phases[1], answers={"a": "premier"})
    PhaseResponse.objects.create(candidate=second.candidate, phase=phases[1], answers={"a": "second"})
    for _ in range(2):  # the second time through the kept SQL
        assert dossier_selectors.candidate_phase(first.candidate, phases[0].slug) == phases[0]
        with pytest.raises(Http404):
            dossier_selectors.candidate_phase(second.candidate, phases[0].slug)  # not in their bilan
        with pytest.raises(Http404):
            dossier_selectors.candidate_phase(first.candidate, "pas-une-phase")
        for dossier, text in ((first, "premier"), (second, "second")):
            phase = dossier_selectors.candidate_phase(dossier.candidate, phases[1].slug)
            assert dossier_selectors.candidate_response(dossier.candidate, phase).answers == {"a": text}
        unsaved = dossier_selectors.candidate_response(second.candidate, phases[2])
        assert (unsaved.pk, unsaved.answers, unsaved.candidate) == (None, {}, second.candidate)
    assert dossier_selectors._PHASE_OF_CANDIDATE.is_compiled(())
    assert dossier_selectors._RESPONSE_OF_CANDIDATE.is_compiled(())
