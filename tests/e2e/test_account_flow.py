"""*Modifier mes informations* in Chromium: a new e-mail asks for the current password, then is saved."""

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_candidate_moves_their_email_only_with_their_password(page, log_in, candidate):
    old_address = candidate.email
    log_in(candidate.username, PASSWORD)
    page.goto("/mon-compte/modifier/")
    email = page.locator("#id_email")  # the password's help text also names « adresse de courriel »
    email.fill("lucas.nouveau@exemple.fr")
    page.get_by_label("Téléphone").fill("04 66 56 89 78")
    page.get_by_role("button", name="Enregistrer les modifications").click()

    expect(page.get_by_role("alert").first).to_contain_text("Saisissez votre mot de passe actuel")
    expect(email).to_have_value("lucas.nouveau@exemple.fr")  # what was typed is kept

    page.locator("#id_current_password").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_text("Vos informations sont enregistrées.")).to_be_visible()
    candidate.refresh_from_db()
    assert candidate.email == "lucas.nouveau@exemple.fr"
    assert [message.to for message in mail.outbox] == [[old_address]]
