"""*Mes fichiers* in Chromium: the candidate uploads a PDF; their counsellor opens the candidate's
folder (*Ses fichiers*) and downloads it, byte for byte."""

from pathlib import Path

from playwright.sync_api import expect

from candidates.models import PrivateFile
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.samples import PDF_BYTES

pytestmark = E2E


def test_candidate_uploads_a_pdf_the_counsellor_downloads_it(page, log_in, counsellor, candidate):
    try:
        log_in(candidate.username, PASSWORD)
        page.get_by_role("link", name="Mon compte").click()
        page.get_by_role("link", name="Mes fichiers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mes fichiers")
        expect(page.get_by_text("Aucun fichier pour l'instant")).to_be_visible()
        page.get_by_label("Fichier").set_input_files(
            files=[{"name": "Relevé de notes.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
        )
        page.get_by_role("button", name="Ajouter le fichier").click()
        expect(page.get_by_text("Le fichier « Relevé de notes.pdf » est ajouté.")).to_be_visible()
        expect(page.get_by_role("cell", name="Relevé de notes.pdf", exact=True)).to_be_visible()

        page.get_by_role("button", name="Se déconnecter").click()
        log_in(counsellor.username, PASSWORD)
        page.locator("tr", has_text="BERNARD").get_by_role("link", name="Consulter son compte").click()
        page.get_by_role("link", name="Ses fichiers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Fichiers de Lucas BERNARD")
        row = page.locator("tr", has_text="Relevé de notes.pdf")
        expect(row).to_contain_text("Lucas BERNARD")  # déposé par
        with page.expect_download() as download:
            row.get_by_role("link", name="Télécharger").click()
        assert download.value.suggested_filename == "Relevé de notes.pdf"
        assert Path(download.value.path()).read_bytes() == PDF_BYTES
    finally:
        for private_file in PrivateFile.objects.all():
            private_file.file.storage.delete(private_file.file.name)
