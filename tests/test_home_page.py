"""`/` is the Wagtail HomePage that editors change."""

import json

import pytest
from django.urls import reverse

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_what_a_bilan_is_and_the_connexion_button(client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Qu'est-ce qu'un bilan de compétences" in content
    assert f'href="{reverse("accounts:login")}"' in content
    assert "<title>Mon bilan en ligne — Mon bilan en ligne</title>" in content


def test_logged_in_user_goes_from_home_to_dashboard(client, candidate):
    client.force_login(candidate)
    content = client.get("/").content.decode()
    assert "Accéder à mon tableau de bord" in content
    assert f'href="{reverse("dashboard")}"' in content


def test_staff_change_the_home_page_in_the_admin(client, administrator):
    home = HomePage.objects.get()
    client.force_login(administrator)  # publishes directly; an éditeur's change goes through « Relecture »
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 200
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        {
            "title": "Bienvenue sur Mon bilan en ligne",
            "slug": home.slug,
            "introduction": "Un nouveau texte d'accueil.",
            "body": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a",
                            "type": "unstyled",
                            "depth": 0,
                            "text": "Corps",
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert "Bienvenue sur Mon bilan en ligne" in content
    assert "Un nouveau texte d&#x27;accueil." in content


def test_support_page_gives_the_contact(client, settings):
    settings.SUPPORT_EMAIL = "aide@ac-exemple.fr"
    content = client.get(reverse("support")).content.decode()
    assert "mailto:aide@ac-exemple.fr" in content
