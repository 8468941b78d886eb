"""The editor's « Aperçu » side panel in Chromium: the phase shows inside the admin's frame, as the
candidate's form with sample answers, then as the counsellor reads it."""

import os
import re

from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E

SCREENSHOT = os.environ.get("PREVIEW_SCREENSHOT")  # a path to keep a picture of the panel, e.g. /tmp/…png


def test_editor_sees_the_phase_in_the_preview_panel(page, log_in, editor, phases):
    phase = phases[0]
    question = phase.question_children[0]
    first = question.value["label"]
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(editor.username, PASSWORD)
    page.goto(f"/admin/pages/{phase.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()

    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.get_by_role("heading", name="Aperçu — vue du candidat")).to_be_visible()
    asked = frame.locator(f"[data-question='{question.id}']")
    expect(asked).to_contain_text(first)
    expect(asked.get_by_role("textbox")).to_have_value(re.compile("^Exemple de réponse"))  # a sample answer
    if SCREENSHOT:
        asked.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOT)

    page.locator("#id_preview_mode").select_option("conseiller")
    expect(frame.get_by_role("heading", name="Aperçu — vue du conseiller")).to_be_visible()
    expect(frame.get_by_role("heading", name=first)).to_be_visible()
