"""axe-core in Chromium on the portal's pages, for each role: no `serious` or `critical` violation."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.attestations import services as attestation_services
from candidates.dossiers import services as dossier_services
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import every_type_phase

pytestmark = E2E

AXE = Path(__file__).resolve().parents[2] / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


# A button or link with an icon and a label shows its whole label: inside a group of buttons, DSFR
# turns any button with an icon into an icon-only square unless the group says where icons go.
CUT_LABELS = """() => [...document.querySelectorAll('.fr-btn[class*="fr-btn--icon-"]')]
    .filter(button => button.textContent.trim() && button.scrollWidth > button.clientWidth + 1)
    .map(button => `label cut off: « ${button.textContent.trim()} »`)"""


def violations(page) -> list[str]:
    # Evaluated rather than added as an inline <script>: the portal's CSP forbids inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ] + page.evaluate(CUT_LABELS)


def audit(page, urls) -> dict:
    found = {}
    for url in urls:
        page.goto(url)
        problems = violations(page)
        if problems:
            found[url] = problems
    return found


def test_axe_finds_a_known_violation(page):
    """The check itself works: an image without alternative text is a critical violation."""
    assert AXE.exists(), "make test installs axe-core into .cache/npm"
    page.set_content('<html lang="fr"><head><title>Test</title></head><body><main><img src="x.png"></main></body>')
    assert any(problem.startswith("image-alt (critical)") for problem in violations(page))


def test_a_cut_off_button_label_is_found(page, live_server):
    """The label check works too: DSFR's icon button in a group without an icon position is a square."""
    page.goto(live_server.url + "/connexion/")  # the portal's stylesheet
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<ul class="fr-btns-group fr-btns-group--inline-md"><li>'
        + '<button class="fr-btn fr-btn--icon-left fr-icon-delete-line">Supprimer le fichier</button></li></ul>')"""
    )
    assert "label cut off: « Supprimer le fichier »" in page.evaluate(CUT_LABELS)


def test_anonymous_pages(page):
    assert audit(page, ["/", "/connexion/", "/mot-de-passe/oublie/", "/support/", "/accessibilite/"]) == {}


def test_error_page(page):
    response = page.goto("/cette-page-n-existe-pas/")
    assert response.status == 404
    assert "Page introuvable" in page.title()
    assert violations(page) == []


def test_login_error_page(page, log_in, candidate):
    log_in(candidate.username, "faux-mot-de-passe")
    assert violations(page) == []


def test_candidate_pages(page, log_in, candidate, bilan):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    log_in(candidate.username, PASSWORD)
    urls = [
        reverse("dashboard"),
        reverse("dossiers:phase_answer", args=[phase.slug]),
        reverse("accounts:account"),
        reverse("accounts:profile_edit"),
        reverse("synthesis:mine"),
    ]
    assert audit(page, urls) == {}
    page.goto(reverse("dossiers:phase_answer", args=[phase.slug]))
    page.get_by_role("button", name="Marquer comme terminée").click()  # the form with errors
    assert violations(page) == []


def test_counsellor_pages(page, log_in, counsellor, modular_candidate, phases):
    dossier = modular_candidate.dossier
    dossier_services.response_save(candidate=modular_candidate, phase=phases[0], answers={}, version=0)
    start = timezone.make_aware(datetime.datetime.combine(dossier.start_date, datetime.time(9)))
    attestation = attestation_services.attestation_create(
        counsellor=counsellor, dossier=dossier, start=start, end=start + datetime.timedelta(hours=3)
    )
    log_in(counsellor.username, PASSWORD)
    urls = [
        reverse("dashboard"),
        reverse("dossiers:candidate_add"),
        reverse("dossiers:candidate", args=[dossier.pk]),
        reverse("dossiers:phase_view", args=[dossier.pk, phases[0].slug]),
        reverse("dossiers:phase_edit", args=[dossier.pk, phases[0].slug]),
        reverse("dossiers:phase_erase", args=[dossier.pk, phases[0].slug]),
        reverse("dossiers:candidate_delete", args=[dossier.pk]),
        reverse("attestations:add"),
        reverse("attestations:detail", args=[attestation.pk]),
        reverse("attestations:list"),
        reverse("accounts:account"),
    ]
    assert audit(page, urls) == {}
    page.goto(reverse("dossiers:candidate_add"))
    page.get_by_role("button", name="Créer un nouveau compte").click()  # the form with errors
    assert violations(page) == []


@pytest.mark.parametrize("name", ["agenda:week", "files:mine"])
def test_agenda_and_files(page, log_in, counsellor, name):
    log_in(counsellor.username, PASSWORD)
    assert audit(page, [reverse(name)]) == {}
