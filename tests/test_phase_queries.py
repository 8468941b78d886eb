"""The candidate's dashboard and phase page cost a fixed number of queries, however big the bilan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.dossiers import services as dossier_services

pytestmark = pytest.mark.django_db

# 1 finds the legal pages, 1 the synthèse, 2 the appreciation and the follow-up to answer. Counted once the
# session is written: it is then rewritten once a minute only (MinuteSessionMiddleware), not by these requests.
DASHBOARD_QUERIES = 11
PHASE_PAGE_QUERIES = 8  # 1 journals, 1 finds the legal pages


def log_in(client, user):
    """Logged in, the session written by a first request (force_login writes no `written_at`)."""
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_phases(client, candidate, phases, settings_row):
    log_in(client, candidate)
    candidate.dossier.phases.set(phases[:1])
    small = count_queries(client, reverse("dashboard"))
    candidate.dossier.phases.set(phases)
    for phase in phases:
        dossier_services.response_save(candidate=candidate, phase=phase, answers={}, version=0)
    large = count_queries(client, reverse("dashboard"))
    assert small == large == DASHBOARD_QUERIES


def test_phase_page_queries_do_not_grow_with_questions(client, candidate, phases, settings_row):
    log_in(client, candidate)
    candidate.dossier.phases.set(phases)
    short = min(phases, key=lambda p: len(p.question_children))
    long = max(phases, key=lambda p: len(p.question_children))
    assert len(short.question_children) < len(long.question_children)
    dossier_services.response_save(candidate=candidate, phase=long, answers={}, version=0)
    counts = {count_queries(client, reverse("dossiers:phase_answer", args=[p.slug])) for p in (short, long)}
    assert counts == {PHASE_PAGE_QUERIES}
