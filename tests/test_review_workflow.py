"""« Relecture » (home 0006): an éditeur changes a phase or a legal page and submits it; an administrator
approves it, which publishes it. Éditeurs neither publish nor delete those pages themselves."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, Workflow, WorkflowState

from home.models import ContentPage
from phases.models import PhasePage

from .admin_form_data import phase_form_data
from .factories import UserFactory
from .phase_builders import every_type_phase

pytestmark = pytest.mark.django_db

NEW_WORDING = "Quel métier exercez-vous aujourd'hui ?"
NEW_WORDING_HTML = "Quel métier exercez-vous aujourd&#x27;hui ?"


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    return phase


def reworded(phase):
    """The phase's questions with its first label changed, and that label's old wording."""
    raw = [dict(block, value=dict(block["value"])) for block in phase.questions.raw_data]
    first = next(block for block in raw if "label" in block["value"])
    old = first["value"]["label"]
    first["value"]["label"] = NEW_WORDING
    return raw, old


def edit(client, phase, raw, action):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]), {**phase_form_data(phase, raw), action: "1"}
    )


def test_the_workflow_covers_the_phases_and_the_legal_pages(phase):
    workflow = Workflow.objects.get(name="Relecture")
    (task,) = [task.specific for task in workflow.tasks]
    assert task.name == "Relecture par un administrateur"
    assert [group.name for group in task.groups.all()] == ["Administrateur"]
    for page in [phase, phase.get_parent(), *ContentPage.objects.exclude(legal_page="")]:
        assert page.get_workflow() == workflow, page


def test_an_editor_cannot_publish_a_phase(client, editor, phase):
    client.force_login(editor)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[phase.pk])).content.decode()
    assert 'name="action-submit"' in form and "Soumettre à Relecture" in form
    assert 'name="action-publish"' not in form
    raw, old = reworded(phase)

    assert edit(client, phase, raw, "action-publish").status_code == 302  # saved as a draft, not published
    phase = PhasePage.objects.get(pk=phase.pk)
    assert phase.has_unpublished_changes
    assert old in [block["value"].get("label") for block in phase.questions.raw_data]  # the live content
    assert NEW_WORDING in [b["value"].get("label") for b in phase.get_latest_revision_as_object().questions.raw_data]
    assert not WorkflowState.objects.for_instance(phase).exists()
    unpublish = client.post(reverse("wagtailadmin_pages:unpublish", args=[phase.pk]))
    assert (unpublish.status_code, unpublish.url) == (302, reverse("wagtailadmin_home"))
    assert PhasePage.objects.get(pk=phase.pk).live


def test_an_editor_submits_and_a_non_superuser_administrator_approves(client, editor, administrator, candidate, phase):
    assert not administrator.is_superuser
    raw, old = reworded(phase)
    client.force_login(editor)
    assert edit(client, phase, raw, "action-submit").status_code == 302
    state = WorkflowState.objects.for_instance(phase).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor
    assert state.workflow.name == "Relecture"
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert old in [b["value"].get("label") for b in PhasePage.objects.get(pk=phase.pk).questions.raw_data]

    approve = reverse("wagtailadmin_pages:workflow_action", args=[phase.pk, "approve", task_state.pk])
    refused = client.post(approve, {"comment": ""})  # the éditeur does not approve
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))

    client.force_login(administrator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert phase.title in dashboard and approve in dashboard  # « En attente de votre relecture » on the admin's home
    assert client.post(approve, {"comment": "Relu."}).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    phase = PhasePage.objects.get(pk=phase.pk)
    assert phase.live and not phase.has_unpublished_changes

    client.force_login(candidate)
    screen = client.get(reverse("dossiers:phase_answer", args=[phase.slug])).content.decode()
    assert NEW_WORDING_HTML in screen
    assert reverse("dossiers:phase_answer", args=[phase.slug]) == f"/mon-bilan/phases/{phase.slug}/"


def test_an_editor_cannot_delete_a_phase_or_a_legal_page(client, editor, phase):
    client.force_login(editor)
    legal = ContentPage.objects.get(legal_page=ContentPage.LegalPage.MENTIONS_LEGALES)
    for page in (phase, phase.get_parent(), legal):
        url = reverse("wagtailadmin_pages:delete", args=[page.pk])
        for method in (client.get, client.post):
            refused = method(url)  # Wagtail's PermissionDenied: back to the admin's home, with a message
            assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
        assert Page.objects.filter(pk=page.pk).exists()


def test_an_editor_cannot_delete_a_draft_phase_either(client, editor, phase):
    draft = phase.get_parent().add_child(
        instance=PhasePage(title="Brouillon", slug="brouillon", introduction="<p>Intro</p>", live=False)
    )
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]), follow=True)
    assert "ne sont supprimées que par un administrateur" in response.content.decode()
    assert Page.objects.filter(pk=draft.pk).exists()


def test_a_superuser_still_publishes_directly(client, phase):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    raw, _old = reworded(phase)
    assert edit(client, phase, raw, "action-publish").status_code == 302
    assert NEW_WORDING in [b["value"].get("label") for b in PhasePage.objects.get(pk=phase.pk).questions.raw_data]
