"""The guide's counsellor flow in Chromium: add a candidate with every field, find them on the
dashboard, open a phase's *Voir* tab, comment in *Modifier*; the candidate reads it."""

import io

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from candidates.models import User
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, DABMFactory

pytestmark = E2E


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 0, 145)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_counsellor_adds_a_candidate_follows_a_phase_and_the_candidate_reads_the_comment(
    page, log_in, counsellor, phases
):
    DABMFactory(name="NÎMES", city="Nîmes")
    log_in(counsellor.username, PASSWORD)
    page.get_by_role("link", name="Ajouter un candidat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un candidat")

    page.get_by_label("Adresse de courriel").fill("Jean-Pierre.Martin@exemple.fr")
    page.get_by_label("Nom d'utilisateur").fill("jp.martin")
    page.get_by_label("Mot de passe").first.fill("un-bilan-pour-changer-42")
    expect(page.get_by_text("Sécurité du mot de passe")).to_be_visible()
    page.get_by_label("Confirmer le mot de passe").fill("un-bilan-pour-changer-42")
    expect(page.locator("[data-password-match]")).to_contain_text("les mots de passe concordent")
    page.locator("label", has_text="Notifier l'utilisateur").click()
    page.get_by_label("Prénom").fill("jean-pierre")
    page.get_by_role("textbox", name="Nom", exact=True).fill("martin")
    page.get_by_label("Téléphone").fill("04.66.56.89.78")
    page.get_by_label("Image").set_input_files(
        files=[{"name": "photo.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_label("DABM").select_option(label="NÎMES")
    page.locator("label", has_text="A distance").click()
    page.locator("label", has_text="Présentiel").click()
    expect(page.get_by_label("Mon conseiller")).to_have_value(str(counsellor.pk))
    page.get_by_label("Date de début").fill("01/10/2026")
    page.get_by_label("Date de fin").fill("31/12/2026")
    page.get_by_role("button", name="Créer un nouveau compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jean-Pierre MARTIN")
    expect(page.get_by_text("04 66 56 89 78")).to_be_visible()
    expect(page.get_by_text("Mixte (à distance et présentiel)")).to_be_visible()
    assert len(mail.outbox) == 1 and "un-bilan-pour-changer-42" not in mail.outbox[0].body
    assert User.objects.get(username="jp.martin").avatar.name.endswith(".jpg")

    page.get_by_role("link", name="Mon tableau de bord").first.click()
    row = page.locator("tr[data-dossier]", has_text="Jean-Pierre MARTIN")
    expect(row).to_contain_text("NÎMES")
    row.get_by_role("link", name="Consulter son compte").click()

    page.get_by_role("link", name=f"Voir {phases[0].title}").click()
    expect(page.get_by_text("n'a encore rien saisi")).to_be_visible()
    page.get_by_role("link", name="Modifier", exact=True).click()
    page.get_by_role("textbox", name="Commentaire").fill("Bienvenue ! Commencez par le contexte de votre demande.")
    page.get_by_label("Notes de synthèse").fill("Premier entretien le 01/10.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Commentaire publié et notes enregistrées.")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    log_in("jp.martin", "un-bilan-pour-changer-42")
    comments = page.locator("section", has=page.get_by_role("heading", name="MES COMMENTAIRES"))
    expect(comments).to_contain_text("Bienvenue ! Commencez par le contexte de votre demande.")
    expect(comments).to_contain_text(phases[0].title)
    expect(page.get_by_text("Premier entretien")).to_have_count(0)
