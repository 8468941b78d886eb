"""Counsellor A's candidates are invisible to counsellor B (404), and candidates never reach
counsellor pages."""

import pytest
from django.urls import reverse

from candidates.dossiers import services as dossier_services
from candidates.models import Comment, PhaseResponse, User

from .factories import CounsellorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor_pages(modular_candidate, phases):
    pk, slug = modular_candidate.dossier.pk, phases[0].slug
    return [
        reverse("dossiers:candidate", args=[pk]),
        reverse("dossiers:candidate_delete", args=[pk]),
        reverse("dossiers:phase_view", args=[pk, slug]),
        reverse("dossiers:phase_edit", args=[pk, slug]),
        reverse("dossiers:phase_erase", args=[pk, slug]),
        reverse("dossiers:candidate_edit", args=[pk]),
    ]


def test_another_counsellor_gets_404_on_every_page_and_action(client, counsellor_pages, modular_candidate, phases):
    dossier_services.response_save(candidate=modular_candidate, phase=phases[0], answers={"a": "b"}, version=0)
    client.force_login(CounsellorFactory())
    read_only = counsellor_pages[0], counsellor_pages[2]  # *Consulter son compte*, *Voir*: POST is a 405 for anyone
    for url in counsellor_pages:
        assert client.get(url).status_code == 404, url
        posted = client.post(url, {"confirm": "on", "comment": "Intrus", "notes": "x"}).status_code
        assert posted == (405 if url in read_only else 404), url
    assert User.objects.filter(pk=modular_candidate.pk).exists()
    assert PhaseResponse.objects.get(candidate=modular_candidate).answers == {"a": "b"}
    assert not Comment.objects.exists()


def test_a_phase_outside_the_modularisation_is_a_404(client, counsellor, modular_candidate, phases):
    client.force_login(counsellor)
    url = reverse("dossiers:phase_view", args=[modular_candidate.dossier.pk, phases[8].slug])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["modular_candidate", "editor", "administrator"])
def test_non_counsellors_get_404_on_counsellor_pages(client, request, counsellor_pages, who):
    client.force_login(request.getfixturevalue(who))
    for url in counsellor_pages + [reverse("dossiers:candidate_add")]:
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client, counsellor_pages):
    for url in counsellor_pages:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url
