"""Navigation in Chromium (#18): *Copier* puts the agenda's subscription address on the clipboard and
says « Adresse copiée »; the breadcrumb leads back up from *Modifier mes informations*."""

from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_copier_puts_the_subscription_address_on_the_clipboard(page, log_in, candidate):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(candidate.username, PASSWORD)
    page.goto("/mon-compte/agenda/")
    page.get_by_role("button", name="Créer mon adresse d'abonnement").click()
    address = page.get_by_label("Mon adresse d'abonnement").input_value()
    assert "/agenda/" in address and address.endswith(".ics")

    page.get_by_role("button", name="Copier l'adresse d'abonnement").click()
    expect(page.get_by_text("Adresse copiée")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_the_breadcrumb_leads_back_to_mon_compte(page, log_in, candidate):
    log_in(candidate.username, PASSWORD)
    page.goto("/mon-compte/modifier/")
    breadcrumb = page.get_by_role("navigation", name="vous êtes ici :")
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Modifier mes informations")
    breadcrumb.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
