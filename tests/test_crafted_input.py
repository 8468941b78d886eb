"""Input nobody types by accident — digits that are not ASCII, year 0, NUL characters, a line break in
a header — answered with a 400 or a clean result, never a traceback (on SQLite and PostgreSQL alike).

The test client raises the view's exception instead of answering 500, so a crash fails the test."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from candidates.attestations import services as attestation_services

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def counsellor_client(client, counsellor, candidate):
    attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=candidate.dossier,
        start=datetime.datetime(2026, 10, 5, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 10, 5, 12, tzinfo=PARIS),
    )
    client.force_login(counsellor)
    return client


@pytest.mark.parametrize(
    "query",
    [
        "candidat=²",
        "candidat=٣",
        "candidat=99999999999999999999999",
        "mois=0000-01",
        "mois=2026-13",
        "mois=2026-²",
        "mois=²²²²-01",
        "candidat=²&format=csv",
        "mois=0000-01&format=csv",
    ],
)
def test_attestation_filters_ignore_what_is_not_a_number(counsellor_client, query):
    response = counsellor_client.get(f"{reverse('attestations:list')}?{query}")
    assert response.status_code == 200
    # an unreadable filter filters nothing: the counsellor's attestation is still listed
    assert "BERNARD" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("agenda:add", "dossier=²"),
        ("agenda:add", "dossier=0"),
        ("agenda:week", "semaine=0001-01-01"),
        ("agenda:week", "semaine=9999-12-31"),
        ("attestations:add", "dossier=²&start=0001-01-01T00:00&end=9999-12-31T23:59"),
    ],
)
def test_forms_and_weeks_fall_back_to_their_defaults(counsellor_client, name, query):
    response = counsellor_client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/tableau-de-bord/?q=%00", "/tableau-de-bord/?q=a%00b&page=1", "/support/?%00=1"])
def test_a_nul_character_in_the_address_is_a_bad_request(counsellor_client, path):
    response = counsellor_client.get(path)
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_a_nul_character_in_an_admin_search_is_a_bad_request(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/candidates/dossier/?q=%00").status_code == 400


def test_a_nul_character_in_a_form_field_is_named_next_to_it(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("support"), {"subject": "Connexion", "message": "a\x00b"})
    assert response.status_code == 400
    assert response.context["form"].errors["message"]


def test_a_nul_character_in_the_autosave_id_is_ignored(client, bilan):
    from .phase_builders import every_type_phase

    candidate = CandidateFactory()
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    client.force_login(candidate)
    url = reverse("dossiers:phase_autosave", args=[phase.slug])
    response = client.post(url, {"short": "Infirmier", "version": "0", "save_id": "a\x00b"})
    assert response.status_code == 200
    assert response.json()["version"] == 1


def test_a_support_subject_on_two_lines_is_refused_next_to_the_field(client, candidate, mailoutbox, caplog):
    client.force_login(candidate)
    with caplog.at_level(logging.INFO):
        response = client.post(
            reverse("support"), {"subject": "Connexion\r\nBcc: tous@exemple.fr", "message": "Je n'arrive pas."}
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert "L&#x27;objet tient sur une seule ligne" in page
    assert "n&#x27;a pas pu être envoyé" not in page
    assert "Je n&#x27;arrive pas." in page  # the message is kept
    assert mailoutbox == []
    assert "tous@exemple.fr" not in caplog.text


@pytest.mark.parametrize("ids", ["id=abc", "id=²", "id=1&id=%C2%B2", "id=-1"])
@pytest.mark.parametrize("path", ["/admin/bulk/wagtailcore/page/delete/", "/admin/bulk/candidates/user/set_active/"])
def test_a_bulk_action_on_ids_that_are_not_numbers_is_a_bad_request(client, administrator, path, ids):
    client.force_login(administrator)
    assert client.get(f"{path}?{ids}").status_code == 400


def test_the_bulk_action_url_stays_behind_the_admin_login(client, bilan):
    page = bilan.get_children().first()
    response = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    candidate = CandidateFactory()
    client.force_login(candidate)
    assert client.get(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}").url == reverse("dashboard")
