"""A 375-pixel-wide phone: the counsellor's dashboard and attestation list show each row as a card
whose actions are on screen, with their text, and no horizontal scrolling (#18)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from candidates.attestations import services as attestation_services
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, CandidateFactory

pytestmark = E2E


def assert_on_screen(page, link):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    # Scrolled into view vertically only: the page, never a box the table would scroll sideways in.
    link.evaluate("a => window.scrollTo(0, a.getBoundingClientRect().top + window.scrollY - innerHeight / 2)")
    expect(link).to_be_in_viewport()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # The label itself is shown, not clipped to an icon-only square.
    assert link.evaluate("a => a.scrollWidth <= a.clientWidth + 1 && a.getBoundingClientRect().width > 0")
    assert link.inner_text().strip()


def test_counsellor_lists_are_cards_on_a_phone(browser, live_server, counsellor):
    today = timezone.localdate()
    for last_name in ("MARTIN", "BERNARD-LEFÈVRE", "DUPONT"):
        candidate = CandidateFactory(  # a running bilan, idle for a month: also *À suivre*
            last_name=last_name,
            dossier__counsellor=counsellor,
            dossier__start_date=today - datetime.timedelta(days=30),
            dossier__end_date=today + datetime.timedelta(days=60),
        )
        start = timezone.make_aware(datetime.datetime.combine(candidate.dossier.start_date, datetime.time(9)))
        attestation_services.attestation_create(
            counsellor=counsellor, dossier=candidate.dossier, start=start, end=start + datetime.timedelta(hours=2)
        )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    page = context.new_page()
    page.goto("/connexion/")
    page.get_by_label("Nom d'utilisateur").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon tableau de bord")

    beneficiaries = page.get_by_role("table", name="Mes bénéficiaires")
    row = beneficiaries.locator("tr", has_text="DUPONT")
    for name in ("Consulter son compte", "Supprimer son compte"):
        assert_on_screen(page, row.get_by_role("link", name=name))
    to_follow = page.get_by_role("table", name="À suivre").locator("tr", has_text="DUPONT")
    assert_on_screen(page, to_follow.get_by_role("button", name="Envoyer un rappel"))
    # Each value has its column's name above it, and the header row is there for screen readers only.
    assert (
        row.locator("td[data-label='DABM']")
        .evaluate("td => getComputedStyle(td, '::before').content")
        .startswith('"DABM"')
    )
    assert beneficiaries.locator("thead").bounding_box()["height"] <= 1
    tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    ax_roles = {node["role"]["value"] for node in tree["nodes"]}
    assert {"table", "row", "columnheader", "cell"} <= ax_roles  # still a table, as Chromium tells assistive tech

    page.goto(reverse("attestations:list"))
    row = page.locator("tr", has_text="MARTIN")
    for name in ("Voir", "PDF"):
        assert_on_screen(page, row.get_by_role("link", name=name))
    context.close()
