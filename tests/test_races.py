"""Two requests at the same instant, in two threads with their own database connections, as two
browser tabs (or a double click) would send them: the loser gets the form or a 409, never a 500.

SQLite queues writers (`transaction_mode` IMMEDIATE); PostgreSQL's unique index decides, and the
service names the field that was taken."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from candidates.models import PhaseResponse, User

from .factories import CandidateFactory, CounsellorFactory, DABMFactory
from .phase_builders import every_type_phase
from .test_candidate_form import add_form_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROUNDS = 4


def at_once(*requests):
    """Run each `request()` in its own thread, released together; their responses, in order."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait()
            results[index] = request()
        except Exception as error:  # noqa: BLE001 - a 500 in the test client is raised: report it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_same_new_candidate_submitted_twice_at_once_is_created_once(bilan):
    counsellor = CounsellorFactory()
    dabm = DABMFactory(name="NÎMES")
    tabs = [logged_in(counsellor), logged_in(counsellor)]
    for round_ in range(ROUNDS):
        data = add_form_data(counsellor, dabm, [bilan.get_children().first()])
        data |= {"email": f"double{round_}@exemple.fr", "username": f"double.clic{round_}", "last_name": "Double"}
        first, second = at_once(
            *(lambda tab=tab, data=data: tab.post(reverse("dossiers:candidate_add"), data) for tab in tabs)
        )
        for result in (first, second):
            assert not isinstance(result, Exception), repr(result)
        assert sorted([first.status_code, second.status_code]) == [302, 400]
        loser = first if first.status_code == 400 else second
        assert "Ce nom d&#x27;utilisateur est déjà pris." in loser.content.decode()
        assert loser.context["form"]["last_name"].value() == "Double"  # what was typed is kept
        assert User.objects.filter(username=data["username"]).count() == 1


def test_two_tabs_autosaving_the_same_version_one_saves_the_other_is_told(bilan):
    candidate = CandidateFactory()
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    tabs = [logged_in(candidate), logged_in(candidate)]
    url = reverse("dossiers:phase_autosave", args=[phase.slug])
    for version in range(ROUNDS):
        texts = (f"onglet A {version}", f"onglet B {version}")
        posts = [
            lambda tab=tab, post={"short": text, "version": str(version), "save_id": f"{tab_id}-{version}"}: tab.post(
                url, post
            )
            for tab, tab_id, text in zip(tabs, "ab", texts, strict=True)
        ]
        results = at_once(*posts)
        for result in results:
            assert not isinstance(result, Exception), repr(result)
        assert sorted(result.status_code for result in results) == [200, 409]
        winner = texts[[result.status_code for result in results].index(200)]
        loser = next(result for result in results if result.status_code == 409)
        assert "modifiées ailleurs" in loser.json()["error"]
        response = PhaseResponse.objects.get(candidate=candidate, phase=phase)
        assert response.version == version + 1
        assert response.answers["short"] == winner
