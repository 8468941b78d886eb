"""Publishing a phase without a question candidates answered: the warning, its count, then the choice;
the counsellor's *Voir* tab then shows the answer under the question the candidate saw, as retired."""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from candidates.dossiers import services as dossier_services
from phases.models import PhasePage
from tests.e2e.conftest import E2E
from tests.factories import PASSWORD, CandidateFactory

pytestmark = E2E


def test_the_administrator_is_told_how_many_candidates_answered_before_publishing(page, log_in, administrator, phases):
    phase = phases[0]
    index, first = next((i, block) for i, block in enumerate(phase.questions.raw_data) if "label" in block["value"])
    candidates = []
    for answer in ("Changer de métier", "Évoluer dans mon poste", "Créer mon entreprise"):
        candidate = CandidateFactory()
        candidates.append(candidate)
        candidate.dossier.phases.add(phase)
        dossier_services.response_save(candidate=candidate, phase=phase, answers={first["id"]: answer}, version=0)

    log_in(administrator.username, PASSWORD)
    page.goto(f"/admin/pages/{phase.pk}/edit/")
    block = page.locator(f"[data-contentpath='{first['id']}']")
    block.get_by_role("button", name=re.compile("^Supprimer|^Delete")).click()
    expect(page.locator(f"[name='questions-{index}-value-label']")).to_be_hidden()
    page.get_by_role("button", name=re.compile("Plus d.actions|More actions")).click()
    page.get_by_role("button", name=re.compile("^Publier|^Publish")).click()

    expect(page.get_by_role("heading", name="Avant de publier")).to_be_visible()
    expect(page.get_by_text(f"La question « {first['value']['label']} » : 3 candidats ont répondu.")).to_be_visible()
    assert first["id"] in [child.id for child in PhasePage.objects.get(pk=phase.pk).question_children]

    page.get_by_role("button", name="Publier quand même").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("publiée|published"))
    assert first["id"] not in [child.id for child in PhasePage.objects.get(pk=phase.pk).question_children]

    # The counsellor of the first candidate opens « Voir »: the answer, under its old label, marked retired.
    page.context.clear_cookies()
    candidate = candidates[0]
    log_in(candidate.dossier.counsellor.username, PASSWORD)
    page.goto(reverse("dossiers:phase_view", args=[candidate.dossier.pk, phase.slug]))
    today = date_format(timezone.localdate(), "j F Y")
    retired = page.get_by_role("heading", name=re.compile(re.escape(first["value"]["label"])))
    expect(retired).to_contain_text(f"question retirée du questionnaire le {today}")
    expect(page.locator("section", has=retired)).to_contain_text("Changer de métier")
