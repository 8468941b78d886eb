"""The pages of the benchmark (bench/run.py) and of the query-count tests (tests/test_query_counts.py),
for users of the generated data (bench/data.py): a counsellor in the middle of the data, their first
candidate (every phase finished) and second one (three phases finished, the others in progress).

Each page has a stable `key` and a French `name`; `call()` requests it and checks the answer. The floor
views need the URLconf bench.urls (bench.settings, or `@pytest.mark.urls("bench.urls")`)."""

import math
import uuid
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from candidates.dossiers.selectors import BENEFICIARIES_PER_PAGE
from candidates.models import Attestation, Dossier, PhaseResponse, User
from phases.models import PhasePage

from . import data


def login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": data.PASSWORD})
    assert response.status_code == 302, f"login of {username} failed ({response.status_code})"
    return client


def form_data(phase: PhasePage, answers: dict) -> dict:
    """The POST a browser sends for these answers (the field names of phases/answer_fields.py)."""
    posted = {}
    for child in phase.question_children:
        kind, answer = child.block_type, answers.get(child.id)
        if answer in (None, "", [], {}):
            continue
        if kind in ("short_text", "long_text", "single_choice", "multiple_choice"):
            posted[child.id] = answer
        elif kind == "scale":
            posted.update({f"{child.id}__{item}": str(rating) for item, rating in answer.items()})
        elif kind == "ranking":  # the propositions' ids in rank order
            posted.update({f"{child.id}__{choice}": str(rank) for rank, choice in enumerate(answer, start=1)})
        elif kind in ("table", "repeatable"):
            for row, cells in enumerate(answer):
                posted.update({f"{child.id}__{row}__{column}": text for column, text in cells.items()})
    return posted


class Page:
    def __init__(self, key, name, request, *, expected=200, check=None, heavy=False):
        self.key, self.name, self.request, self.expected, self.check = key, name, request, expected, check
        self.heavy = heavy  # measured in its own round: a 0.1–0.2 s request would disturb the light ones

    def call(self):
        response = self.request()
        assert response.status_code == self.expected, f"{self.name}: HTTP {response.status_code}"
        if self.check:
            self.check(response)
        return response


def scenario():
    """(pages, facts about the scenario), for users in the middle of the generated data."""
    n = data.existing_candidates()
    if not n:
        raise RuntimeError("Aucune donnée générée : lancez d'abord « manage.py bench_data --candidates N ».")
    j = data.counsellor_of(n // 2)
    first = (j - 1) * data.CANDIDATES_PER_COUNSELLOR
    finished = User.objects.get(username=data.candidate_username(first + data.FINISHED_ALL))
    working = User.objects.get(username=data.candidate_username(first + data.FINISHED_THREE))
    counsellor_name = data.counsellor_username(j)
    dossier = Dossier.objects.get(candidate=finished)
    attestation = Attestation.objects.filter(dossier=dossier).order_by("start").first()
    followed = Dossier.objects.filter(counsellor__username=counsellor_name).count()
    last_page = max(1, math.ceil(followed / BENEFICIARIES_PER_PAGE))
    # The phase being worked on with the most questions, one with a written answer (for the autosave);
    # ties go to the first in the bilan's order, so that every run measures the same page.
    in_progress = (
        PhaseResponse.objects.filter(candidate=working)
        .exclude(status=PhaseResponse.Status.DONE)
        .select_related("phase")
        .order_by("phase__path")
    )
    working_on = [response.phase.specific for response in in_progress]
    phase = max(
        (page for page in working_on if any(c.block_type == "long_text" for c in page.question_children)),
        key=lambda page: len(page.question_children),
    )
    response = PhaseResponse.objects.get(candidate=working, phase=phase)
    posted = form_data(phase, response.answers)
    long_id = next(child.id for child in phase.question_children if child.block_type == "long_text")
    base_text = response.answers.get(long_id) or data.SENTENCES[0]
    state = {"version": response.version}

    counsellor = login(counsellor_name)
    candidate = login(working.username)
    dashboard = reverse("dashboard")
    phase_url = reverse("dossiers:phase_answer", args=[phase.slug])

    def autosave():
        payload = {
            **posted,
            long_id: f"{base_text} {uuid.uuid4().hex[:8]}",
            "version": str(state["version"]),
            "save_id": uuid.uuid4().hex,
        }
        # Encoded as autosave.js sends it (and bench/load.py): application/x-www-form-urlencoded.
        reply = candidate.post(
            reverse("dossiers:phase_autosave", args=[phase.slug]),
            urlencode(payload, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
        if reply.status_code == 200:
            state["version"] = reply.json()["version"]
        return reply

    def needs(text):
        return lambda reply: text in reply.content.decode()

    pages = [
        Page("floor", "Plancher (vue vide, connecté)", lambda: counsellor.get(reverse("bench_floor"))),
        Page("floor_layout", "Plancher + gabarit du portail", lambda: counsellor.get(reverse("bench_floor_layout"))),
        Page("login_form", "Connexion (formulaire, GET)", lambda: Client().get(reverse("accounts:login"))),
        Page(
            "login",
            "Connexion (POST, mot de passe vérifié)",
            lambda: Client().post(reverse("accounts:login"), {"username": working.username, "password": data.PASSWORD}),
            expected=302,
            heavy=True,
        ),
        Page(
            "counsellor_dashboard_first",
            "Conseiller : tableau de bord, page 1",
            lambda: counsellor.get(dashboard),
            check=needs("Mes bénéficiaires"),
        ),
        Page(
            "counsellor_dashboard_last",
            f"Conseiller : tableau de bord, dernière page ({last_page})",
            lambda: counsellor.get(dashboard, {"page": last_page}),
        ),
        Page(
            "counsellor_search",
            "Conseiller : recherche (nom)",
            lambda: counsellor.get(dashboard, {"q": finished.last_name}),
            check=needs(finished.username),
        ),
        Page(
            "candidate_dashboard",
            "Candidat : tableau de bord",
            lambda: candidate.get(dashboard),
            check=needs("LES PHASES DU BILAN"),
        ),
        Page("phase", "Candidat : page de phase (GET)", lambda: candidate.get(phase_url)),
        Page("autosave", "Candidat : enregistrement automatique (POST)", autosave),
        Page(
            "candidate_account",
            "Conseiller : consulter son compte",
            lambda: counsellor.get(reverse("dossiers:candidate", args=[dossier.pk])),
            check=needs(finished.username),
        ),
        Page(
            "attestation_pdf",
            "Attestation de présence (PDF)",
            lambda: counsellor.get(reverse("attestation_pdf", args=[attestation.pk])),
            heavy=True,
        ),
        Page(
            "synthesis_docx",
            "Synthèse (.docx)",
            lambda: counsellor.get(reverse("synthesis_docx", args=[dossier.pk])),
            heavy=True,
        ),
    ]
    context = {
        "candidates": n,
        "counsellor": counsellor_name,
        "counsellor_dossiers": followed,
        "candidate_working": working.username,
        "candidate_finished": finished.username,
        "phase": phase.slug,
        "phase_questions": len(phase.question_children),
    }
    return pages, context
