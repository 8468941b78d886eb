"""The pages a public service must publish, editable in Wagtail and linked from every footer."""

import pytest
from django.urls import reverse

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
