"""The pages a public service must publish, editable in Wagtail and linked from every footer, found by
what they are (`ContentPage.legal_page`), whatever their slug."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title", "text"),
    [
        ("/accessibilite/", "Accessibilité", "non conforme"),
        ("/mentions-legales/", "Mentions légales", "Directeur de la publication"),
        ("/donnees-personnelles/", "Données personnelles", "appartiennent au bénéficiaire"),
    ],
)
def test_each_page_is_published_and_linked_from_the_footer(client, url, title, text):
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert f"<h1>{title}</h1>" in content and text in content
    assert f'href="{url}"' in client.get(reverse("accounts:login")).content.decode()


def test_editors_change_them(client, editor):
    page = ContentPage.objects.get(slug="mentions-legales")
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def footer_links(client):
    html = client.get(reverse("accounts:login")).content.decode()
    footer = html[html.index('class="fr-footer__bottom-list"') :]
    return re.findall(r'<a class="fr-footer__bottom-link" href="([^"]+)">([^<]+)</a>', footer)


def publish(page, **changes):
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_the_footer_finds_the_pages_by_what_they_are(client):
    assert footer_links(client) == [
        ("/accessibilite/", "Accessibilité : non conforme"),
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
        (reverse("support"), "Support technique"),
    ]


def test_renaming_a_slug_keeps_the_footer_link_working(client):
    page = ContentPage.objects.get(legal_page=ContentPage.LegalPage.MENTIONS_LEGALES)
    publish(page, slug="informations-legales")
    assert ("/informations-legales/", "Mentions légales") in footer_links(client)
    assert client.get("/informations-legales/").status_code == 200
    assert ContentPage.objects.get(pk=page.pk).legal_page == ContentPage.LegalPage.MENTIONS_LEGALES


def test_an_unpublished_legal_page_is_not_linked(client):
    page = ContentPage.objects.get(legal_page=ContentPage.LegalPage.DONNEES_PERSONNELLES)
    page.unpublish()
    assert "Données personnelles" not in dict(footer_links(client)).values()


@pytest.mark.parametrize(
    ("status", "label"),
    [("partiellement_conforme", "partiellement conforme"), ("totalement_conforme", "totalement conforme")],
)
def test_the_accessibility_status_comes_from_the_statement(client, status, label):
    page = ContentPage.objects.get(legal_page=ContentPage.LegalPage.ACCESSIBILITE)
    publish(page, accessibility_status=status)
    assert ("/accessibilite/", f"Accessibilité : {label}") in footer_links(client)


def test_staff_set_the_accessibility_status_in_the_admin(client, administrator, editor):
    statement = ContentPage.objects.get(legal_page=ContentPage.LegalPage.ACCESSIBILITE)
    notice = ContentPage.objects.get(legal_page=ContentPage.LegalPage.MENTIONS_LEGALES)
    client.force_login(editor)
    assert (
        'name="accessibility_status"'
        in client.get(reverse("wagtailadmin_pages:edit", args=[statement.pk])).content.decode()
    )
    assert (
        'name="accessibility_status"'
        not in client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])).content.decode()
    )

    client.force_login(administrator)  # publishes directly (an éditeur submits to « Relecture »)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[statement.pk]),
        nested_form_data(
            {
                "title": statement.title,
                "slug": statement.slug,
                "accessibility_status": "partiellement_conforme",
                "body": rich_text(statement.body),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert ("/accessibilite/", "Accessibilité : partiellement conforme") in footer_links(client)


def test_an_old_revision_keeps_the_page_what_it_is(client):
    page = ContentPage.objects.get(legal_page=ContentPage.LegalPage.ACCESSIBILITE)
    revision = page.save_revision()
    revision.content.pop("legal_page", None)  # a revision saved before home 0005
    revision.save()
    revision.publish()
    assert ContentPage.objects.get(pk=page.pk).legal_page == ContentPage.LegalPage.ACCESSIBILITE
