"""Every page of the benchmark (bench/scenario.py) costs the same number of SQL queries whatever the
number of candidates: measured on data from the generator (bench/data.py, realistic answers, attestations,
rendez-vous, comments) with 3 candidates, then with 30 (one counsellor: one page of the dashboard, then two).

The counts are pinned: a change shows here first. The session is rewritten once a minute, not on each
request (candidates.accounts.middleware.MinuteSessionMiddleware: 3 queries then, not counted here); the
access journal adds one INSERT on pages that read a candidate's data;
the footer of every screen reads its legal pages (one query, home/templatetags/legal_pages.py); the header
and footer read the portal's Paramètres (one query, cached on the request: portal.context_processors)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import data, scenario
from candidates.models import PhaseResponse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]

PINNED = {
    "floor": 2,
    "floor_layout": 5,
    "login_form": 2,
    "login": 13,
    "counsellor_dashboard_first": 11,  # + À suivre (candidates/alerts)
    "counsellor_dashboard_last": 11,
    "counsellor_search": 11,
    "candidate_dashboard": 11,  # + the published synthèse, the appreciation and the follow-up to answer
    "phase": 8,
    "autosave": 10,
    "candidate_account": 16,  # + the ROME answers, the dismissed suggestions, the follow-up and appreciation
    "attestation_pdf": 5,  # no settings query: the PDF shows what it was issued with (Attestation.issued_with)
    "synthesis_docx": 13,  # one for the dates of what editors retired (PublishedPart), one for the consents
}


def query_counts() -> tuple[dict, dict]:
    pages, facts = scenario.scenario()
    counts = {}
    for page in pages:
        page.call()  # the steady state: the first call may create the portal's settings row
        with CaptureQueriesContext(connection) as queries:
            page.call()
        counts[page.key] = len(queries)
    return counts, facts


def test_every_page_costs_the_same_queries_with_3_or_30_candidates(bilan):
    data.generate(3)
    small, small_facts = query_counts()
    data.generate(27, first=4)
    large, large_facts = query_counts()

    assert (small_facts["counsellor_dossiers"], large_facts["counsellor_dossiers"]) == (3, 30)
    assert small == large
    assert large == PINNED


def test_generated_data_is_consistent(bilan, phases):
    counts = data.generate(4)
    assert counts["candidates"] == 4 and counts["phase_responses"] == 4 * len(phases)
    assert data.existing_candidates() == 4
    by_pk = {phase.pk: phase for phase in phases}
    for response in PhaseResponse.objects.all():
        phase = by_pk[response.phase_id]
        assert response.answered == phase.progress(response.answers)[0]
        assert response.answered_for == phase.structure.digest
        if response.status == PhaseResponse.Status.DONE:
            assert phase.missing_required(response.answers) == []
    first = PhaseResponse.objects.filter(candidate__username=data.candidate_username(1))
    assert set(first.values_list("status", flat=True)) == {PhaseResponse.Status.DONE}
