"""*Explorer un métier* in Chromium: the combobox from the keyboard only, down to the fiche page; axe-core
on both pages; the fiche on a phone's width without horizontal scrolling; the combobox without
navigation, as a question block uses it (one item after the other, the form never submitted by Enter)."""

import re

from playwright.sync_api import expect

from skills.loader import load_rome
from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import violations
from tests.factories import PASSWORD

pytestmark = E2E


def test_a_candidate_finds_a_job_with_the_keyboard(page, log_in, candidate):
    load_rome()  # the full référentiel, in the live server's database (~9 s)
    log_in(candidate.username, PASSWORD)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Explorer un métier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Explorer un métier")
    assert violations(page) == []

    box = page.get_by_role("combobox", name="Rechercher un métier")
    box.press_sequentially("aide soi", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status")).to_have_text("5 résultats")
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Aide-soignant / Aide-soignante")
    assert violations(page) == []  # the open list too

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/metiers/J1501/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aide-soignant / Aide-soignante (J1501)")
    savoir_faire = page.locator("section", has=page.get_by_role("heading", name="Savoir-faire", exact=True))
    expect(savoir_faire.get_by_text("Cœur de métier", exact=True).first).to_be_visible()
    nearby = page.locator("section", has=page.get_by_role("heading", name="Métiers proches"))
    expect(nearby.get_by_role("link", name="Auxiliaire de puériculture")).to_be_visible()
    expect(page.get_by_text("Source : France Travail, ROME 4.0 (version 460)")).to_be_visible()
    assert violations(page) == []

    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert violations(page) == []

    # Without data-navigate (a question block's use): the choice is an event, the input empties and
    # keeps the focus; with data-no-submit, Enter on no option does not submit the form.
    page.goto("/metiers/")
    page.evaluate(
        """() => {
        document.querySelector('main').insertAdjacentHTML('beforeend',
          '<form id="host" action="/metiers/"><div data-rome-combobox data-no-submit'
          + ' data-source="/metiers/recherche.json?liste=competences">'
          + '<label class="fr-label" for="skill">Une compétence</label>'
          + '<input class="fr-input" id="skill" name="skill" type="text"></div></form>');
        window.chosen = [];
        document.getElementById('host').addEventListener('rome-combobox:choose', (e) => chosen.push(e.detail));
        window.romeCombobox.enhanceAll();
        }"""
    )
    skill = page.get_by_role("combobox", name="Une compétence")
    skill.press_sequentially("animer une reu", delay=30)
    expect(page.get_by_role("listbox", name="Une compétence").get_by_role("option").first).to_be_visible()
    skill.press("ArrowUp")  # wraps to the last option
    skill.press("Enter")
    chosen = page.evaluate("() => window.chosen")
    assert len(chosen) == 1 and chosen[0]["kind"] == "savoir_faire" and chosen[0]["url"] is None
    expect(skill).to_have_value("")
    expect(skill).to_be_focused()
    skill.press("Enter")  # no option active: data-no-submit keeps the page
    expect(page).to_have_url(re.compile(r"/metiers/$"))
