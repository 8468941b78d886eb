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


def page_path(page, request) -> str | None:
    """The page's path on its site. The portal is one Wagtail site: unlike `Page.get_url(request)`, this
    does not look the request's site up (a query on every screen); the site roots are cached."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def legal_page_links(request=None) -> list[dict]:
    """[{"label", "url"}] of the live legal pages, in one query; a missing or unpublished page has no link."""
    pages = {page.legal_page: page for page in ContentPage.objects.live().exclude(legal_page="").defer("body")}
    links = []
    for legal_page in ORDER:
        page = pages.get(legal_page)
        url = page_path(page, request) if page else None
        if url:
            links.append({"label": link_label(page), "url": url})
    return links


@register.simple_tag(takes_context=True)
def footer_legal_links(context):
    return legal_page_links(context.get("request"))
