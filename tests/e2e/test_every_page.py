"""Every page of every role, on a desktop (1280 px) and a phone (375 px): every button and link-button
shows its label (MUST_SHOW), axe-core finds no `serious` or `critical` violation, and the console
stays clean (no error, no exception: a style or script the CSP refuses is reported there).

The pages are the portal's named URLs (tests/test_authorization_matrix.py) that answer 200 to the
role, with the authorisation matrix's data (a dossier with answers, an attestation, a rendez-vous, a
file, a published synthèse), plus a phase with a question of every type and the legal pages. One
browser, one logged-in context per role.
"""

import contextlib
import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from candidates.agenda import services as agenda_services
from candidates.models import PhaseResponse
from home.models import ContentPage
from tests.e2e.conftest import E2E
from tests.e2e.test_accessibility import AXE, violations
from tests.factories import PASSWORD
from tests.phase_builders import every_type_phase
from tests.test_authorization_matrix import ARGS, EXPECTED, project_urls
from tests.test_authorization_matrix import world as matrix_world

pytestmark = E2E
world = matrix_world  # the authorisation matrix's data, a fixture here too

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
# URLs that answer with a file (or nothing to look at), not a page.
NOT_PAGES = {
    "accounts:avatar",
    "agenda:feed",
    "agenda:ics",
    "attestation_pdf",
    "counsellor_candidate_export",
    "explore:lookup",
    "files:download",
    "my_data_download",
    "synthesis_docx",
    "synthesis_pdf",
    "synthesis_published",
    "synthesis_version",
}
ROLES = ("anonymous", "candidate_x", "counsellor_a", "administrator", "editor")


def pages_of(role, world, extra) -> list[str]:
    """The role's pages: each named URL that answers 200 to it (the Wagtail admin aside), and `extra`.
    An éditeur's portal pages are an administrateur's: only their admin home is added."""
    if role == "editor":
        return extra[role]
    urls = [
        reverse(name, kwargs=ARGS[name](world) if name in ARGS else {})
        for name in sorted(project_urls())
        if name not in NOT_PAGES and EXPECTED[name][role] == 200
    ]
    return urls + extra.get(role, [])


@contextlib.contextmanager
def console_errors(page):
    """The errors the page writes to the console (a refused style or script among them), and its
    uncaught exceptions, while the block runs."""
    errors = []
    on_console = lambda message: message.type == "error" and errors.append(f"console: {message.text}")  # noqa: E731
    on_error = lambda error: errors.append(f"page error: {error}")  # noqa: E731
    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        yield errors
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)


def audit(page, url) -> dict[str, list[str]]:
    """The problems of the page at each width: the page is loaded once, then looked at on a desktop's
    screen and on a phone's (the layout follows the width; the scripts listen to it). The Wagtail
    admin's own icon buttons (the sidebar's, the search's) are its design: only axe and the console."""
    found = {}
    with console_errors(page) as errors:
        page.set_viewport_size(WIDTHS["desktop"])
        response = page.goto(url)
        assert response.ok and response.headers["content-type"].startswith("text/html"), (url, response.status)
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            found[width] = violations(page, labels=not url.startswith("/admin/")) + errors
            errors.clear()
    return found


def test_a_refused_inline_style_is_found(page):
    """The console check works: a style attribute, which the CSP refuses, is reported as an error."""
    with console_errors(page) as errors:
        page.goto("/connexion/")
        with page.expect_console_message(lambda message: message.type == "error"):
            page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
                '<p style="color: red">Rouge</p>')""")
    assert any("Content Security Policy" in error for error in errors), errors


def test_every_page_of_every_role(browser, live_server, world, bilan):
    assert AXE.exists(), "make test installs axe-core into .cache/npm"
    dossier = world.dossier
    phase = every_type_phase(bilan)  # a question of every type, answered
    dossier.phases.add(phase)
    PhaseResponse.objects.create(
        candidate=world.x,
        phase=phase,
        status=PhaseResponse.Status.IN_PROGRESS,
        version=1,
        answers=phase.sample_answers(),
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)  # this week's agenda
    agenda_services.appointment_create(
        counsellor=world.counsellor_a,
        dossier=dossier,
        start=start,
        end=start + datetime.timedelta(hours=1),
        modality="a_distance",
        meeting_link="https://visio.exemple.fr/salle",
        place="",
        subject="Point d'étape",
        phase=phase,
        notes="Apporter le CV.",
    )
    extra = {
        "anonymous": ["/", *(page.url for page in ContentPage.objects.live())],
        "candidate_x": [reverse("dossiers:phase_answer", args=[phase.slug])],
        "counsellor_a": [
            reverse("dossiers:phase_view", args=[dossier.pk, phase.slug]),
            reverse("dossiers:phase_edit", args=[dossier.pk, phase.slug]),
            f"{reverse('agenda:week')}?semaine={world.appointment.start:%Y-%m-%d}",
        ],
        "editor": ["/admin/"],  # and the Wagtail admin's home, for an éditeur
    }
    found = {}
    for role in ROLES:
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
        context.set_default_timeout(15_000)
        page = context.new_page()
        user = world.actors[role]
        if user is not None:
            page.goto(reverse("accounts:login"))
            page.get_by_label("Nom d'utilisateur").fill(user.username)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            expect(page).to_have_url(live_server.url + reverse("dashboard"))
        for url in pages_of(role, world, extra):
            for width, problems in audit(page, url).items():
                if problems:
                    found[f"{role} {width} {url}"] = problems
        context.close()
    report = "\n".join(f"{where}\n  " + "\n  ".join(problems) for where, problems in found.items())
    assert not found, f"{len(found)} pages with problems:\n{report}"
