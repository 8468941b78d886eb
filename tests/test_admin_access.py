"""Only académie staff (Administrateur, Éditeur) ever see the Wagtail admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fixture", ["candidate", "counsellor"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/", "/admin/users/"])
def test_candidates_and_counsellors_are_sent_back_to_their_dashboard(client, request, fixture, path):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    dashboard = client.get(response.url)
    assert "pas accès à l&#x27;administration" in dashboard.content.decode()


def test_anonymous_visitor_is_sent_to_the_portal_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("fixture", ["administrator", "editor"])
def test_staff_reach_the_admin(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_editor_does_not_manage_dabm_or_users(client, editor):
    client.force_login(editor)
    assert client.get("/admin/candidates/dabm/").status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)


def test_administrator_manages_dabm(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/candidates/dabm/").status_code == 200
    response = client.post("/admin/candidates/dabm/create/", {"name": "UZÈS", "city": "Uzès", "address": ""})
    assert response.status_code == 302
    from candidates.models import DABM

    assert DABM.objects.filter(name="UZÈS").exists()
