"""A candidate whose bilan has ended follows the e-mailed link, logs in and gives their appreciation."""

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from candidates.satisfaction.models import SatisfactionResponse
from candidates.satisfaction.services import satisfaction_invitations_send, satisfaction_schedule

from ..factories import PASSWORD, CandidateFactory
from .conftest import E2E

pytestmark = E2E


def test_a_candidate_answers_the_appreciation_from_the_emailed_link(page, live_server):
    candidate = CandidateFactory(first_name="Lucas")
    satisfaction_schedule(dossier=candidate.dossier)
    satisfaction_invitations_send(today=timezone.localdate(), now=timezone.now())
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)

    page.goto(link)
    page.get_by_label("Nom d'utilisateur").fill(candidate.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appréciation de fin de bilan")
    page.locator("[data-question]").first.locator("label", has_text=re.compile(r"^5")).click()
    page.get_by_label("Que devrions-nous améliorer ?").fill("Plus de séances en présentiel.")
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_text("Merci pour votre appréciation !")).to_be_visible()
    expect(page.get_by_text("Donner mon appréciation")).to_have_count(0)
    response = SatisfactionResponse.objects.get()
    assert response.answered_at and "Plus de séances en présentiel." in response.answers.values()
    assert {5} in [set(answer.values()) for answer in response.answers.values() if isinstance(answer, dict)]
