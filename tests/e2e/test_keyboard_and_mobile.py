"""Keyboard only, and a 375-pixel-wide phone: the candidate's phase form and dashboard, and the
counsellor's *Ajouter un candidat*."""

from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import PhaseResponse, User
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, DABMFactory
from tests.phase_builders import every_type_phase

pytestmark = E2E


def type_into_focused(page, text):
    page.keyboard.type(text)


def tab_to(page, name, limit=200):
    """Press Tab until the element whose accessible name or id contains `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
            " return (e.id || '') + ' ' + (l ? l.textContent : '') + ' ' + (e.textContent || '') }"
        )
        if name in focused:
            return
    raise AssertionError(f"{name!r} never got the focus with Tab")


def test_phase_form_with_the_keyboard_only(page, log_in, candidate, bilan):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    log_in(candidate.username, PASSWORD)
    page.goto(reverse("dossiers:phase_answer", args=[phase.slug]))
    tab_to(page, "Votre métier actuel")
    type_into_focused(page, "Secrétaire médicale")
    tab_to(page, "multi_0")  # the first « Vos motivations » checkbox
    page.keyboard.press("Space")
    tab_to(page, "Marquer comme terminée")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon tableau de bord")
    assert PhaseResponse.objects.get(candidate=candidate).status == PhaseResponse.Status.DONE


def test_add_candidate_with_the_keyboard_only(page, log_in, counsellor, phases):
    DABMFactory(name="MENDE")
    log_in(counsellor.username, PASSWORD)
    page.goto(reverse("dossiers:candidate_add"))
    for field, text in [
        ("id_email", "clavier@exemple.fr"),
        ("id_username", "clavier"),
        ("id_password1", "un-mot-de-passe-clavier-1"),
        ("id_password2", "un-mot-de-passe-clavier-1"),
        ("id_first_name", "camille"),
        ("id_last_name", "clavier"),
        ("id_phone", "0466568978"),
    ]:
        tab_to(page, field)
        type_into_focused(page, text)
    tab_to(page, "id_dabm")
    page.keyboard.press("ArrowDown")
    tab_to(page, "A distance")
    page.keyboard.press("Space")
    tab_to(page, "id_start_date")
    type_into_focused(page, "01/10/2026")
    tab_to(page, "id_end_date")
    type_into_focused(page, "31/12/2026")
    tab_to(page, "Créer un nouveau compte")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille CLAVIER")
    assert User.objects.filter(username="clavier").exists()


def test_errors_are_announced_at_the_top_of_the_form(page, log_in, counsellor):
    log_in(counsellor.username, PASSWORD)
    page.goto(reverse("dossiers:candidate_add"))
    page.get_by_role("button", name="Créer un nouveau compte").click()
    summary = page.locator("#form-errors")
    expect(summary).to_have_attribute("role", "alert")
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")
    field = page.locator(target)
    expect(field).to_have_attribute("aria-invalid", "true")


def test_phone_width_has_no_horizontal_scrolling(browser, live_server, candidate, bilan):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    page = context.new_page()
    page.goto("/connexion/")
    page.get_by_label("Nom d'utilisateur").fill(candidate.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    for url in (reverse("dashboard"), reverse("dossiers:phase_answer", args=[phase.slug])):
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width}px wide at 375px"
    context.close()
