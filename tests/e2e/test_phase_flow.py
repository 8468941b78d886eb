"""A candidate works through a phase in Chromium: autosave, reload, finish, dashboard."""

from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import every_type_phase

pytestmark = E2E


def test_candidate_autosaves_reloads_and_finishes_a_phase(page, log_in, candidate, bilan):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)

    log_in(candidate.username, PASSWORD)
    page.get_by_role("link", name="Phase de test").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phase de test")

    with page.expect_request(lambda request: request.url.endswith("/autosave/")) as autosave:
        page.get_by_label("Racontez votre parcours.").fill("Dix ans à l'hôpital, puis une clinique.")
    expect(page.get_by_role("status").filter(has_text="Enregistré à")).to_be_visible()
    # Sent as the form itself is, not as multipart (cheaper for the server to read).
    assert autosave.value.headers["content-type"].startswith("application/x-www-form-urlencoded")

    page.reload()
    expect(page.get_by_label("Racontez votre parcours.")).to_have_value("Dix ans à l'hôpital, puis une clinique.")

    # Finishing without the required questions names them.
    page.get_by_role("button", name="Marquer comme terminée").click()
    expect(page.get_by_role("alert").first).to_contain_text("Votre métier actuel ?")

    page.get_by_label("Votre métier actuel ?").fill("Secrétaire médicale")
    page.locator("label", has_text="Évoluer").click()
    page.get_by_role("button", name="Ajouter une ligne").click()
    page.get_by_label("Compétence, ligne 2").fill("Gestion d'agenda")
    page.get_by_role("button", name="Marquer comme terminée").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon tableau de bord")
    row = page.locator("tr", has_text="Phase de test")
    expect(row).to_contain_text("terminée")
    expect(row).to_contain_text("4 / 8 questions")
