from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_counsellor_logs_in_and_sees_their_dashboard(page, log_in, counsellor):
    log_in(counsellor.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon tableau de bord")
    expect(page).to_have_title("Mon tableau de bord — Mon bilan en ligne")
    expect(page.get_by_role("heading", name="Mes bénéficiaires")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Support technique")).to_be_visible()


def test_candidate_logs_in_and_sees_their_dashboard(page, log_in, candidate):
    log_in(candidate.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon tableau de bord")
    expect(page.get_by_role("heading", name="LES PHASES DU BILAN")).to_be_visible()
    expect(page.get_by_role("heading", name="MES COMMENTAIRES")).to_be_visible()


def test_wrong_password_shows_a_clear_french_error(page, log_in, candidate):
    log_in(candidate.username, "ce-n-est-pas-le-bon")
    expect(page.get_by_role("alert")).to_contain_text("Nom d'utilisateur ou mot de passe incorrect")
    expect(page.get_by_label("Nom d'utilisateur")).to_have_value(candidate.username)


def test_logout_from_the_header(page, log_in, candidate):
    log_in(candidate.username, PASSWORD)
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
