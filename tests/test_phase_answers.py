"""The candidate answers a phase: drafts, autosave, finishing, reopening, stale versions, access."""

import pytest
from django.urls import reverse

from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse

from .factories import CandidateFactory, CounsellorFactory
from .phase_builders import FULL_ANSWERS, FULL_POST, every_type_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    return phase


@pytest.fixture
def url(phase):
    return reverse("dossiers:phase_answer", args=[phase.slug])


@pytest.fixture
def autosave_url(phase):
    return reverse("dossiers:phase_autosave", args=[phase.slug])


def saved(candidate, phase):
    return PhaseResponse.objects.get(candidate=candidate, phase=phase)


def test_save_a_draft_then_find_it_again(client, candidate, phase, url):
    client.force_login(candidate)
    response = client.post(url, {**FULL_POST, "version": "0", "action": "save"})
    assert response.status_code == 302
    stored = saved(candidate, phase)
    assert stored.answers == FULL_ANSWERS
    assert stored.status == PhaseResponse.Status.IN_PROGRESS
    assert stored.version == 1
    page = client.get(url).content.decode()
    assert "Vos réponses sont enregistrées." in page
    assert "Dix ans à l&#x27;hôpital." in page
    assert 'name="version" value="1"' in page


def test_an_empty_draft_stays_not_started(client, candidate, phase, url):
    client.force_login(candidate)
    client.post(url, {"version": "0", "action": "save"})
    assert saved(candidate, phase).status == PhaseResponse.Status.NOT_STARTED


def test_invalid_answer_is_refused_next_to_the_question_and_nothing_is_lost(client, candidate, phase, url):
    client.force_login(candidate)
    response = client.post(url, {**FULL_POST, "scale__scale-0": "8", "version": "0", "action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez une note entre 1 et 5." in page
    assert "Dix ans à l&#x27;hôpital." in page
    assert not PhaseResponse.objects.filter(candidate=candidate).exists()


def test_autosave_answers_json_and_keeps_the_version_moving(client, candidate, phase, autosave_url):
    client.force_login(candidate)
    response = client.post(autosave_url, {"short": "Infirmier", "version": "0", "save_id": "a1"})
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1 and data["answered"] == 1 and data["total"] == 8
    assert len(data["saved_at"]) == 5 and data["saved_at"][2] == ":"
    assert saved(candidate, phase).answers["short"] == "Infirmier"


def test_autosave_retried_after_a_lost_reply_is_not_applied_twice(client, candidate, phase, autosave_url):
    client.force_login(candidate)
    first = client.post(autosave_url, {"short": "Infirmier", "version": "0", "save_id": "same"})
    retry = client.post(autosave_url, {"short": "Infirmier", "version": "0", "save_id": "same"})
    assert first.status_code == retry.status_code == 200
    assert retry.json()["version"] == 1
    assert saved(candidate, phase).version == 1
    assert PhaseResponse.objects.filter(candidate=candidate, phase=phase).count() == 1


def test_stale_version_is_refused_and_the_losing_text_stays_on_screen(client, candidate, phase, url):
    client.force_login(candidate)
    client.post(url, {"short": "Écrit dans l'onglet A", "version": "0", "action": "save"})
    response = client.post(url, {"short": "Écrit dans l'onglet B", "version": "0", "action": "save"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "modifiées ailleurs" in page
    assert "Écrit dans l&#x27;onglet B" in page  # the losing text is still in the form
    assert 'name="version" value="1"' in page  # saving again now replaces deliberately
    assert saved(candidate, phase).answers["short"] == "Écrit dans l'onglet A"
    again = client.post(url, {"short": "Écrit dans l'onglet B", "version": "1", "action": "save"})
    assert again.status_code == 302
    assert saved(candidate, phase).answers["short"] == "Écrit dans l'onglet B"


def test_stale_autosave_is_a_conflict(client, candidate, phase, autosave_url):
    client.force_login(candidate)
    client.post(autosave_url, {"short": "A", "version": "0", "save_id": "1"})
    response = client.post(autosave_url, {"short": "B", "version": "0", "save_id": "2"})
    assert response.status_code == 409
    assert response.json()["version"] == 1
    assert saved(candidate, phase).answers["short"] == "A"


def test_finishing_names_each_missing_required_question(client, candidate, phase, url):
    client.force_login(candidate)
    response = client.post(url, {"long": "Un brouillon", "version": "0", "action": "complete"})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Répondez à cette question pour terminer la phase.") >= 2
    assert "Votre métier actuel ?" in page and "Vos motivations ?" in page
    stored = saved(candidate, phase)
    assert stored.status == PhaseResponse.Status.IN_PROGRESS
    assert stored.answers["long"] == "Un brouillon"  # the draft was saved all the same


def test_finish_then_reopen(client, candidate, phase, url):
    client.force_login(candidate)
    response = client.post(url, {**FULL_POST, "version": "0", "action": "complete"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert saved(candidate, phase).status == PhaseResponse.Status.DONE
    page = client.get(url).content.decode()
    assert "Rouvrir la phase" in page and "Secrétaire médicale" in page
    blocked = client.post(url, {"short": "Autre", "version": str(saved(candidate, phase).version), "action": "save"})
    assert blocked.status_code == 302
    assert saved(candidate, phase).answers["short"] == "Secrétaire médicale"
    client.post(url, {"action": "reopen"})
    assert saved(candidate, phase).status == PhaseResponse.Status.IN_PROGRESS


def test_dashboard_shows_status_and_progress(client, candidate, phase):
    dossier_services.response_save(candidate=candidate, phase=phase, answers={"short": "x", "long": "y"}, version=0)
    client.force_login(candidate)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Phase de test" in page
    assert "en cours" in page
    assert "2 / 8 questions (25 %)" in page


def test_phase_outside_the_modularisation_is_a_404(client, modular_candidate, phases):
    client.force_login(modular_candidate)
    assert client.get(reverse("dossiers:phase_answer", args=[phases[0].slug])).status_code == 200
    assert client.get(reverse("dossiers:phase_answer", args=[phases[5].slug])).status_code == 404
    assert client.post(reverse("dossiers:phase_autosave", args=[phases[5].slug]), {"version": "0"}).status_code == 404


def test_another_candidate_never_sees_these_answers(client, candidate, phase, url):
    dossier_services.response_save(candidate=candidate, phase=phase, answers={"short": "Secret de Lucas"}, version=0)
    other = CandidateFactory(dossier__counsellor=CounsellorFactory())
    other.dossier.phases.add(phase)
    client.force_login(other)
    page = client.get(url).content.decode()
    assert "Secret de Lucas" not in page
    client.post(url, {"short": "Moi", "version": "0", "action": "save"})
    assert saved(candidate, phase).answers["short"] == "Secret de Lucas"


@pytest.mark.parametrize("who", ["counsellor", "editor", "administrator"])
def test_only_candidates_have_a_phase_screen(client, request, who, phase, url, autosave_url):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404
    assert client.post(autosave_url, {"version": "0"}).status_code == 404


def test_anonymous_is_sent_to_login(client, phase, url, autosave_url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client.post(autosave_url, {"version": "0"}).status_code == 302


def test_autosave_refuses_get(client, candidate, phase, autosave_url):
    client.force_login(candidate)
    assert client.get(autosave_url).status_code == 405
