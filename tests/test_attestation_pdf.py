"""The *Attestation de présence* PDF: what it says, and who may download it."""

import datetime
import os
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_weasyprint import WeasyTemplateResponse

from candidates import portal_settings
from candidates.attestations.durations import minutes_between
from candidates.models import Attestation, AuditEvent
from documents.pdf import html_to_pdf, render_attestation_pdf

from .factories import CandidateFactory, CounsellorFactory, DABMFactory
from .samples import image_bytes, pdf_text

PARIS = ZoneInfo("Europe/Paris")
REFERENCE = "ATT-2026-000042"


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def dossier(candidate):
    """Lucas BERNARD renamed Françoise LEFÈVRE, at the DABM NÎMES, followed by Claire BOAD."""
    candidate.first_name, candidate.last_name = "Françoise", "LEFÈVRE"
    candidate.save()
    dossier = candidate.dossier
    dossier.dabm = DABMFactory(name="NÎMES", city="Nîmes", address="12 rue du Cœur-de-Ville\n30000 Nîmes")
    dossier.phone = "04 66 56 89 78"
    dossier.remote = dossier.on_site = True
    dossier.start_date, dossier.end_date = datetime.date(2021, 3, 1), datetime.date(2021, 6, 30)
    dossier.save()
    return dossier


def make_attestation(dossier, start, end, minutes, reference=REFERENCE):
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=end,
        duration_minutes=minutes,
        reference=reference,
    )


@pytest.fixture
def attestation(dossier):
    return make_attestation(dossier, paris(2021, 3, 30, 9, 0), paris(2021, 3, 30, 12, 0), 180)


# What the document says ------------------------------------------------------------------------


def test_attestation_names_everything_the_law_asks_for(attestation):
    text = pdf_text(render_attestation_pdf(attestation))

    issued = f"{timezone.localdate(attestation.created_at, timezone=PARIS):%d/%m/%Y}"
    for expected in [
        settings.ACADEMIE_NAME.upper(),  # shown in capitals in the header
        "DABM NÎMES",
        "12 rue du Cœur-de-Ville",
        "Attestation de présence",
        "Bilan de compétences (article L6313-4 du Code du travail)",
        "Prénom Françoise",
        "Nom LEFÈVRE",
        "Téléphone 04 66 56 89 78",
        "Date mardi 30/03/2021",
        "de 09:00 à 12:00",
        "Durée 3 h ",
        "du 01/03/2021 au 30/06/2021",
        "Mixte (à distance et présentiel)",
        "Claire BOAD",
        f"Fait à NÎMES, le {issued}",
        "Signature du conseiller / de la conseillère",
        "Signature du / de la bénéficiaire",
        f"Référence : {REFERENCE}",
        "Document établi par « Mon bilan en ligne »",
        "Page 1 / 1",
    ]:
        assert expected in text, expected
    for character in "éèàçœ«»ÎÈ":
        assert character in text, character
    assert "APERÇU" not in text


def test_a_session_across_midnight_shows_both_dates(dossier):
    start, end = paris(2021, 3, 30, 22, 30), paris(2021, 3, 31, 1, 15)
    attestation = make_attestation(dossier, start, end, minutes_between(start, end))

    text = pdf_text(render_attestation_pdf(attestation))

    assert "Début le mardi 30/03/2021 à 22:30" in text
    assert "Fin le mercredi 31/03/2021 à 01:15" in text
    assert "Durée 2 h 45" in text


def test_a_session_on_the_night_clocks_go_forward_lasts_one_real_hour(dossier):
    # 29/03/2026 in Europe/Paris: 02:00 CET becomes 03:00 CEST, so 01:30 → 03:30 on the clock is one hour.
    start, end = paris(2026, 3, 29, 1, 30), paris(2026, 3, 29, 3, 30)
    attestation = make_attestation(dossier, start, end, 60)

    text = pdf_text(render_attestation_pdf(attestation))

    assert "de 01:30 à 03:30" in text
    assert "Durée 1 h " in text


def test_minutes_between_counts_real_time_on_the_night_clocks_go_forward():
    assert minutes_between(paris(2026, 3, 29, 1, 30), paris(2026, 3, 29, 3, 30)) == 60


