"""The académie's staff in the Wagtail admin: an administrator sets up a DABM and a counsellor,
an administrator rewrites a question of a phase and publishes it (an éditeur submits it for « Relecture »
instead: tests/e2e/test_review_flow.py)."""

import re

from playwright.sync_api import expect

from candidates import access
from candidates.models import DABM, User
from phases.models import PhasePage
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD

pytestmark = E2E


def test_administrator_creates_a_dabm_and_a_counsellor(page, log_in, administrator, mailoutbox):
    log_in(administrator.username, PASSWORD)
    page.goto("/admin/")
    expect(page.get_by_text("Heures attestées au total")).to_be_visible()

    page.goto("/admin/candidates/dabm/create/")
    page.get_by_label(re.compile("^nom", re.I)).fill("UZÈS")
    page.get_by_label(re.compile("^ville", re.I)).fill("Uzès")
    page.get_by_role("button", name=re.compile("Enregistrer|Save")).click()
    expect(page).to_have_url(re.compile(r"/admin/candidates/dabm/$"))
    uzes = DABM.objects.get(name="UZÈS")

    page.goto("/admin/candidates/counsellor/create/")
    page.get_by_label(re.compile("^Prénom")).fill("Inès")
    page.get_by_label(re.compile("^Nom$|^Nom\\*")).fill("GARCIA")
    page.get_by_label(re.compile("^Adresse de courriel")).fill("ines.garcia@ac-exemple.fr")
    page.get_by_label(re.compile("^Nom d.utilisateur")).fill("ines.garcia")
    page.get_by_label(re.compile("^DABM de rattachement", re.I)).select_option(label="UZÈS")
    page.get_by_role("button", name=re.compile("Enregistrer|Save")).click()
    expect(page).to_have_url(re.compile(r"/admin/candidates/counsellor/$"))
    expect(page.get_by_text("GARCIA").first).to_be_visible()

    ines = User.objects.get(username="ines.garcia")
    assert ines.role == access.CONSEILLER and ines.dabm == uzes
    (message,) = mailoutbox
    assert message.to == ["ines.garcia@ac-exemple.fr"]


def test_administrator_rewrites_a_question_and_publishes_it(page, log_in, administrator, phases):
    phase = phases[0]
    index, first = next((i, block) for i, block in enumerate(phase.questions.raw_data) if "label" in block["value"])
    log_in(administrator.username, PASSWORD)
    page.goto(f"/admin/pages/{phase.pk}/edit/")
    label = page.locator(f"[name='questions-{index}-value-label']")
    expect(label).to_have_value(first["value"]["label"])
    label.fill("Quel a été votre parcours jusqu'ici ?")

    page.get_by_role("button", name=re.compile("Plus d.actions|More actions")).click()
    page.get_by_role("button", name=re.compile("^Publier|^Publish")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("publiée|published"))

    phase = PhasePage.objects.get(pk=phase.pk)
    assert phase.questions.raw_data[index]["value"]["label"] == "Quel a été votre parcours jusqu'ici ?"
    assert phase.live and not phase.has_unpublished_changes
    assert phase.revisions.count() >= 2  # the change is a new revision
