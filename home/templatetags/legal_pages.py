"""The footer's links to the pages the law asks for, found by what they are, not by their slug."""

from django import template
from django.utils.translation import gettext as _

from portal.compiled_queries import CompiledOnce

from ..models import ContentPage

register = template.Library()

# In the order of the footer.
ORDER = [
    ContentPage.LegalPage.ACCESSIBILITE,
    ContentPage.LegalPage.MENTIONS_LEGALES,
    ContentPage.LegalPage.DONNEES_PERSONNELLES,
]


def link_label(legal_page: str, accessibility_status: str) -> str:
    if legal_page == ContentPage.LegalPage.ACCESSIBILITE:
        # RGAA: « Accessibilité : non conforme / partiellement conforme / totalement conforme ».
        status = ContentPage.AccessibilityStatus(accessibility_status).label
        return _("Accessibilité : %(status)s") % {"status": status}
    return str(ContentPage.LegalPage(legal_page).label)


def page_path(url_path: str) -> str:
    """The page's path on the portal's one site, from its tree path alone (no query): its `url_path`
    without the first segment, the site's root page (« /accueil/mentions-legales/ » → « /mentions-legales/ »)."""
    return "/" + url_path.strip("/").partition("/")[2] + "/"


# Read on every page: its SQL, the same for everyone, is compiled once per process.
_LEGAL_PAGES = CompiledOnce(
    lambda _: (
        ContentPage.objects.live().exclude(legal_page="").values_list("legal_page", "accessibility_status", "url_path")
    )
)


def legal_page_links() -> list[dict]:
    """[{"label", "url"}] of the live legal pages, in one query; a missing or unpublished page has no link.

    Read as three values each, not as pages: building the Wagtail pages took a tenth of a page's time."""
    found = _LEGAL_PAGES.fetch(None, probe=None, shape=())
    pages = {legal_page: (status, url_path) for legal_page, status, url_path in found}
    return [
        {"label": link_label(kind, pages[kind][0]), "url": page_path(pages[kind][1])} for kind in ORDER if kind in pages
    ]


@register.simple_tag
def footer_legal_links():
    return legal_page_links()
