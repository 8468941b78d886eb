"""The whole counsellor guide as one journey in Chromium, in the guide's order. With
UPDATE_SCREENSHOTS=1 it also refreshes the README's screenshots (docs/screenshots/parcours-*.png)."""

import io
import os
from pathlib import Path

import docx
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import User
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, DABMFactory

pytestmark = E2E
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(page, name):
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOTS / f"parcours-{name}.png"))


def test_the_whole_guide(page, log_in, counsellor, phases):
    DABMFactory(name="NÎMES", city="Nîmes", address="Lycée Albert Camus, 30900 Nîmes")
    page.set_viewport_size({"width": 1280, "height": 900})
    today = timezone.localdate()
    phase = phases[0]

    # Connexion, then *Ajouter un candidat* with every field.
    log_in(counsellor.username, PASSWORD)
    shot(page, "01-tableau-de-bord-vide")
    page.get_by_role("link", name="Ajouter un candidat").click()
    page.get_by_label("Adresse de courriel").fill("lea.martin@exemple.fr")
    page.get_by_label("Nom d'utilisateur").fill("lea.martin")
    page.get_by_label("Mot de passe").first.fill("mon-bilan-de-lea-2026")
    page.get_by_label("Confirmer le mot de passe").fill("mon-bilan-de-lea-2026")
    page.locator("label", has_text="Notifier l'utilisateur").click()
    page.get_by_label("Prénom").fill("léa")
    page.get_by_role("textbox", name="Nom", exact=True).fill("martin")
    page.get_by_label("Téléphone").fill("0466568978")
    page.get_by_label("DABM").select_option(label="NÎMES")
    page.locator("label", has_text="Présentiel").click()
    page.get_by_label("Date de début").fill(today.replace(day=1).strftime("%d/%m/%Y"))
    page.get_by_label("Date de fin").fill(today.replace(year=today.year + 1).strftime("%d/%m/%Y"))
    shot(page, "02-ajouter-un-candidat")
    page.get_by_role("button", name="Créer un nouveau compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Léa MARTIN")

    # *Mon tableau de bord* lists her.
    page.get_by_role("link", name="Mon tableau de bord").first.click()
    expect(page.locator("tr[data-dossier]", has_text="Léa MARTIN")).to_contain_text("NÎMES")  # Mes bénéficiaires
    shot(page, "03-tableau-de-bord-conseiller")

    # *Ajouter une attestation*: search by last name, preview, save, download the PDF.
    page.get_by_role("link", name="Ajouter une attestation").click()
    page.get_by_label("Rechercher le candidat").fill("martin")
    with page.context.expect_event("response", lambda r: "/apercu/" in r.url) as preview:
        page.get_by_role("button", name="Aperçu").click()
    assert preview.value.header_value("content-type") == "application/pdf"
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attestation de présence")
    shot(page, "04-attestation")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Télécharger (PDF)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("button", name="Se déconnecter").click()

    # The candidate completes a phase.
    log_in("lea.martin", "mon-bilan-de-lea-2026")
    page.get_by_role("link", name=phase.title).click()
    for child in phase.question_children:
        if child.value["required"] and child.block_type in ("short_text", "long_text"):
            page.get_by_role("textbox", name=child.value["label"]).fill("Je veux évoluer vers l'accompagnement.")
        elif child.value["required"] and child.block_type in ("single_choice", "multiple_choice"):
            page.locator(f"label[for='id_{child.id}_0']").click()
        elif child.value["required"]:
            raise AssertionError(f"the journey does not know how to answer {child.block_type}")
    shot(page, "05-phase-candidat")
    page.get_by_role("button", name="Marquer comme terminée").click()
    expect(page.locator("tr", has_text=phase.title)).to_contain_text("terminée")
    page.get_by_role("button", name="Se déconnecter").click()

    # The counsellor views the phase, comments, generates and publishes the synthèse.
    log_in(counsellor.username, PASSWORD)
    page.locator("tr[data-dossier]", has_text="Léa MARTIN").get_by_role("link", name="Consulter son compte").click()
    page.get_by_role("link", name=f"Voir {phase.title}").click()
    expect(page.get_by_text("Je veux évoluer vers l'accompagnement.").first).to_be_visible()
    shot(page, "06-suivi-voir")
    page.get_by_role("link", name="Modifier", exact=True).click()
    page.get_by_role("textbox", name="Commentaire").fill("Très bon départ : précisez vos contraintes horaires.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Léa MARTIN").click()
    with page.expect_download() as synthesis:
        page.get_by_role("link", name="Consulter sa synthèse").click()
    document = docx.Document(io.BytesIO(Path(synthesis.value.path()).read_bytes()))
    assert any(p.text == phase.title for p in document.paragraphs)
    page.get_by_role("link", name="Publier la synthèse…").click()
    page.get_by_text("Je confirme que ces rubriques doivent rester vides").click()  # the DSFR box is drawn by its label
    page.get_by_role("button", name="Publier la version 1").click()
    expect(page.get_by_text("La version 1 de la synthèse est publiée")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # The candidate reads the comment and downloads the synthèse.
    log_in("lea.martin", "mon-bilan-de-lea-2026")
    expect(page.get_by_text("Très bon départ : précisez vos contraintes horaires.")).to_be_visible()
    shot(page, "07-mes-commentaires")
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("link", name="Ma synthèse").click()
    with page.expect_download() as mine:
        page.get_by_role("link", name="Télécharger ma synthèse (.docx)").click()
    assert Path(mine.value.path()).read_bytes().startswith(b"PK")
    page.get_by_role("button", name="Se déconnecter").click()

    # The counsellor deletes the account, after the confirmation page.
    log_in(counsellor.username, PASSWORD)
    page.locator("tr[data-dossier]", has_text="Léa MARTIN").get_by_role("link", name="Supprimer son compte").click()
    expect(page.get_by_role("heading", name="Cette suppression est définitive")).to_be_visible()
    shot(page, "08-supprimer-son-compte")
    page.locator("label", has_text="Je confirme").click()
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text("toutes ses données sont supprimés")).to_be_visible()
    assert not User.objects.filter(username="lea.martin").exists()
