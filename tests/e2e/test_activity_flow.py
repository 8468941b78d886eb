"""An administrator opens *L'activité de l'académie*, filters by DABM, reads the charts and tables, and
downloads the export; the page is axe clean."""

import datetime
import io

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import violations
from tests.factories import PASSWORD, CandidateFactory, CounsellorFactory, DABMFactory, UserFactory

pytestmark = E2E


def test_an_administrator_reads_and_exports_the_figures_of_a_dabm(page, log_in):
    from candidates import access

    administrator = UserFactory(role=access.ADMINISTRATEUR)
    nimes, ales = DABMFactory(name="NÎMES"), DABMFactory(name="ALÈS")
    counsellor = CounsellorFactory(first_name="Claire", last_name="BOAD")
    start = datetime.date.today() - datetime.timedelta(days=20)
    for dabm, count in ((nimes, 3), (ales, 2)):
        for _ in range(count):
            CandidateFactory(
                dossier__counsellor=counsellor,
                dossier__dabm=dabm,
                dossier__start_date=start,
                dossier__end_date=start + datetime.timedelta(days=90),
            )

    log_in(administrator.username, PASSWORD)
    page.goto("/admin/")
    page.get_by_role("link", name="L'activité de l'académie").click()
    expect(page.get_by_role("heading", name="Les bilans")).to_be_visible()

    page.get_by_label("DABM", exact=True).select_option(label="NÎMES")
    page.get_by_role("button", name="Afficher les chiffres").click()
    expect(page.get_by_text("Chiffres toutes les années")).to_contain_text("DABM NÎMES")
    chart = page.get_by_role("img", name="Bilans de la période — Nombre")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Bilans de la période")
    expect(table.get_by_role("row", name="Commencés")).to_contain_text("3")
    per_dabm = page.get_by_role("table", name="Bilans et heures par DABM")
    expect(per_dabm.get_by_role("row", name="NÎMES")).to_be_visible()
    expect(per_dabm.get_by_role("row", name="ALÈS")).to_have_count(0)
    assert violations(page, labels=False) == []  # axe; the label check is for the portal (Wagtail has icon buttons)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l'export Excel (.xlsx)").click()
    assert download.value.suggested_filename.startswith("activite-academie_toutes-annees_dabm-nimes_")
    workbook = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(workbook["Les bilans"].iter_rows(values_only=True))
    assert ("Commencés", 3) in rows
