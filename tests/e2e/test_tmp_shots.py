from candidates.synthesis import services
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import complete_phase

pytestmark = E2E


def test_shots(page, log_in, counsellor, modular_candidate, phases):
    complete_phase(modular_candidate, phases[0], "Je veux travailler dans le social")
    dossier = modular_candidate.dossier
    services.synthesis_save(
        actor=counsellor,
        dossier=dossier,
        sections={
            "circonstances": "<p>Demande à l'initiative du bénéficiaire.</p>",
            "competences": "<p>Sait <strong>animer</strong> une équipe.</p><ul><li>Organisation</li><li>Écoute</li></ul>",
            "projets": "",
            "etapes": "<ol><li>Stage en mars</li></ol>",
        },
        left_out=None,
        version=0,
    )
    log_in(counsellor.username, PASSWORD)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/conseiller/candidats/{dossier.pk}/synthese/publier/")
        page.screenshot(path=f"/tmp/shots/publish-{width}.png", full_page=True)
    page.get_by_text("Je confirme").click()
    page.get_by_role("button", name="Publier la version 1").click()
    page.get_by_role("button", name="Se déconnecter").click()
    services.sharing_consent_give(actor=modular_candidate, dossier=dossier, recipient="Mon employeur")
    log_in(modular_candidate.username, PASSWORD)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        page.screenshot(path=f"/tmp/shots/dashboard-{width}.png", full_page=True)
        page.goto("/mon-compte/ma-synthese/")
        page.screenshot(path=f"/tmp/shots/mine-{width}.png", full_page=True)
