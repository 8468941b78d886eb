"""« Relecture » in the browser: an éditeur rewords a question and submits the phase, an administrator
(not a superuser) approves it in the admin, and the candidate then reads the new wording."""

import re
import tempfile
from pathlib import Path

from playwright.sync_api import expect
from wagtail.models import WorkflowState

from phases.models import PhasePage
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E

NEW_WORDING = "Qu'attendez-vous de ce bilan, en quelques mots ?"
SCREENSHOT = Path(tempfile.gettempdir()) / "review-flow-admin-approval.png"  # looked at, not committed


def test_an_editor_submits_a_phase_and_an_administrator_approves_it(
    page, log_in, editor, administrator, candidate, phases
):
    phase = phases[0]
    candidate.dossier.phases.set(phases)
    index, first = next((i, block) for i, block in enumerate(phase.questions.raw_data) if "label" in block["value"])

    log_in(editor.username, PASSWORD)
    page.goto(f"/admin/pages/{phase.pk}/edit/")
    page.locator(f"[name='questions-{index}-value-label']").fill(NEW_WORDING)
    page.get_by_role("button", name=re.compile("Plus d.actions|More actions")).click()
    expect(page.get_by_role("button", name=re.compile("^Publier|^Publish"))).to_have_count(0)
    page.get_by_role("button", name="Soumettre à Relecture").click()
    expect(page.locator(".messages")).to_contain_text("soumise pour modération")
    assert PhasePage.objects.get(pk=phase.pk).questions.raw_data[index]["value"]["label"] == first["value"]["label"]

    page.context.clear_cookies()
    log_in(administrator.username, PASSWORD)
    page.goto(f"/admin/pages/{phase.pk}/edit/")
    expect(page.locator(f"[name='questions-{index}-value-label']")).to_have_value(NEW_WORDING)
    page.get_by_role("button", name=re.compile("Plus d.actions|More actions")).click()
    approve = page.get_by_role("button", name="Approuver et Publier", exact=True)
    expect(approve).to_be_visible()
    page.screenshot(path=SCREENSHOT, full_page=False)
    approve.click()
    expect(page.locator(".messages")).to_contain_text("a été mise à jour")
    phase = PhasePage.objects.get(pk=phase.pk)
    assert phase.questions.raw_data[index]["value"]["label"] == NEW_WORDING and not phase.has_unpublished_changes
    (state,) = WorkflowState.objects.for_instance(phase)
    assert (state.workflow.name, state.status, state.requested_by) == ("Relecture", state.STATUS_APPROVED, editor)
    assert not administrator.is_superuser

    page.context.clear_cookies()
    log_in(candidate.username, PASSWORD)
    page.goto(f"/mon-bilan/phases/{phase.slug}/")
    expect(page.get_by_text(NEW_WORDING)).to_be_visible()
