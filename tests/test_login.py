"""Connexion, déconnexion, mot de passe oublié, and where each role lands."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, follow=True)


@pytest.mark.parametrize(
    ("fixture", "template", "text"),
    [
        ("candidate", "home/dashboard_candidate.html", "LES PHASES DU BILAN"),
        ("counsellor", "home/dashboard_counsellor.html", "Mes bénéficiaires"),
        ("administrator", "home/dashboard_staff.html", "Ouvrir l'administration"),
        ("editor", "home/dashboard_staff.html", "Votre rôle : Éditeur"),
    ],
)
def test_each_role_lands_on_its_dashboard(client, request, fixture, template, text):
    user = request.getfixturevalue(fixture)
    response = log_in(client, user)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert template in [t.name for t in response.templates]
    content = response.content.decode()
    assert "<h1>Mon tableau de bord</h1>" in content
    assert text in content


def test_menu_of_the_guide_for_a_counsellor(client, counsellor):
    content = log_in(client, counsellor).content.decode()
    for label in ("Mon tableau de bord", "Support technique", "Mon compte", "Se déconnecter"):
        assert label in content
    assert "Administration" not in content


def test_wrong_password_shows_a_french_error_and_keeps_the_username(client, counsellor):
    response = client.post(reverse("accounts:login"), {"username": counsellor.username, "password": "pas-le-bon"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nom d&#x27;utilisateur ou mot de passe incorrect" in content
    assert f'value="{counsellor.username}"' in content
    assert "_auth_user_id" not in client.session


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_logout_ends_the_session(client, candidate):
    log_in(client, candidate)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_by_email(client, candidate):
    response = client.post(reverse("accounts:password_reset"), {"email": candidate.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [candidate.email]
    assert "nouveau mot de passe" in message.subject
    link = re.search(r"https?://[^/]+(/mot-de-passe/nouveau/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "un-tout-nouveau-secret-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}, follow=True
    )
    assert "Mot de passe enregistré" in done.content.decode()
    candidate.refresh_from_db()
    assert candidate.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []
