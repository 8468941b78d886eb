"""The guide's *Synthèse* in Chromium: the counsellor downloads the .docx, publishes it; the
candidate downloads it from *Ma synthèse* and adds an observation."""

import io
from pathlib import Path

import docx
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import complete_phase

pytestmark = E2E


def test_counsellor_downloads_and_publishes_the_candidate_reads_and_observes(
    page, log_in, counsellor, modular_candidate, phases
):
    phase = phases[0]
    complete_phase(modular_candidate, phase, "Je veux travailler dans le social")

    log_in(counsellor.username, PASSWORD)
    row = page.locator("tr", has_text="BERNARD")
    with page.expect_download() as download:
        row.get_by_role("link", name="Consulter sa synthèse").click()
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert any(p.text == phase.title for p in document.paragraphs)

    row.get_by_role("link", name="Consulter son compte").click()
    page.get_by_role("button", name="Publier la synthèse").click()
    expect(page.get_by_text("La synthèse est publiée")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(modular_candidate.username, PASSWORD)
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Ma synthèse").click()
    with page.expect_download() as mine:
        page.get_by_role("link", name="Télécharger ma synthèse (.docx)").click()
    assert Path(mine.value.path()).read_bytes().startswith(b"PK")
    page.get_by_role("textbox", name="Mes observations").fill("Je valide le projet, avec une réserve sur la mobilité.")
    page.get_by_role("button", name="Enregistrer mes observations").click()
    expect(page.get_by_text("Vos observations sont enregistrées")).to_be_visible()
    expect(page.get_by_role("textbox", name="Mes observations")).to_have_value(
        "Je valide le projet, avec une réserve sur la mobilité."
    )
