"""*Consulter sa synthèse*, publishing, *Ma synthèse* and the beneficiary's observations, and who
may generate or download what."""

import io
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_weasyprint import WeasyTemplateResponse

from candidates.dossiers import services as dossier_services
from candidates.models import AuditEvent, SharingConsent, Synthesis, SynthesisVersion
from candidates.synthesis import services as synthesis_services
from documents.synthesis import render_synthesis_pdf
from documents.synthesis_content import synthesis_content
from phases.synthesis_sections import SynthesisSection

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


def publish(client, dossier, number: int = 1, **fields):
    """*Publier la version N*, confirming empty sections."""
    return client.post(
        reverse("synthesis_publish", args=[dossier.pk]), {"number": number, "empty_confirmed": "on", **fields}
    )


def write_sections(dossier, counsellor, **texts):
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    synthesis_services.synthesis_save(
        actor=counsellor,
        dossier=dossier,
        sections={
            section.value: texts.get(section.value, f"<p>Texte {section.label}</p>") for section in SynthesisSection
        },
        left_out=None,
        version=synthesis.version if synthesis else 0,
    )


def test_publishing_shows_the_document_and_asks_for_confirmation(client, counsellor, dossier):
    write_sections(dossier, counsellor, competences="<p>Sait <strong>animer</strong> une équipe.</p>")
    client.force_login(counsellor)
    page = client.get(reverse("synthesis_publish", args=[dossier.pk])).content.decode()
    assert "Le bénéficiaire pourra le télécharger ; cette version sera figée" in page
    assert "Sait <strong>animer</strong> une équipe." in page
    assert "Communicable à : personne" in page
    assert "Publier la version 1" in page
    assert "rester vide" not in page  # every section is written
    assert not SynthesisVersion.objects.exists()  # looking publishes nothing


def test_an_empty_section_is_published_only_once_confirmed(client, counsellor, dossier):
    write_sections(dossier, counsellor, projets="<p> </p>")
    client.force_login(counsellor)
    page = client.get(reverse("synthesis_publish", args=[dossier.pk])).content.decode()
    assert "Je confirme que cette rubrique doit rester vide : « Le ou les projets professionnels »" in page
    refused = client.post(reverse("synthesis_publish", args=[dossier.pk]), {"number": 1})
    assert refused.status_code == 400
    assert "Cochez la case pour publier avec une rubrique vide" in refused.content.decode()
    assert not SynthesisVersion.objects.exists()
    assert publish(client, dossier).status_code == 302
    assert SynthesisVersion.objects.get().number == 1


