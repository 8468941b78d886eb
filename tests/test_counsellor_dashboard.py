"""The counsellor's *Mon tableau de bord*: all and only their beneficiaries, searchable, paginated."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates.dossiers import services as dossier_services
from candidates.models import User
from candidates.templatetags.people import membre_depuis

from .factories import CandidateFactory, CounsellorFactory, DABMFactory

pytestmark = pytest.mark.django_db

DASHBOARD_QUERIES = 11  # 1 finds the legal pages, 1 reads the dossiers À suivre; the session is rewritten
# once a minute only (MinuteSessionMiddleware), by the first request after force_login here


def dashboard(client, **params):
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return response.content.decode()


def beneficiaries(page: str) -> str:
    """*MES BÉNÉFICIAIRES* (the page also lists, above it, the dossiers *À suivre*)."""
    return page[page.index('id="beneficiaries-title"') :]


def test_lists_all_and_only_my_beneficiaries(client, counsellor):
    mine = CandidateFactory(last_name="MARTIN", dossier__counsellor=counsellor, dossier__dabm=DABMFactory(name="NÎMES"))
    theirs = CandidateFactory(last_name="DUPONT", dossier__counsellor=CounsellorFactory())
    client.force_login(counsellor)
    page = dashboard(client)  # both sections: À suivre and Mes bénéficiaires
    assert "MARTIN" in page and "NÎMES" in page
    assert "DUPONT" not in page
    assert reverse("dossiers:candidate", args=[mine.dossier.pk]) in page
    assert reverse("dossiers:candidate", args=[theirs.dossier.pk]) not in page
    for action in ("Consulter son compte", "Supprimer son compte"):
        assert action in page


def two_months_and_two_weeks_ago() -> datetime.datetime:
    """Noon, Paris time, two calendar months before the day 15 days ago (a day 29–31 taken as the 28th):
    « 2 mois 2 semaines » whatever today's date, month lengths and summer time (75 days ago was not,
    in the last Paris hour of a winter day when that day fell in summer time)."""
    day = timezone.localdate() - datetime.timedelta(days=15)
    year, month = divmod(day.year * 12 + day.month - 1 - 2, 12)
    joined = datetime.date(year, month + 1, min(day.day, 28))
    return timezone.make_aware(datetime.datetime.combine(joined, datetime.time(12)))


def test_row_shows_modalites_dates_membership_progress_and_activity(client, counsellor, phases):
    candidate = CandidateFactory(dossier__counsellor=counsellor, dossier__remote=True, dossier__on_site=True)
    User.objects.filter(pk=candidate.pk).update(date_joined=two_months_and_two_weeks_ago())
    candidate.dossier.phases.set(phases[:2])
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={}, version=0)
    response = dossier_services.response_save(
        candidate=candidate, phase=phases[0], answers={phases[0].question_children[0].id: "Une réponse"}, version=1
    )
    client.force_login(counsellor)
    page = dashboard(client)
    assert "Mixte (à distance et présentiel)" in page
    assert "01/09/2026 – 31/12/2026" in page
    assert "2 mois 2 semaines" in page
    assert "0 / 2 phases terminée" in page
    assert timezone.localtime(response.updated_at).strftime("%d/%m/%Y %H:%M") in page


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "aujourd'hui"), (3, "3 jours"), (21, "3 semaines"), (4 * 365 + 2, "4 années")],
)
def test_membre_depuis_speaks_french(days, expected):
    """Counted in days of the calendar in Paris: created at noon, `days` days ago (0: today, at noon)."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    since = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    assert membre_depuis(since) == expected


@pytest.mark.parametrize("query", ["bern", "LUCAS", "personne", "@exemple"])
def test_search_by_name_username_or_email(client, counsellor, candidate, query):
    CandidateFactory(
        first_name="Zoé", last_name="ZZZ", username="autre", email="z@ailleurs.org", dossier__counsellor=counsellor
    )
    client.force_login(counsellor)
    page = beneficiaries(dashboard(client, q=query))
    assert "BERNARD" in page
    if query != "personne":
        assert "ZZZ" not in page


def test_search_without_result_says_so(client, counsellor, candidate):
    client.force_login(counsellor)
    assert "Aucun bénéficiaire ne correspond à « inconnu »" in dashboard(client, q="inconnu")


def test_empty_dashboard_says_what_to_do(client, counsellor):
    client.force_login(counsellor)
    page = dashboard(client)
    assert "Vous ne suivez encore aucun bénéficiaire" in page
    assert reverse("dossiers:candidate_add") in page


def test_pagination_with_the_guide_labels(client, counsellor):
    for index in range(45):
        CandidateFactory(last_name=f"NOM{index:02d}", dossier__counsellor=counsellor)
    client.force_login(counsellor)
    first = beneficiaries(dashboard(client))
    for label in (">Premier<", ">Précédent<", ">Suivant<", ">Dernier<"):
        assert label in first
    assert "NOM00" in first and "NOM20" not in first
    assert 'href="?page=3"' in first
    last = beneficiaries(dashboard(client, page=3))
    assert "NOM44" in last and "NOM00" not in last
    searched = dashboard(client, q="NOM")
    assert 'href="?q=NOM&amp;page=2"' in searched


def test_dashboard_queries_do_not_grow_with_beneficiaries(client, counsellor, phases, settings_row):
    dabm = DABMFactory(name="MENDE")
    for index in range(200):
        candidate = CandidateFactory(dossier__counsellor=counsellor, dossier__dabm=dabm)
        candidate.dossier.phases.set(phases)
        if index % 10 == 0:
            dossier_services.response_save(candidate=candidate, phase=phases[0], answers={}, version=0)
    client.force_login(counsellor)
    dashboard(client)  # writes the session, rewritten then once a minute only
    counts = set()
    for page in (1, 5, 10):
        with CaptureQueriesContext(connection) as queries:
            dashboard(client, page=page)
        counts.add(len(queries))
    with CaptureQueriesContext(connection) as queries:
        dashboard(client, q="personne")
    counts.add(len(queries))
    assert counts == {DASHBOARD_QUERIES}
