"""Staff revise phases in Wagtail; candidates' answers stay attached to their questions. An éditeur's change
is published once an administrator approved it (tests/test_review_workflow.py): here, administrators publish."""

import copy

import pytest
from django.urls import reverse

from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse

from .admin_form_data import phase_form_data
from .phase_builders import every_type_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    dossier_services.response_save(
        candidate=candidate, phase=phase, answers={"short": "Secrétaire médicale", "long": "Mon parcours"}, version=0
    )
    return phase


def publish_revision(phase, change):
    """What the admin's « Publier » does: a new revision of the page, published."""
    page = phase.specific.get_latest_revision_as_object()
    change(page)
    page.save_revision().publish()
    return type(phase).objects.get(pk=phase.pk)


def test_administrator_rewords_and_moves_a_question_in_the_admin_and_the_answer_follows(
    client, administrator, candidate, phase
):
    raw = copy.deepcopy(list(phase.questions.raw_data))
    short = next(block for block in raw if block["id"] == "short")
    short["value"]["label"] = "Quel est votre métier aujourd'hui ?"
    raw.remove(short)
    raw.append(short)
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]), {**phase_form_data(phase, raw), "action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    phase = type(phase).objects.get(pk=phase.pk)
    assert [c.id for c in phase.question_children][-1] == "short"
    assert phase.get_latest_revision().user == administrator

    client.force_login(candidate)
    page = client.get(reverse("dossiers:phase_answer", args=[phase.slug])).content.decode()
    assert "Quel est votre métier aujourd&#x27;hui ?" in page
    assert "Votre métier actuel ?" not in page
    assert 'value="Secrétaire médicale"' in page
    assert page.index("Racontez votre parcours.") < page.index("Quel est votre métier aujourd&#x27;hui ?")


def test_answers_to_a_deleted_question_are_kept_but_not_shown(client, candidate, phase):
    def delete_long(page):
        page.questions = [block for block in page.questions.raw_data if block["id"] != "long"]

    phase = publish_revision(phase, delete_long)
    client.force_login(candidate)
    url = reverse("dossiers:phase_answer", args=[phase.slug])
    page = client.get(url).content.decode()
    assert "Mon parcours" not in page
    client.post(url, {"short": "Infirmière", "version": "1", "action": "save"})
    stored = PhaseResponse.objects.get(candidate=candidate, phase=phase)
    assert stored.answers["short"] == "Infirmière"
    assert stored.answers["long"] == "Mon parcours"
    assert phase.progress(stored.answers) == (1, 7)


def test_editor_edits_and_previews_a_phase_in_the_admin(client, editor, phases):
    phase = phases[0]
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[phase.pk]))
    assert edit.status_code == 200
    assert "Choix multiple" in edit.content.decode()  # the question blocks are offered
    preview = phase.make_preview_request()  # what the admin's « Aperçu » panel renders
    assert preview.status_code == 200
    content = preview.render().content.decode()
    assert "Aperçu — vue du candidat" in content
    assert phase.title in content


def test_the_live_phase_url_leads_to_the_candidate_screen(client, phases):
    response = client.get(phases[0].url)
    assert response.status_code == 302
    assert response.url == reverse("dossiers:phase_answer", args=[phases[0].slug])


def test_shipped_content_has_ten_phases_in_the_guide_order(phases):
    assert [p.title for p in phases] == [
        "Contexte de la demande",
        "Retour historique",
        "Connaissance de soi 1 sur 3 : Valeurs relatives au travail",
        "Connaissance de soi 2 sur 3 : Priorités de vie et conditions de travail",
        "Connaissance de soi 3 sur 3 : Traits de personnalité",
        "Identification des compétences",
        "De mes atouts à mes projets",
        "Connaissance de mon environnement",
        "Etude de faisabilité - Validation du/des projet(s)",
        "Définition du plan d'action",
    ]
    assert [p.legal_phase for p in phases] == ["preliminaire"] + ["investigation"] * 7 + ["conclusion"] * 2
    for phase in phases:
        assert len(phase.question_children) >= 5
        assert phase.introduction
    used = {child.block_type for phase in phases for child in phase.questions}
    assert used == {
        "instruction",
        "short_text",
        "long_text",
        "single_choice",
        "multiple_choice",
        "scale",
        "ranking",
        "table",
        "repeatable",
        "action_plan",
        "rome_competences",
        "rome_jobs",
        "riasec",
        "rome_suggestions",
        "rome_gap",
    }


def test_a_phase_with_answers_cannot_be_deleted_but_can_be_unpublished(client, administrator, candidate, phases):
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={"x": "y"}, version=0)
    client.force_login(administrator)
    for method in (client.get, client.post):
        response = method(reverse("wagtailadmin_pages:delete", args=[phases[0].pk]), follow=True)
        assert response.status_code == 200
        assert "1 candidat y a déjà répondu" in response.content.decode()
    assert PhaseResponse.objects.filter(phase=phases[0]).exists()
    unpublish = client.post(reverse("wagtailadmin_pages:unpublish", args=[phases[0].pk]))
    assert unpublish.status_code == 302
    candidate.dossier.phases.set(phases)
    client.force_login(candidate)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("dossiers:phase_answer", args=[phases[0].slug]) not in dashboard
    assert reverse("dossiers:phase_answer", args=[phases[1].slug]) in dashboard


def test_a_phase_nobody_answered_can_be_deleted_by_an_administrator(client, administrator, phases):
    client.force_login(administrator)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[phases[-1].pk]))
    assert response.status_code == 302
    assert not type(phases[-1]).objects.filter(pk=phases[-1].pk).exists()
