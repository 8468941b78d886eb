"""The footer's links to the pages the law asks for, found by what they are, not by their slug."""

from django import template
from django.utils.translation import gettext as _

from ..models import ContentPage

register = template.Library()

# In the order of the footer.
ORDER = [
    ContentPage.LegalPage.ACCESSIBILITE,
    ContentPage.LegalPage.MENTIONS_LEGALES,
    ContentPage.LegalPage.DONNEES_PERSONNELLES,
]


def link_label(page: ContentPage) -> str:
    if page.legal_page == ContentPage.LegalPage.ACCESSIBILITE:
        # RGAA: « Accessibilité : non conforme / partiellement conforme / totalement conforme ».
        return _("Accessibilité : %(status)s") % {"status": page.get_accessibility_status_display()}
    return str(ContentPage.LegalPage(page.legal_page).label)


def page_path(page) -> str:
    """The page's path on the portal's one site, from its tree path alone (no query): its `url_path`
    without the first segment, the site's root page (« /accueil/mentions-legales/ » → « /mentions-legales/ »)."""
    return "/" + page.url_path.strip("/").partition("/")[2] + "/"


def legal_page_links() -> list[dict]:
    """[{"label", "url"}] of the live legal pages, in one query; a missing or unpublished page has no link."""
    pages = {page.legal_page: page for page in ContentPage.objects.live().exclude(legal_page="").defer("body")}
    return [{"label": link_label(pages[kind]), "url": page_path(pages[kind])} for kind in ORDER if kind in pages]


@register.simple_tag
def footer_legal_links():
    return legal_page_links()
