"""Long phase forms (#18): a row or an entry added by mistake is removed, and the autosave stores
what is left; the autosave status and the buttons stay in view at the top of the longest phase."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import every_type_phase

pytestmark = E2E

LONGEST = "valeurs-relatives-au-travail"  # the tallest shipped phase on a 1280-pixel screen (about 6 800 px)


def test_rows_added_by_mistake_are_removed_and_the_status_stays_in_view(page, log_in, candidate, bilan, phases):
    phase = every_type_phase(bilan)
    longest = next(p for p in phases if p.slug == LONGEST)
    candidate.dossier.phases.add(phase, longest)
    # « col-old » is a column the table no longer has: its cells ride along, hidden, in their row.
    table = [{"col-0": "Accueil du public", "col-old": "ancien"}, {"col-0": "Par erreur", "col-old": "vieux"}]
    table.append({"col-0": "Gestion d'agenda"})
    dossier_services.response_save(candidate=candidate, phase=phase, answers={"table": table}, version=0)
    console = []  # Chromium says there what the CSP blocked
    page.on("console", lambda message: console.append(message.text))
    status = page.get_by_role("status").and_(page.locator("[data-autosave-status]"))

    def wait_for_the_autosave():
        """Until the save of what was just done: the status is emptied, then says « Enregistré à … »."""
        status.evaluate("status => { status.textContent = '' }")
        expect(status).to_have_text(re.compile("^Enregistré à"))

    log_in(candidate.username, PASSWORD)
    page.goto(reverse("dossiers:phase_answer", args=[phase.slug]))
    question = page.locator('[data-question="table"]')
    add_row = question.get_by_role("button", name="Ajouter une ligne")
    expect(page.get_by_label("Compétence, ligne 4")).to_have_value("")  # the blank row offered
    add_row.click()
    page.get_by_label("Compétence, ligne 5").fill("Une ligne de trop")
    question.get_by_role("button", name="Supprimer cette ligne (ligne 5)").click()
    expect(page.get_by_label("Compétence, ligne 5")).to_have_count(0)
    expect(add_row).to_be_focused()  # no row after it
    question.get_by_role("button", name="Supprimer cette ligne (ligne 2)").click()
    expect(page.get_by_label("Compétence, ligne 2")).to_have_value("Gestion d'agenda")
    expect(page.get_by_label("Compétence, ligne 2")).to_be_focused()  # the next row took its place
    expect(page.get_by_label("Compétence, ligne 4")).to_have_count(0)
    assert question.locator("input[type=hidden]").evaluate_all("inputs => inputs.map(i => [i.name, i.value])") == [
        ["table__0__col-old", "ancien"]
    ]

    entries = page.locator('[data-question="entries"]')
    entries.get_by_label("Employeur").fill("CHU de Nîmes")
    entries.get_by_role("button", name="Ajouter une entrée").click()
    expect(entries.get_by_role("group", name="Entrée 2")).to_be_visible()
    entries.get_by_label("Employeur").nth(1).fill("Par erreur")
    entries.get_by_role("button", name="Supprimer cette entrée (entrée 2)").click()
    expect(entries.get_by_role("group", name=re.compile("^Entrée"))).to_have_count(1)
    expect(entries.get_by_role("button", name="Ajouter une entrée")).to_be_focused()
    wait_for_the_autosave()

    answers = PhaseResponse.objects.get(candidate=candidate, phase=phase).answers
    assert [row["col-0"] for row in answers["table"]] == ["Accueil du public", "Gestion d'agenda"]
    assert [row.get("col-old") for row in answers["table"]] == ["ancien", None]
    assert [row["f-0"] for row in answers["entries"]] == ["CHU de Nîmes"]

    # At the top of the longest phase, the status and the buttons are on screen while the candidate answers.
    page.goto(reverse("dossiers:phase_answer", args=[longest.slug]))
    assert page.evaluate("() => document.documentElement.scrollHeight") > 4000
    page.locator("#phase-form .scale-step label").first.click()  # the first question's first degree
    wait_for_the_autosave()
    expect(status).to_be_in_viewport()
    page.locator("#phase-form textarea").first.press_sequentially("Être utile")
    wait_for_the_autosave()
    expect(status).to_be_in_viewport()
    expect(page.get_by_role("button", name="Marquer comme terminée")).to_be_in_viewport()
    assert [text for text in console if "Content Security Policy" in text] == []
