"""Saving a phase without changing it creates no revision: each revision differs from the one before."""

import copy

import pytest
from django.urls import reverse

from phases.models import PhasePage

from .admin_form_data import phase_form_data
from .phase_builders import every_type_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(bilan):
    return every_type_phase(bilan)


def save(client, phase, raw, **actions):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]), {**phase_form_data(phase, raw), **actions}
    )
    assert response.status_code == 302, response.content.decode()[:1000]


def reword(raw):
    next(block for block in raw if "label" in block["value"])["value"]["label"] = "Une question reformulée"


def test_saving_an_unchanged_phase_twice_adds_no_revision(client, editor, phase):
    raw = copy.deepcopy(list(phase.questions.raw_data))
    client.force_login(editor)
    save(client, phase, raw)
    first = phase.revisions.count()
    save(client, phase, raw)
    save(client, phase, raw)
    assert phase.revisions.count() == first


def test_a_change_is_a_revision_that_the_compare_view_shows(client, editor, phase):
    raw = copy.deepcopy(list(phase.questions.raw_data))
    client.force_login(editor)
    save(client, phase, raw)
    before = PhasePage.objects.get(pk=phase.pk).latest_revision
    reword(raw)
    save(client, phase, raw)
    save(client, phase, raw)  # the same again: nothing new
    after = PhasePage.objects.get(pk=phase.pk).latest_revision
    assert after.pk != before.pk
    assert phase.revisions.filter(pk__gt=before.pk).count() == 1
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[phase.pk, before.pk, after.pk])
    page = client.get(compare).content.decode()
    assert "Une question reformulée" in page


def test_publishing_an_unchanged_draft_still_publishes_it(client, administrator, phase):
    raw = copy.deepcopy(list(phase.questions.raw_data))
    reword(raw)
    client.force_login(administrator)
    save(client, phase, raw)
    assert PhasePage.objects.get(pk=phase.pk).has_unpublished_changes
    save(client, phase, raw, **{"action-publish": "1"})
    live = PhasePage.objects.get(pk=phase.pk)
    assert not live.has_unpublished_changes
    assert "Une question reformulée" in [block["value"].get("label") for block in live.questions.raw_data]


def test_the_compare_view_says_oui_and_non(client, administrator, phase):
    raw = copy.deepcopy(list(phase.questions.raw_data))
    client.force_login(administrator)
    save(client, phase, raw)
    before = PhasePage.objects.get(pk=phase.pk).latest_revision
    question = next(block for block in raw if "required" in block["value"])
    question["value"]["required"] = not question["value"]["required"]
    save(client, phase, raw)
    after = PhasePage.objects.get(pk=phase.pk).latest_revision
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[phase.pk, before.pk, after.pk])
    page = client.get(compare).content.decode()
    assert "Oui" in page and "Non" in page
    assert "True" not in page and "False" not in page
