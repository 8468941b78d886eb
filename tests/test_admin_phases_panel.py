"""*Les phases du bilan* on the admin's home page: for editors and administrators, each phase in the
bilan's order with its state, its last editor and whether a change awaits review."""

import copy
import html
import re

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from .admin_form_data import phase_form_data

pytestmark = pytest.mark.django_db


def panel(client) -> str:
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r"<table[^>]*data-phases-panel.*?</table>", page, re.S)
    assert match, "the panel is on the admin's home page"
    return match.group(0)


def rows(table: str) -> list[str]:
    """Each line of the table as its text."""
    lines = re.findall(r"<tr>.*?</tr>", table, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", line)).split()) for line in lines]


def test_the_phases_are_listed_in_the_bilans_order_with_their_state(client, editor, phases):
    client.force_login(editor)
    lines = rows(panel(client))[1:]  # after the header
    assert [line.split(" Publiée")[0] for line in lines] == [phase.title for phase in phases]
    assert all("Publiée" in line for line in lines)


def test_a_saved_draft_shows_who_changed_it_and_that_it_is_not_published(client, editor, phases):
    phase = phases[2]
    raw = copy.deepcopy(list(phase.questions.raw_data))
    raw[0]["value"]["label"] = "Une question reformulée"
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[phase.pk]), phase_form_data(phase, raw))
    assert response.status_code == 302
    line = rows(panel(client))[3]
    assert line.startswith(phase.title)
    assert "Publiée, modifications en attente" in line
    assert editor.get_full_name() in line
    assert "En attente de relecture" not in line


def test_a_change_in_review_is_marked(client, editor, administrator, phases):
    workflow = Workflow.objects.create(name="Relecture de test")
    task = GroupApprovalTask.objects.create(name="Relecture par un administrateur")
    task.groups.set(administrator.groups.all())
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    phase = phases[0]
    phase.save_revision(user=editor)
    workflow.start(phase, editor)
    client.force_login(administrator)
    lines = rows(panel(client))[1:]
    assert "En attente de relecture" in lines[0]
    assert all("En attente de relecture" not in line for line in lines[1:])


def test_counsellors_never_see_it(client, counsellor):
    client.force_login(counsellor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and "phases-du-bilan" not in response.content.decode()