def test_publish_then_the_candidate_is_told_downloads_and_observes(
    client, counsellor, dossier, mailoutbox, django_capture_on_commit_callbacks
):
    write_sections(dossier, counsellor, competences="<p>Texte confidentiel des compétences</p>")
    client.force_login(dossier.candidate)
    assert "pas encore publiée" in client.get(reverse("synthesis:mine")).content.decode()
    assert client.get(reverse("synthesis_published", args=[dossier.pk])).status_code == 404

    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, dossier)
    assert response.status_code == 302
    assert "La version 1 de la synthèse est publiée" in client.get(response.url).content.decode()
    version = SynthesisVersion.objects.get()
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / version.docx.name
    assert stored.exists() and version.pdf.name  # the PDF is frozen too
    assert not str(stored.resolve()).startswith(str(Path(settings.MEDIA_ROOT).resolve()))
    assert "Texte confidentiel des compétences" in text_of(stored.read_bytes())

    [mail] = mailoutbox
    assert mail.to == [dossier.candidate.email]
    assert "votre document de synthèse" in mail.body and reverse("synthesis:mine") in mail.body
    assert "confidentiel" not in mail.body and "Texte" not in mail.body  # nothing of the content

    client.force_login(dossier.candidate)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "MA SYNTHÈSE" in dashboard and reverse("synthesis_version", args=[dossier.pk, 1, "docx"]) in dashboard
    page = client.get(reverse("synthesis:mine")).content.decode()
    assert "Télécharger ma synthèse (.docx)" in page and "Télécharger ma synthèse (PDF)" in page
    download = client.get(reverse("synthesis_published", args=[dossier.pk]))
    assert download.status_code == 200 and download.content == stored.read_bytes()
    pdf = client.get(reverse("synthesis_version", args=[dossier.pk, 1, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and "Texte confidentiel des compétences" in pdf_text(pdf.content)
    client.post(reverse("synthesis:mine"), {"observations": "Je suis d'accord avec le projet retenu."})

    client.force_login(counsellor)
    account = client.get(reverse("dossiers:candidate", args=[dossier.pk])).content.decode()
    assert "Je suis d&#x27;accord avec le projet retenu." in account
    regenerated = text_of(client.get(reverse("synthesis_docx", args=[dossier.pk])).content)
    assert "Je suis d'accord avec le projet retenu." in regenerated
    assert "Je suis d'accord" not in text_of(stored.read_bytes())  # the published one stays frozen


def test_a_second_version_keeps_the_first_and_a_double_submit_publishes_once(client, counsellor, dossier):
    write_sections(dossier, counsellor, etapes="<p>Première version des étapes</p>")
    client.force_login(counsellor)
    publish(client, dossier)
    again = publish(client, dossier, number=1)  # the same confirmation sent twice
    assert SynthesisVersion.objects.count() == 1
    assert "La version 1 est déjà publiée." in client.get(again.url).content.decode()
    write_sections(dossier, counsellor, etapes="<p>Seconde version des étapes</p>")
    assert "Publier la version 2" in client.get(reverse("synthesis_publish", args=[dossier.pk])).content.decode()
    publish(client, dossier, number=2)
    first, second = SynthesisVersion.objects.order_by("number")
    assert first.docx.name != second.docx.name
    assert "Première version" in text_of(first.docx.read()) and "Seconde version" in text_of(second.docx.read())

    client.force_login(dossier.candidate)
    page = client.get(reverse("synthesis:mine")).content.decode()
    assert "(version 2)" in page and "Versions précédentes" in page and "Version 1, publiée le" in page
    latest = client.get(reverse("synthesis_published", args=[dossier.pk]))
    assert "Seconde version" in text_of(latest.content)
    earlier = client.get(reverse("synthesis_version", args=[dossier.pk, 1, "docx"]))
    assert earlier.status_code == 200 and "Première version" in text_of(earlier.content)
    assert client.get(reverse("synthesis_version", args=[dossier.pk, 3, "docx"])).status_code == 404
    assert client.get(reverse("synthesis_version", args=[dossier.pk, 1, "exe"])).status_code == 404


def test_the_candidate_gives_and_revokes_consent_to_communicate_it(client, counsellor, dossier):
    client.force_login(dossier.candidate)
    assert "Communicable à : personne" in client.get(reverse("synthesis:mine")).content.decode()
    refused = client.post(reverse("synthesis:sharing_give"), {"recipient": "  "})
    assert refused.status_code == 400 and "Indiquez à qui votre synthèse peut être remise." in refused.content.decode()
    client.post(reverse("synthesis:sharing_give"), {"recipient": "Mon employeur, la société Dupont"})
    consent = SharingConsent.objects.get()
    page = client.get(reverse("synthesis:mine")).content.decode()
    day = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Communicable à : Mon employeur, la société Dupont (accord du {day})" in page
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SYNTHESIS_SHARED, dossier_id=dossier.pk).exists()

    other = CandidateFactory(dossier__counsellor=counsellor)
    client.force_login(other)
    assert client.post(reverse("synthesis:sharing_revoke", args=[consent.pk])).status_code == 404
    client.force_login(dossier.candidate)
    client.post(reverse("synthesis:sharing_revoke", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    page = client.get(reverse("synthesis:mine")).content.decode()
    assert "Communicable à : personne" in page and f"retiré le {day}" in page
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SYNTHESIS_SHARING_REVOKED).count() == 1


def test_observations_with_a_nul_byte_are_refused_and_kept_on_screen(client, counsellor, dossier):
    client.force_login(counsellor)
    publish(client, dossier)
    client.force_login(dossier.candidate)
    response = client.post(reverse("synthesis:mine"), {"observations": "Mon avis\x00 sur la synthèse"})
    assert response.status_code == 400
    assert "Mon avis" in response.content.decode()
    assert Synthesis.objects.get().observations == ""


def test_the_draft_keeps_the_counsellor_notes_away_from_the_candidate(client, counsellor, dossier, phases):
    dossier_services.synthesis_note_save(dossier=dossier, phase=phases[0], text="Note privée du conseiller")
    client.force_login(dossier.candidate)
    assert client.get(reverse("synthesis_docx", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("synthesis_pdf", args=[dossier.pk])).status_code == 404


@pytest.mark.parametrize("who", ["other_counsellor", "other_candidate", "editor"])
def test_nobody_else_generates_or_downloads_it(client, request, counsellor, dossier, who):
    client.force_login(counsellor)
    publish(client, dossier)
    if who == "other_counsellor":
        intruder = CounsellorFactory()
    elif who == "other_candidate":
        intruder = CandidateFactory(dossier__counsellor=CounsellorFactory())
    else:
        intruder = request.getfixturevalue("editor")
    client.force_login(intruder)
    for name in ("synthesis_docx", "synthesis_pdf", "synthesis_published", "synthesis_publish"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 404, name
    assert client.get(reverse("synthesis_version", args=[dossier.pk, 1, "docx"])).status_code == 404
    assert publish(client, dossier, number=2).status_code == 404


def test_administrators_may_generate_and_download_it(client, counsellor, administrator, dossier):
    client.force_login(counsellor)
    publish(client, dossier)
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
    publish(client, dossier)
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / SynthesisVersion.objects.get().docx.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dossiers:candidate_delete", args=[dossier.pk]), {"confirm": "on"})
    assert not Synthesis.objects.exists()
    assert not stored.exists()
