"""*Consulter sa synthèse*, publishing, *Ma synthèse* and the beneficiary's observations, and who
may generate or download what."""

import io
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from django_weasyprint import WeasyTemplateResponse

from candidates.dossiers import services as dossier_services
from candidates.models import AuditEvent, Synthesis
from documents.synthesis import render_synthesis_pdf
from documents.synthesis_content import synthesis_content

from .factories import CandidateFactory, CounsellorFactory
from .phase_builders import complete_phase
from .samples import pdf_text

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def dossier(modular_candidate, phases):
    complete_phase(modular_candidate, phases[0], "Je souhaite me reconvertir dans le social")
    return modular_candidate.dossier


def test_consulter_sa_synthese_downloads_a_docx_of_the_latest_answers(client, counsellor, dossier, phases):
    client.force_login(counsellor)
    response = client.get(reverse("synthesis_docx", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    content = text_of(response.content)
    assert phases[0].title in content and "Je souhaite me reconvertir dans le social" in content
    assert phases[1].title not in content  # not completed
    complete_phase(dossier.candidate, phases[1], "Vingt ans dans la logistique")
    again = text_of(client.get(reverse("synthesis_docx", args=[dossier.pk])).content)
    assert phases[1].title in again and "Vingt ans dans la logistique" in again


def test_the_pdf_reads_in_the_browser(client, counsellor, dossier):
    client.force_login(counsellor)
    response = client.get(reverse("synthesis_pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")


def test_the_pdf_is_laid_out_by_django_weasyprint_and_journaled_once(client, counsellor, dossier, phases):
    client.force_login(counsellor)
    response = client.get(reverse("synthesis_pdf", args=[dossier.pk]))
    assert isinstance(response, WeasyTemplateResponse)
    assert response["Content-Disposition"] == 'inline; filename="synthese-BERNARD.pdf"'
    # Set by the middleware (NoStoreMiddleware, SECURE_CONTENT_TYPE_NOSNIFF), not by the view.
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == render_synthesis_pdf(synthesis_content(dossier))
    text = pdf_text(response.content)
    assert phases[0].title in text and "Je souhaite me reconvertir dans le social" in text
    downloads = AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_DOWNLOADED, detail="synthèse (PDF)")
    assert list(downloads.values_list("actor", "dossier_id")) == [(counsellor.pk, dossier.pk)]
    docx = client.get(reverse("synthesis_docx", args=[dossier.pk]))
    assert docx["Cache-Control"] == "no-store" and docx["X-Content-Type-Options"] == "nosniff"


def test_publish_then_the_candidate_downloads_and_observes(client, counsellor, dossier):
    client.force_login(dossier.candidate)
    assert "pas encore publiée" in client.get(reverse("synthesis:mine")).content.decode()
    assert client.get(reverse("synthesis_published", args=[dossier.pk])).status_code == 404

    client.force_login(counsellor)
    response = client.post(reverse("synthesis_publish", args=[dossier.pk]), follow=True)
    assert "La synthèse est publiée" in response.content.decode()
    synthesis = Synthesis.objects.get(dossier=dossier)
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / synthesis.published_file.name
    assert stored.exists()
    assert not str(stored.resolve()).startswith(str(Path(settings.MEDIA_ROOT).resolve()))

    client.force_login(dossier.candidate)
    page = client.get(reverse("synthesis:mine")).content.decode()
    assert "Télécharger ma synthèse" in page
    download = client.get(reverse("synthesis_published", args=[dossier.pk]))
    assert download.status_code == 200 and download.content == stored.read_bytes()
    client.post(reverse("synthesis:mine"), {"observations": "Je suis d'accord avec le projet retenu."})

    client.force_login(counsellor)
    account = client.get(reverse("dossiers:candidate", args=[dossier.pk])).content.decode()
    assert "Je suis d&#x27;accord avec le projet retenu." in account
    regenerated = text_of(client.get(reverse("synthesis_docx", args=[dossier.pk])).content)
    assert "Je suis d'accord avec le projet retenu." in regenerated
    assert "Je suis d'accord" not in text_of(stored.read_bytes())  # the published one stays frozen


def test_publishing_again_replaces_the_stored_document(client, counsellor, dossier, django_capture_on_commit_callbacks):
    client.force_login(counsellor)
    client.post(reverse("synthesis_publish", args=[dossier.pk]))
    first = Synthesis.objects.get().published_file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("synthesis_publish", args=[dossier.pk]))
    second = Synthesis.objects.get().published_file.name
    assert first != second
    assert not (Path(settings.PRIVATE_MEDIA_ROOT) / first).exists()


def test_the_draft_keeps_the_counsellor_notes_away_from_the_candidate(client, counsellor, dossier, phases):
    dossier_services.synthesis_note_save(dossier=dossier, phase=phases[0], text="Note privée du conseiller")
    client.force_login(dossier.candidate)
    assert client.get(reverse("synthesis_docx", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("synthesis_pdf", args=[dossier.pk])).status_code == 404


@pytest.mark.parametrize("who", ["other_counsellor", "other_candidate", "editor"])
def test_nobody_else_generates_or_downloads_it(client, request, counsellor, dossier, who):
    client.force_login(counsellor)
    client.post(reverse("synthesis_publish", args=[dossier.pk]))
    if who == "other_counsellor":
        intruder = CounsellorFactory()
    elif who == "other_candidate":
        intruder = CandidateFactory(dossier__counsellor=CounsellorFactory())
    else:
        intruder = request.getfixturevalue("editor")
    client.force_login(intruder)
    for name in ("synthesis_docx", "synthesis_pdf", "synthesis_published"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 404, name
    assert client.post(reverse("synthesis_publish", args=[dossier.pk])).status_code == 404


def test_administrators_may_generate_and_download_it(client, counsellor, administrator, dossier):
    client.force_login(counsellor)
    client.post(reverse("synthesis_publish", args=[dossier.pk]))
    client.force_login(administrator)
    for name in ("synthesis_docx", "synthesis_published"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 200, name


def test_anonymous_is_sent_to_login(client, dossier):
    response = client.get(reverse("synthesis_docx", args=[dossier.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_deleting_the_account_deletes_the_published_document(
    client, counsellor, dossier, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    client.post(reverse("synthesis_publish", args=[dossier.pk]))
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / Synthesis.objects.get().published_file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dossiers:candidate_delete", args=[dossier.pk]), {"confirm": "on"})
    assert not Synthesis.objects.exists()
    assert not stored.exists()