def test_an_unsaved_attestation_renders_as_a_preview_without_reference(dossier):
    attestation = Attestation(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=paris(2021, 3, 30, 9, 0),
        end=paris(2021, 3, 30, 12, 0),
        duration_minutes=180,
    )

    text = pdf_text(render_attestation_pdf(attestation))

    assert "APERÇU — document non enregistré" in text
    assert "Référence" not in text
    assert f"Fait à NÎMES, le {timezone.localdate(timezone=PARIS):%d/%m/%Y}" in text
    assert "Durée 3 h " in text
    assert attestation.pk is None
    assert not Attestation.objects.exists()


def images_in(pdf: bytes, folder) -> int:
    """How many images the PDF shows, as `pdfimages -list` counts them."""
    path = folder / "document.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(  # noqa: S603
        ["pdfimages", "-list", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout.splitlines()
    return len(listing) - 2  # a header line and a rule


def test_nothing_but_data_uris_is_read_while_rendering(tmp_path):
    """The académie's logo is inlined (data: URI); a file, a path next to the code or a web address
    is never read, whatever the HTML says."""
    picture = tmp_path / "picture.png"
    picture.write_bytes(image_bytes("PNG"))
    inlined = portal_settings.logo_data_uri((picture.read_bytes(), "image/png"))

    assert images_in(html_to_pdf(f'<img src="{inlined}">'), tmp_path) == 1
    next_to_the_code = os.path.relpath(picture, settings.BASE_DIR)  # relative to the documents' base URL
    for elsewhere in [picture.as_uri(), next_to_the_code, "http://127.0.0.1:9/picture.png"]:
        assert images_in(html_to_pdf(f'<img src="{elsewhere}"><p>Texte</p>'), tmp_path) == 0, elsewhere


# Who may download it ---------------------------------------------------------------------------


def url(attestation):
    return reverse("attestation_pdf", args=[attestation.pk])


def test_the_candidates_counsellor_downloads_the_pdf(client, attestation, counsellor):
    client.force_login(counsellor)

    response = client.get(url(attestation))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="attestation-{REFERENCE}.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Attestation de présence" in pdf_text(response.content)


def test_the_candidate_downloads_their_own_attestation(client, attestation, candidate):
    client.force_login(candidate)

    response = client.get(url(attestation))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("other", ["counsellor", "candidate", "editor"])
def test_anybody_else_gets_a_404(client, attestation, other, request):
    person = {
        "counsellor": CounsellorFactory,
        "candidate": CandidateFactory,
        "editor": lambda: request.getfixturevalue("editor"),
    }[other]()
    client.force_login(person)

    assert client.get(url(attestation)).status_code == 404


def test_an_unknown_attestation_is_a_404(client, counsellor):
    client.force_login(counsellor)

    assert client.get(reverse("attestation_pdf", args=[999_999])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, attestation):
    response = client.get(url(attestation))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url(attestation)}"


def test_the_download_is_laid_out_by_django_weasyprint(client, attestation, counsellor):
    """The view's response is django-weasyprint's; its PDF is the export's, and one download is journaled."""
    client.force_login(counsellor)

    response = client.get(url(attestation))

    assert isinstance(response, WeasyTemplateResponse)
    assert response.content == render_attestation_pdf(attestation)
    text = pdf_text(response.content)
    assert f"Référence : {REFERENCE}" in text and "Page 1 / 1" in text
    # Set by the middleware (NoStoreMiddleware, SECURE_CONTENT_TYPE_NOSNIFF), not by the view.
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    downloads = AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_DOWNLOADED)
    assert list(downloads.values_list("actor", "object_id")) == [(counsellor.pk, str(attestation.pk))]


def test_the_apercu_opens_in_the_browser_as_a_watermarked_pdf(client, dossier, counsellor):
    client.force_login(counsellor)
    form = {"start_0": "30/03/2021", "start_1": "09:00", "end_0": "30/03/2021", "end_1": "12:00", "dossier": dossier.pk}

    response = client.post(reverse("attestation_preview"), form)

    assert response.status_code == 200
    assert isinstance(response, WeasyTemplateResponse)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="apercu.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = pdf_text(response.content)
    assert "APERÇU — document non enregistré" in text and "Date mardi 30/03/2021" in text
    assert "Référence" not in text
    assert not Attestation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_DOWNLOADED).exists()
