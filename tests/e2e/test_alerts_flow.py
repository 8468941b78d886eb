"""*À suivre* in Chromium: a counsellor sees the dossiers needing attention, filters them by reason and sends a
gentle reminder, confirmed on the page; the section passes axe."""

import datetime

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import violations
from tests.factories import PASSWORD, CandidateFactory

pytestmark = E2E


def test_a_counsellor_filters_the_alerts_and_sends_a_reminder(page, log_in, counsellor):
    today = timezone.localdate()
    CandidateFactory(
        first_name="Lucas",
        last_name="BERNARD",
        dossier__counsellor=counsellor,
        dossier__start_date=today - datetime.timedelta(days=30),
        dossier__end_date=today + datetime.timedelta(days=60),
    )
    CandidateFactory(  # started yesterday: only its missing rendez-vous is a reason
        last_name="DURAND",
        dossier__counsellor=counsellor,
        dossier__start_date=today - datetime.timedelta(days=1),
        dossier__end_date=today + datetime.timedelta(days=60),
    )
    log_in(counsellor.username, PASSWORD)

    section = page.locator("#a-suivre")
    expect(section.get_by_role("heading", level=2)).to_have_text("À suivre (2)")
    assert violations(page) == []
    section.get_by_role("link", name="Sans activité (1)").click()
    rows = section.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("BERNARD")
    expect(rows.first).to_contain_text("Aucune activité depuis le début du bilan")

    rows.first.get_by_role("button", name="Envoyer un rappel").click()

    expect(page.get_by_text("Rappel envoyé à Lucas BERNARD.")).to_be_visible()
    expect(section.get_by_role("link", name="Sans activité (1)")).to_have_attribute("aria-current", "true")
    expect(rows.first).to_contain_text(f"Rappel envoyé le {today:%d/%m/%Y}")
    expect(rows.first.get_by_role("button", name="Envoyer un rappel")).to_have_count(0)
    assert len(mail.outbox) == 1
