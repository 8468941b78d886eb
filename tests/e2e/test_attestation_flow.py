"""The guide's *Ajouter une attestation* in Chromium: search the candidate by last name, preview,
save, download the PDF; the candidate finds it under *Mes attestations*."""

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Attestation
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, CandidateFactory

pytestmark = E2E


def test_counsellor_creates_previews_saves_and_downloads_an_attestation(page, log_in, counsellor, candidate):
    CandidateFactory(last_name="BERTIN", first_name="Alice", dossier__counsellor=counsellor)
    today = timezone.localdate()
    candidate.dossier.start_date = today.replace(day=1)
    candidate.dossier.end_date = today.replace(year=today.year + 1)
    candidate.dossier.save()

    log_in(counsellor.username, PASSWORD)
    page.get_by_role("link", name="Ajouter une attestation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer Attestation de présence")
    page.get_by_label("Rechercher le candidat").fill("bernard")
    expect(page.get_by_role("combobox", name="Candidat")).to_have_value(str(candidate.dossier.pk))

    with page.context.expect_event("response", lambda r: "/apercu/" in r.url) as preview:
        page.get_by_role("button", name="Aperçu").click()
    assert preview.value.status == 200
    assert preview.value.header_value("content-type") == "application/pdf"
    assert not Attestation.objects.exists()

    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attestation de présence")
    attestation = Attestation.objects.get()
    expect(page.get_by_text(f"L'attestation de présence {attestation.reference} a été créée.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == f"attestation-{attestation.reference}.pdf"

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(candidate.username, PASSWORD)
    page.get_by_role("link", name="Mon compte").click()
    expect(page.get_by_role("heading", name="Mes attestations")).to_be_visible()
    with page.expect_download() as mine:
        page.get_by_role("link", name="Télécharger (PDF)").click()
    assert Path(mine.value.path()).read_bytes().startswith(b"%PDF")
