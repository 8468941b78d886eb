"""The académie's admin listings read in French (#18): Oui/Non instead of Django admin's missing icons,
sentence-case labels, the menu entry as the page title, French empty states and filter titles; the
attestation's PDF from its inspect view; the journal names and links people, in Paris time."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from candidates.journal import services as journal
from candidates.models import Attestation, AuditEvent

from .factories import CounsellorFactory

PARIS = ZoneInfo("Europe/Paris")
CANDIDATES = "/admin/candidates/dossier/"
ATTESTATIONS = "/admin/candidates/attestation/"
COUNSELLORS = "/admin/candidates/counsellor/"
DABM = "/admin/candidates/dabm/"


@pytest.fixture
def attestation(candidate):
    dossier = candidate.dossier
    dossier.remote, dossier.on_site = True, False
    dossier.save()
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=datetime.datetime(2026, 3, 30, 9, 0, tzinfo=PARIS),
        end=datetime.datetime(2026, 3, 30, 12, 0, tzinfo=PARIS),
        duration_minutes=180,
        reference="ATT-2026-000042",
    )


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_booleans_read_oui_non_in_the_listings_without_icons(client, administrator, attestation, counsellor):
    CounsellorFactory(last_name="RETRAITE", is_active=False)
    client.force_login(administrator)
    for url in (ATTESTATIONS, COUNSELLORS):
        html = page(client, url)
        assert "icon-yes.svg" not in html and "icon-no.svg" not in html
        assert ">True<" not in html and ">False<" not in html and 'alt="True"' not in html
    assert "Non" in cells(page(client, ATTESTATIONS))
    counsellors = cells(page(client, COUNSELLORS))
    assert "Oui" in counsellors and "Non" in counsellors


def test_inspect_views_read_oui_non_with_sentence_case_labels(client, administrator, attestation):
    client.force_login(administrator)
    dossier = page(client, f"{CANDIDATES}inspect/{attestation.dossier.pk}/")
    shown = text(dossier)
    assert "À distance Oui" in shown and "En présentiel Non" in shown
    assert "True" not in shown and "False" not in shown
    assert "Candidat Lucas BERNARD" in shown and "Conseiller Claire BOAD" in shown
    inspected = text(page(client, f"{ATTESTATIONS}inspect/{attestation.pk}/"))
    assert "Au-delà de 24 heures Non" in inspected and "Référence ATT-2026-000042" in inspected
    assert "Date de début 30 mars 2026 09:00" in inspected  # Paris time
    assert "ce/cette" not in dossier + page(client, CANDIDATES) and "Retour à la liste « Candidats »" in shown


def test_the_page_titles_are_the_menu_entries_in_sentence_case(client, administrator, attestation):
    client.force_login(administrator)
    for url, title in [
        (CANDIDATES, "Candidats"),
        (ATTESTATIONS, "Attestations de présence"),
        (COUNSELLORS, "Conseillers"),
        (DABM, "DABM"),
    ]:
        html = page(client, url)
        assert re.search(rf"<h1[^>]*>\s*(<svg.*?</svg>\s*)?{title}\b", html, re.S), url
        assert f"<title>{title} - " in html
    html = page(client, CANDIDATES) + page(client, ATTESTATIONS)
    assert "Dossier De Bilan" not in html and "De Présence" not in html


def test_filters_are_titled_in_french(client, administrator, attestation):
    client.force_login(administrator)
    listing = page(client, COUNSELLORS)
    assert "Par actif" not in listing and "By " not in listing
    assert "<h3>Compte</h3>" in listing and "Désactivé" in listing and "<h3>DABM</h3>" in listing
    assert "<h3>Statut</h3>" in page(client, CANDIDATES) and "<h3>Mois</h3>" in page(client, ATTESTATIONS)
    assert "Ajouter un conseiller" in listing and "un(e)" not in listing


def test_empty_listings_say_so_in_french(client, administrator, candidate):
    client.force_login(administrator)
    empty = page(client, ATTESTATIONS)
    assert "Aucune attestation." in empty and "créé" not in empty and "aucun(e)" not in empty
    assert "Aucun candidat ne correspond à ces critères." in page(client, CANDIDATES, q="zzzz")


def test_an_administrator_downloads_the_attestation_pdf_from_its_inspect_view(client, administrator, attestation):
    client.force_login(administrator)
    inspected = page(client, f"{ATTESTATIONS}inspect/{attestation.pk}/")
    url = reverse("attestation_pdf", args=[attestation.pk])
    assert f'href="{url}"' in inspected and "Télécharger l'attestation (PDF)" in inspected
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")


def test_an_editor_gets_neither_the_inspect_view_nor_the_pdf(client, editor, attestation):
    client.force_login(editor)
    assert client.get(f"{ATTESTATIONS}inspect/{attestation.pk}/").status_code == 404
    assert client.get(reverse("attestation_pdf", args=[attestation.pk])).status_code == 404


def test_journal_rows_name_and_link_the_candidate_in_paris_time(client, administrator, attestation, counsellor):
    event = journal.record(
        counsellor, AuditEvent.Action.DOCUMENT_DOWNLOADED, dossier=attestation.dossier, obj=attestation
    )
    summer = datetime.datetime(2026, 7, 1, 10, 5, tzinfo=datetime.UTC)  # 12:05 in Paris
    AuditEvent.objects.filter(pk=event.pk).update(created_at=summer)
    client.force_login(administrator)
    dossier_url = f"{CANDIDATES}inspect/{attestation.dossier.pk}/"
    attestation_url = f"{ATTESTATIONS}inspect/{attestation.pk}/"

    listing = page(client, reverse("journal:index"))
    assert re.search(rf'<a href="{dossier_url}">\s*Lucas BERNARD\s*</a>', listing)
    assert f'<a href="{attestation_url}">' in listing and "ATT-2026-000042" in listing
    assert "Claire BOAD" in listing
    assert "1 juillet 2026 12:05" in listing and "10:05" not in listing

    inspected = page(client, reverse("journal:inspect", args=[event.pk]))
    assert re.search(rf'<a href="{dossier_url}">\s*Lucas BERNARD\s*</a>', inspected)
    assert f'<a href="{dossier_url}">Dossier de bilan de Lucas BERNARD</a>' in inspected
    assert f'<a href="{attestation_url}">' in inspected
    assert "1 juillet 2026 12:05" in inspected and "10:05" not in inspected


def test_a_deleted_candidate_is_named_by_number_in_the_journal(client, administrator, counsellor):
    journal.record(counsellor, AuditEvent.Action.CANDIDATE_DELETED, candidate=None, detail="")
    AuditEvent.objects.update(candidate_id=999_999, dossier_id=888_888)
    client.force_login(administrator)
    listing = page(client, reverse("journal:index"))
    assert "candidat n°999999 (supprimé)" in listing
