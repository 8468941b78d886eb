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


# Every button, link-button and link shows its label (the must-show check): its text takes room on
# the screen, nothing clips it (a box whose content is wider than itself: scrollWidth > clientWidth),
# and it is not DSFR's icon-only square, which a button with an icon becomes inside a group of
# buttons that does not say where icons go (`fr-btns-group--icon-left`). Hidden elements (a closed
# menu, a folded section) are skipped: they are checked where they open. One exception: on a phone,
# DSFR's header shows its menu as an icon square (`fr-header__navbar`), named by its title.
MUST_SHOW = """() => {
  const problems = [];
  const inline = (element) => getComputedStyle(element).display === 'inline';
  const clipped = (element, stop) => {
    for (let box = element; box; box = box.parentElement) {
      if (!inline(box) && box.scrollWidth > box.clientWidth + 1) return true;
      if (box === stop) return false;
    }
    return false;
  };
  for (const element of document.querySelectorAll('.fr-btn, button, [role=button], a.fr-link')) {
    if (!element.checkVisibility({checkVisibilityCSS: true}) || element.closest('.fr-header__navbar')) continue;
    const name = (element.textContent.trim() || element.getAttribute('aria-label') || element.title || '?')
      .replace(/\\s+/g, ' ');
    const group = element.closest('.fr-btns-group');
    if (group && element.matches('.fr-btn--icon-left, .fr-btn--icon-right')
        && !group.matches('.fr-btns-group--icon-left, .fr-btns-group--icon-right')) {
      problems.push(`icon only, label hidden: « ${name} »`);
      continue;
    }
    let shown = false, cut = false;
    const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text; (text = texts.nextNode());) {
      if (!text.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      if (range.getBoundingClientRect().width < 1) continue;
      if (clipped(text.parentElement, element)) cut = true;
      else shown = true;
    }
    if (!shown) problems.push(cut ? `label cut off: « ${name} »` : `no visible text: « ${name} »`);
  }
  return problems;
}"""


def violations(page, labels=True) -> list[str]:
    """axe-core's serious and critical violations, then (`labels`) the labels MUST_SHOW finds hidden."""
    # Evaluated rather than added as an inline <script>: the portal's CSP forbids inline scripts.
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ] + (page.evaluate(MUST_SHOW) if labels else [])


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


def test_a_hidden_button_label_is_found(page, live_server):
    """The must-show check works too: an icon-only square, a clipped label, a label for screen readers
    only and an icon without text are found; a plain button, a button with an icon in a group that
    places icons, and a closed menu's button are not."""
    page.goto(live_server.url + "/connexion/")  # the portal's stylesheet
    page.evaluate(
        """() => {
        document.querySelector('main').insertAdjacentHTML('beforeend',
          '<ul class="fr-btns-group fr-btns-group--inline-md"><li>'
          + '<button class="fr-btn fr-btn--icon-left fr-icon-delete-line">Supprimer le fichier</button></li></ul>'
          + '<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left"><li>'
          + '<button class="fr-btn fr-btn--icon-left fr-icon-add-line">Ajouter une ligne</button></li></ul>'
          + '<button class="fr-btn" id="narrow">Enregistrer les modifications</button>'
          + '<button class="fr-btn"><span class="fr-sr-only">Fermer</span></button>'
          + '<button class="fr-btn fr-icon-close-line" aria-label="Effacer"></button>'
          + '<a class="fr-link" href="#">Un lien</a> <button class="fr-btn">Valider</button>'
          + '<div hidden><button class="fr-btn fr-icon-menu-fill" title="Menu"></button></div>');
        Object.assign(document.getElementById('narrow').style, {width: '4rem', overflow: 'hidden'});
        }"""
    )
    assert page.evaluate(MUST_SHOW) == [
        "icon only, label hidden: « Supprimer le fichier »",
        "label cut off: « Enregistrer les modifications »",
        "label cut off: « Fermer »",
        "no visible text: « Effacer »",
    ]


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
