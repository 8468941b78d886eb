"""Pages › select › Supprimer refuses, in bulk too, what « Supprimer » refuses for one page: a phase
that holds answers (for anyone), a phase or legal page for an éditeur."""

import pytest
from wagtail.models import Page

from candidates.dossiers import services as dossier_services
from phases.models import PhasePage

pytestmark = pytest.mark.django_db


def bulk_delete(client, page):
    return client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}&next=/admin/pages/")


def test_a_phase_with_answers_survives_a_bulk_deletion(client, administrator, candidate, phases):
    phase = phases[0]
    candidate.dossier.phases.add(phase)
    dossier_services.response_save(candidate=candidate, phase=phase, answers={}, version=0)
    client.force_login(administrator)
    response = bulk_delete(client, phase)
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("1 candidat y a déjà répondu" in message for message in messages)
    assert PhasePage.objects.filter(pk=phase.pk).exists()


def test_an_editor_cannot_bulk_delete_a_draft_phase(client, editor, phases):
    draft = phases[1]
    draft.unpublish()
    client.force_login(editor)
    response = bulk_delete(client, Page.objects.get(pk=draft.pk))
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("que par un administrateur" in message for message in messages)
    assert PhasePage.objects.filter(pk=draft.pk).exists()


def test_an_administrator_bulk_deletes_a_phase_nobody_answered(client, administrator, phases):
    client.force_login(administrator)
    assert bulk_delete(client, phases[2]).status_code == 302
    assert not PhasePage.objects.filter(pk=phases[2].pk).exists()
