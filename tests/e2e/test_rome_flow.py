"""The ROME in a bilan, in Chromium (#20): the candidate adds five competences by typing and with the
keyboard only, answers the RIASEC inventory and sees the chart and the Holland code, opens a suggested
job, keeps it among their envisaged jobs and adds a missing competence to the plan d'action; the
counsellor sees all of it on the dossier page. axe-core on each page: no serious violation."""

import re

from playwright.sync_api import expect

from candidates.models import PhaseResponse
from phases.models import PhasePage
from skills.loader import load_rome
from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import violations
from tests.factories import PASSWORD

pytestmark = E2E

QUERIES = ["hygiene corporelle", "accueil", "travail en equipe", "ecoute active", "planning"]


def test_competences_interests_suggestions_gap_and_plan(
    page, log_in, browser, live_server, counsellor, candidate, phases
):
    load_rome()  # the full référentiel, in the live server's database (~9 s)
    candidate.dossier.phases.set(phases)
    log_in(candidate.username, PASSWORD)

    # Five competences, by typing and the keyboard only.
    page.goto("/mon-bilan/phases/identification-des-competences/")
    box = page.get_by_role("combobox", name="Rechercher une compétence dans le ROME")
    items = page.locator("[data-rome-items-list] [data-rome-item]")
    chosen = []
    for number, query in enumerate(QUERIES, start=1):
        box.press_sequentially(query, delay=20)
        option = page.get_by_role("listbox").get_by_role("option").first
        expect(option).to_be_visible()
        box.press("ArrowDown")
        label = option.locator(".rome-combobox__label").inner_text()
        box.press("Enter")
        expect(items).to_have_count(number)
        expect(page.locator("[data-rome-items-status]")).to_have_text(f"« {label} » ajoutée à votre liste.")
        expect(box).to_be_focused()
        chosen.append(label)
    items.first.get_by_role("radio", name="Je découvre").focus()  # « Maîtrise »: the arrows pick the degree
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(items.first.get_by_role("radio", name="Je maîtrise")).to_be_checked()
    expect(page.locator("[data-autosave-status]")).to_contain_text("Enregistré à")
    assert violations(page) == []
    competences_phase = PhasePage.objects.get(slug="identification-des-competences")
    question = next(child for child in competences_phase.question_children if child.block_type == "rome_competences")
    stored = PhaseResponse.objects.get(candidate=candidate, phase=competences_phase).answers[question.id]
    assert [item["label"] for item in stored] == chosen

    # The RIASEC inventory: mostly « Social », then « Artistique ».
    page.goto("/mon-bilan/phases/de-mes-atouts-a-mes-projets/")
    inventory = page.locator(
        ".question", has=page.get_by_text("Dans quelle mesure ces activités vous plairaient-elles ?")
    )
    ratings = {"S": "4", "A": "3", "E": "2"}
    phase = PhasePage.objects.get(slug="de-mes-atouts-a-mes-projets")
    block = next(child for child in phase.question_children if child.block_type == "riasec")
    for item in block.value["items"].bound_blocks:
        rating = ratings.get(item.value["dimension"], "1")
        inventory.locator(f"label[for='{block.id}__{item.id}_{rating}']").click()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Vos réponses sont enregistrées.")).to_be_visible()
    suggestions = page.locator("section.rome-computed", has=page.get_by_role("heading", name="Métiers à explorer"))
    expect(suggestions.get_by_text("Code Holland : SAE — profil Social–Artistique")).to_be_visible()
    expect(suggestions.get_by_role("row", name="S — Social 100")).to_be_visible()  # the table beside the chart
    first = suggestions.locator(".rome-suggestion").first
    expect(first).to_contain_text("de vos compétences")
    assert violations(page) == []

    # A suggested job: its fiche, kept among the envisaged jobs.
    first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/metiers/[A-Z]\d{4}/$"))
    job = page.get_by_label(re.compile("Intitulé à garder"))
    kept = job.locator("option:checked").inner_text()
    page.get_by_role("button", name="Ajouter à mes métiers envisagés").click()
    expect(page.get_by_text(f"« {kept} » est ajouté à vos métiers envisagés")).to_be_visible()
    assert violations(page) == []

    # L'écart, and a missing competence to the plan d'action.
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mes métiers").click()
    gap = page.locator("section.rome-gap", has_text=kept)
    expect(gap.get_by_text("Au cœur du métier, à acquérir")).to_be_visible()
    add = gap.get_by_role("button", name=re.compile("^Ajouter au plan d'action")).first
    missing = add.get_attribute("value")
    add.click()
    expect(page.get_by_text("Étape ajoutée à votre plan d'action")).to_be_visible()
    assert violations(page) == []
    page.goto("/mon-bilan/phases/definition-du-plan-d-action/")
    step = page.locator("textarea", has_text="Acquérir : ").first
    expect(step).to_be_visible()
    assert missing.split(":")[0] in step.input_value()

    # The counsellor sees it all on the dossier page.
    other = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    counsellor_page = other.new_page()
    counsellor_page.goto("/connexion/")
    counsellor_page.get_by_label("Nom d'utilisateur").fill(counsellor.username)
    counsellor_page.get_by_label("Mot de passe").fill(PASSWORD)
    counsellor_page.get_by_role("button", name="Se connecter").click()
    counsellor_page.goto(f"/conseiller/candidats/{candidate.dossier.pk}/")
    section = counsellor_page.locator(
        "section", has=counsellor_page.get_by_role("heading", name=re.compile("métiers \\(ROME\\)"))
    )
    for label in chosen:
        expect(section.get_by_text(label, exact=True).first).to_be_visible()
    expect(section.get_by_text("Code Holland : SAE")).to_be_visible()
    expect(section.locator(".rome-gap", has_text=kept).get_by_text("Au cœur du métier, à acquérir")).to_be_visible()
    assert violations(counsellor_page) == []
    other.close()
