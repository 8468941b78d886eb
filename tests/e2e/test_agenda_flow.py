"""*Agenda* in Chromium: the counsellor schedules a rendez-vous with their candidate; the candidate
finds it in their agenda and adds it to their calendar with the .ics."""

import datetime
import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from candidates.models import Appointment
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_counsellor_schedules_and_candidate_downloads_the_ics(page, log_in, counsellor, candidate):
    day = timezone.localdate() + datetime.timedelta(days=8)

    log_in(counsellor.username, PASSWORD)
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    page.get_by_role("link", name="Nouveau rendez-vous", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau rendez-vous")

    candidates = page.get_by_role("combobox", name=re.compile("^Candidat"))
    candidates.select_option(label=f"Lucas BERNARD ({candidate.username})")
    page.locator("input[name=start_0]").fill(f"{day:%d/%m/%Y}")
    page.locator("input[name=start_1]").fill("09:00")
    page.locator("input[name=end_0]").fill(f"{day:%d/%m/%Y}")
    page.locator("input[name=end_1]").fill("10:30")
    page.get_by_role("radio", name="Présentiel").check()
    page.get_by_role("textbox", name=re.compile("^Lieu")).fill("Salle 2, CIO de Nîmes")
    page.get_by_role("textbox", name=re.compile("^Objet")).fill("Entretien préliminaire")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("avec Lucas BERNARD est enregistré")).to_be_visible()
    appointment = Appointment.objects.get()
    assert timezone.localtime(appointment.start) == datetime.datetime.combine(
        day, datetime.time(9, 0), tzinfo=timezone.get_current_timezone()
    )
    assert [message.to for message in mail.outbox] == [[candidate.email]]

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(candidate.username, PASSWORD)
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Agenda", exact=True).click()
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Prochains rendez-vous"))
    expect(upcoming.get_by_text("Entretien préliminaire")).to_be_visible()
    expect(upcoming.get_by_text("Salle 2, CIO de Nîmes")).to_be_visible()
    expect(page.get_by_role("link", name="Nouveau rendez-vous", exact=True)).to_have_count(0)

    with page.expect_download() as download:
        upcoming.get_by_role("link", name=re.compile("Ajouter à mon agenda")).click()
    assert download.value.suggested_filename == "rendez-vous.ics"
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == f"{appointment.uid}@monbilanenligne"
    assert event.decoded("DTSTART") == appointment.start and event.decoded("DTEND") == appointment.end
    assert str(event["SUMMARY"]).endswith("Entretien préliminaire")
    assert str(event["LOCATION"]) == "Salle 2, CIO de Nîmes"
