"""The *Synthèse* screen in Chromium (#19): the counsellor inserts two of the candidate's answers into
*Compétences et aptitudes identifiées*, edits them, and the autosave keeps the draft; axe finds
nothing serious on the screen, every button shows its label, and the CSP refuses nothing."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import Synthesis
from candidates.synthesis import services as synthesis_services
from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import violations
from tests.factories import PASSWORD
from tests.phase_builders import complete_phase

pytestmark = E2E


def test_the_counsellor_composes_a_section_from_two_answers(page, log_in, counsellor, candidate, phases):
    dossier = candidate.dossier
    dossier.phases.set(phases[:3])
    complete_phase(candidate, phases[1], "Vingt ans dans la logistique")  # Retour historique: compétences
    complete_phase(candidate, phases[2], "La solidarité avant tout")  # Valeurs: compétences
    console = []
    page.on("console", lambda message: message.type == "error" and console.append(message.text))

    log_in(counsellor.username, PASSWORD)
    page.goto(reverse("dossiers:candidate", args=[dossier.pk]))
    page.get_by_role("link", name="Rédiger la synthèse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Synthèse de Lucas BERNARD")
    assert violations(page) == []

    section = page.locator('section[data-synthesis-section="competences"]')
    editor = section.get_by_role("textbox", name="2. Compétences et aptitudes identifiées")
    items = section.locator(".synthesis-material__item")
    first = items.filter(has_text="Vingt ans dans la logistique").first
    second = items.filter(has_text="La solidarité avant tout").first
    questions = [item.locator("strong").first.text_content() for item in (first, second)]
    first.get_by_role("button", name=re.compile("^Insérer dans la synthèse la réponse à")).click()
    expect(editor).to_be_focused()
    expect(page.locator("[data-insert-announce]")).to_have_text(
        "Réponse insérée dans « Compétences et aptitudes identifiées »."
    )
    second.get_by_role("button", name=re.compile("^Insérer dans la synthèse la réponse à")).click()
    expect(editor).to_contain_text("La solidarité avant tout")
    expect(editor.locator("strong")).to_have_count(2)  # each insertion begins with its question in bold

    status = page.locator("[data-autosave-status]")
    editor.press("Control+End")
    editor.press_sequentially(" Sait conduire une équipe, ")
    editor.press("Control+b")
    expect(section.get_by_role("button", name="Gras")).to_have_attribute("aria-pressed", "true")
    editor.press_sequentially("avec calme")
    editor.press("Control+b")
    editor.press_sequentially(".")
    status.evaluate("status => { status.textContent = '' }")  # the save of the last keys, not an earlier one
    expect(status).to_have_text(re.compile("^Brouillon enregistré à"))

    synthesis = Synthesis.objects.get(dossier=dossier)
    assert "Sait conduire une équipe, <strong>avec calme</strong>." in synthesis.competences
    page.reload()
    editor = page.locator('section[data-synthesis-section="competences"]').get_by_role("textbox")
    expect(editor).to_contain_text("Vingt ans dans la logistique")
    expect(editor).to_contain_text("Sait conduire une équipe, avec calme.")
    expect(editor.locator("strong").first).to_have_text(questions[0])
    expect(editor.locator("strong").nth(1)).to_have_text(questions[1])

    # Saved meanwhile elsewhere: the autosave stops, says what to do, and the text stays on screen.
    synthesis_services.synthesis_save(
        actor=counsellor, dossier=dossier, sections={"etapes": "Ailleurs"}, left_out=None, version=synthesis.version
    )
    editor.press("Control+End")
    editor.press_sequentially(" Une phrase de plus.")
    expect(page.get_by_role("alert")).to_contain_text("modifiée ailleurs")
    expect(editor).to_contain_text("Une phrase de plus.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Le brouillon de la synthèse est enregistré.")).to_be_visible()
    assert "Une phrase de plus." in Synthesis.objects.get(dossier=dossier).competences
    assert [text for text in console if "409 (Conflict)" not in text] == []  # Chromium logs the refused autosave
