"""Publishing a phase that drops answered questions says first how many candidates answered them."""

import copy

import pytest
from django.urls import reverse

from candidates.dossiers import services as dossier_services
from tests.factories import CandidateFactory

from .admin_form_data import phase_form_data
from .phase_builders import every_type_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(bilan):
    phase = every_type_phase(bilan)
    for answer in ("Secrétaire médicale", "Aide-soignant"):
        candidate = CandidateFactory()
        candidate.dossier.phases.add(phase)
        dossier_services.response_save(candidate=candidate, phase=phase, answers={"short": answer}, version=0)
    return phase


def without(phase, question_id):
    return [block for block in copy.deepcopy(list(phase.questions.raw_data)) if block["id"] != question_id]


def live_ids(phase):
    return [child.id for child in type(phase).objects.get(pk=phase.pk).question_children]


def test_publishing_without_an_answered_question_asks_first_and_publishes_nothing(client, administrator, phase):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    response = client.post(url, {**phase_form_data(phase, without(phase, "short")), "action-publish": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Avant de publier" in page
    assert "La question « Votre métier actuel ? » : 2 candidats ont répondu." in page
    assert "Publier quand même" in page
    assert "short" in live_ids(phase)


def test_confirming_publishes_and_the_answers_stay(client, administrator, phase):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    data = {**phase_form_data(phase, without(phase, "short")), "action-publish": "1", "confirmer-retrait": "1"}
    assert client.post(url, data).status_code == 302
    assert "short" not in live_ids(phase)
    assert sorted(r.answers["short"] for r in phase.responses.all()) == ["Aide-soignant", "Secrétaire médicale"]


def test_a_question_nobody_answered_goes_without_a_word(client, administrator, phase):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    response = client.post(url, {**phase_form_data(phase, without(phase, "long")), "action-publish": "1"})
    assert response.status_code == 302
    assert "long" not in live_ids(phase)


def test_saving_a_draft_asks_nothing(client, administrator, phase):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    assert client.post(url, phase_form_data(phase, without(phase, "short"))).status_code == 302
    assert "short" in live_ids(phase)


def test_an_editor_submitting_for_review_is_told_too(client, editor, phase):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    data = {**phase_form_data(phase, without(phase, "short")), "action-submit": "1"}
    page = client.post(url, data).content.decode()
    assert "La question « Votre métier actuel ? » : 2 candidats ont répondu." in page
    assert not phase.workflow_states.exists()
    assert client.post(url, {**data, "confirmer-retrait": "1"}).status_code == 302
    assert phase.workflow_states.filter(status="in_progress").exists()
    assert "short" in live_ids(phase)  # published only once an administrator approves


def test_removing_an_answered_proposition_or_column_is_told_too(client, administrator, phase):
    chose = CandidateFactory()
    chose.dossier.phases.add(phase)
    answers = {"single": "single-1", "table": [{"col-0": "Accueil", "col-1": ""}], "multi": ["multi-0"]}
    dossier_services.response_save(candidate=chose, phase=phase, answers=answers, version=0)
    raw = copy.deepcopy(list(phase.questions.raw_data))
    for block in raw:
        if block["id"] in ("single", "multi"):
            block["value"]["choices"] = block["value"]["choices"][:1] + [
                {"type": "item", "id": "new", "value": "Nouvelle proposition"}
            ]
        if block["id"] == "table":
            block["value"]["columns"] = block["value"]["columns"][1:]
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    page = client.post(url, {**phase_form_data(phase, raw), "action-publish": "1"}).content.decode()
    assert "« Présentiel », dans la question « Votre format ? » : 1 candidat a répondu." in page
    assert "« Compétence », dans la question « Vos compétences » : 1 candidat a répondu." in page
    assert "Changer" not in page and "Créer" not in page  # removed, but nobody chose them
    assert "affichées comme « question retirée »" in page
