"""The access journal in Chromium: a counsellor reads a candidate's account and a phase; an
administrator finds both reads in *Journal des accès*, and narrows the list to one action."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_an_administrator_finds_the_counsellors_reads(page, log_in, counsellor, modular_candidate, administrator):
    log_in(counsellor.username, PASSWORD)
    page.locator("tr", has_text="BERNARD").get_by_role("link", name="Consulter son compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("BERNARD")
    page.get_by_role("link", name="Voir").first.click()
    expect(page).to_have_url(re.compile(r"/phases/"))
    page.get_by_role("button", name="Se déconnecter").click()

    log_in(administrator.username, PASSWORD)
    page.goto("/admin/")
    page.get_by_role("link", name="Journal des accès").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Journal des accès")
    rows = page.locator("table.listing tbody tr")
    expect(rows.filter(has_text="compte candidat consulté")).to_have_count(1)
    expect(rows.filter(has_text="réponses consultées")).to_have_count(1)
    expect(rows.first).to_contain_text(counsellor.username)

    page.goto(page.url + "?action=answers_viewed")
    expect(page.get_by_text("Il y a 1 correspondance")).to_be_visible()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Phase du bilan")
