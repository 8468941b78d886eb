"""*Mes données* in Chromium: the candidate downloads the zip of everything the portal holds about
them, and finds their answer in it; the download is in the access journal."""

import json
import zipfile

from playwright.sync_api import expect

from candidates.dossiers import services as dossier_services
from candidates.models import AuditEvent
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_the_candidate_downloads_their_data(page, log_in, modular_candidate, phases):
    first = phases[0]
    question = first.question_children[0]
    dossier_services.response_save(
        candidate=modular_candidate, phase=first, answers={question.id: "Reprendre des études"}, version=0
    )
    log_in(modular_candidate.username, PASSWORD)
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (zip)").click()
    assert download.value.suggested_filename.startswith(f"mon-bilan-donnees-{modular_candidate.username}-")

    with zipfile.ZipFile(download.value.path()) as archive:
        assert {"donnees.json", "LISEZMOI.txt"} <= set(archive.namelist())
        data = archive.read("donnees.json").decode()
    assert "Reprendre des études" in data and "pbkdf2" not in data
    assert json.loads(data)  # well-formed
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT_DOWNLOADED)
    assert event.actor_id == modular_candidate.pk and event.candidate_id == modular_candidate.pk
