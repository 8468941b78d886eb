"""The ROME question blocks in the shipped phases, on the full référentiel (loaded once per class): the
candidate's competences and jobs keep their code and the label chosen, bad input is named and loses
nothing, the search works without JavaScript, the RIASEC inventory gives a profile and a code; a newer
ROME renames or removes items without changing what candidates chose."""

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from candidates.models import PhaseResponse
from phases.bilan_content import load_bilan
from phases.models import PhasePage
from phases.rome_blocks import RiasecBlock, RomeCompetencesBlock
from phases.stream import QuestionStreamBlock
from skills.loader import load_rome
from skills.models import Competence, FicheCompetence

from .factories import CandidateFactory
from .test_rome_loader import REMOVED_COMPETENCE, _newer_copy

HYGIENE = "Réaliser des soins d'hygiène corporelle, de confort et de prévention"


def rome_question(phase, block_type):
    return next(child for child in phase.question_children if child.block_type == block_type)


class ShippedPhases(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()
        load_bilan(Site.objects.get(is_default_site=True).root_page.specific)
        cls.phases = {phase.slug: phase for phase in PhasePage.objects.live()}
        cls.candidate = CandidateFactory()
        cls.candidate.dossier.phases.set(cls.phases.values())
        cls.competences_phase = cls.phases["identification-des-competences"]
        cls.competences = rome_question(cls.competences_phase, "rome_competences")
        cls.hygiene = Competence.objects.current().get(label=HYGIENE)

    def setUp(self):
        self.client.force_login(self.candidate)

    def post(self, phase, data, action="save"):
        response = PhaseResponse.objects.filter(candidate=self.candidate, phase=phase).first()
        version = response.version if response else 0
        url = reverse("dossiers:phase_answer", args=[phase.slug])
        return self.client.post(url, {"version": str(version), "action": action, **data})

    def answer(self, phase, child):
        return PhaseResponse.objects.get(candidate=self.candidate, phase=phase).answers[child.id]


class CompetencesAnswers(ShippedPhases):
    def level(self, position):
        return self.competences.value["levels"].bound_blocks[position].id

    def test_the_shipped_phases_hold_the_rome_blocks_where_they_belong(self):
        kinds = {slug: {child.block_type for child in phase.questions} for slug, phase in self.phases.items()}
        assert "rome_jobs" in kinds["retour-historique"]
        assert "rome_competences" in kinds["identification-des-competences"]
        assert {"riasec", "rome_suggestions"} <= kinds["de-mes-atouts-a-mes-projets"]
        assert "rome_jobs" in kinds["connaissance-de-mon-environnement"]
        assert "rome_gap" in kinds["etude-de-faisabilite"]
        assert "action_plan" in kinds["definition-du-plan-d-action"]
        inventory = rome_question(self.phases["de-mes-atouts-a-mes-projets"], "riasec")
        per_dimension = {}
        for item in inventory.value["items"]:
            per_dimension[item["dimension"]] = per_dimension.get(item["dimension"], 0) + 1
        assert per_dimension == dict.fromkeys("RIASEC", 6)

    def test_competences_keep_their_code_their_kind_the_label_chosen_and_the_details(self):
        name = self.competences.id
        response = self.post(
            self.competences_phase,
            {
                f"{name}__0__code": self.hygiene.code,
                f"{name}__0__label": self.hygiene.label,
                f"{name}__0__level": self.level(2),
                f"{name}__0__experience": "Cinq ans en EHPAD",
                f"{name}__0__key": "1",
                f"{name}__own": "Parler la langue des signes",
            },
        )
        assert response.status_code == 302
        stored = self.answer(self.competences_phase, self.competences)
        assert stored[0] == {
            "code": self.hygiene.code,
            "label": self.hygiene.label,
            "kind": "savoir_faire",
            "level": self.level(2),
            "experience": "Cinq ans en EHPAD",
            "key": True,
        }
        assert stored[1]["label"] == "Parler la langue des signes" and stored[1]["kind"] == "libre"
        page = self.client.get(reverse("dossiers:phase_answer", args=[self.competences_phase.slug])).content.decode()
        assert 'value="Cinq ans en EHPAD"' in page
        assert "Parler la langue des signes" in page

    def test_an_unknown_code_is_named_and_nothing_is_lost(self):
        name = self.competences.id
        self.post(self.competences_phase, {f"{name}__0__code": self.hygiene.code, f"{name}__0__label": "Soins"})
        response = self.post(
            self.competences_phase,
            {
                f"{name}__0__code": self.hygiene.code,
                f"{name}__0__label": "Soins",
                f"{name}__1__code": "999999999",
                f"{name}__1__label": "Compétence inventée",
                f"{name}__1__experience": "Mon texte",
            },
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "« Compétence inventée » ne figure pas dans le ROME" in page
        assert 'value="Mon texte"' in page
        assert [item["label"] for item in self.answer(self.competences_phase, self.competences)] == ["Soins"]

    def test_without_javascript_a_search_comes_back_with_results_to_tick_and_the_next_save_adds_them(self):
        name = self.competences.id
        response = self.post(self.competences_phase, {f"{name}__query": "soins d'hygiene"}, action="search")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Résultats pour « soins d&#x27;hygiene »" in page
        assert f'name="{name}__add" value="{self.hygiene.code}"' in page
        response = self.post(self.competences_phase, {f"{name}__add": self.hygiene.code})
        assert response.status_code == 302
        assert [item["code"] for item in self.answer(self.competences_phase, self.competences)] == [self.hygiene.code]

    def test_a_crafted_search_is_answered_not_crashed(self):
        name = self.competences.id
        for query in ["\x00", "a" * 5000, "%%%", "' OR 1=1 --"]:
            response = self.post(self.competences_phase, {f"{name}__query": query}, action="search")
            assert response.status_code in (200, 400), query

    def test_more_competences_than_the_editor_allows_are_refused(self):
        name = self.competences.id
        codes = list(Competence.objects.current().order_by("code").values_list("code", "label")[:31])
        data = {}
        for index, (code, label) in enumerate(codes):
            data[f"{name}__{index}__code"], data[f"{name}__{index}__label"] = code, label
        response = self.post(self.competences_phase, data)
        assert response.status_code == 400
        assert "Gardez 30 compétences au plus" in response.content.decode()

    def test_a_removed_row_is_gone_after_saving(self):
        name = self.competences.id
        self.post(self.competences_phase, {f"{name}__0__code": self.hygiene.code, f"{name}__0__label": "Soins"})
        self.post(
            self.competences_phase,
            {f"{name}__0__code": self.hygiene.code, f"{name}__0__label": "Soins", f"{name}__0__remove": "1"},
        )
        assert self.answer(self.competences_phase, self.competences) == []


class InterestInventory(ShippedPhases):
    def test_the_inventory_gives_the_profile_the_code_and_a_table_of_the_scores(self):
        phase = self.phases["de-mes-atouts-a-mes-projets"]
        inventory = rome_question(phase, "riasec")
        ratings = {"S": 4, "A": 3, "E": 2, "R": 1, "I": 1, "C": 1}
        data = {
            f"{inventory.id}__{child.id}": str(ratings[child.value["dimension"]])
            for child in inventory.value["items"].bound_blocks
        }
        assert self.post(phase, data).status_code == 302
        profile = inventory.block.profile(inventory.value, self.answer(phase, inventory))
        assert profile.code == "SAE" and profile.label() == "Social–Artistique"
        assert profile.scores == {"R": 0, "I": 0, "A": 67, "S": 100, "E": 33, "C": 0}
        page = self.client.get(reverse("orientation:overview")).content.decode()
        assert "Code Holland : <strong>SAE</strong>" in page
        assert "profil Social–Artistique" in page
        assert '<th scope="row">S — Social</th><td>100</td>' in page


@pytest.mark.parametrize(
    ("block", "value", "child", "message"),
    [
        (
            RiasecBlock(),
            {
                "items": [{"text": f"Activité {n}", "dimension": "R"} for n in range(6)],
                "steps": 4,
                "min_label": "Pas du tout",
                "max_label": "Beaucoup",
            },
            "items",
            "il n'y en a aucun pour : Investigateur, Artiste, Social, Entreprenant, Conventionnel",
        ),
        (
            RomeCompetencesBlock(),
            {"levels": ["Je maîtrise"], "max_items": 30},
            "levels",
            "Ajoutez au moins deux degrés.",
        ),
        (
            RomeCompetencesBlock(),
            {"levels": ["Je découvre", "je découvre "], "max_items": 30},
            "levels",
            "figure plusieurs fois",
        ),
    ],
)
def test_an_editor_is_told_what_a_rome_question_lacks(block, value, child, message):
    errors = block.rule_errors({"label": "Q", "help_text": "", "required": False, **value})
    error = errors[child]
    assert message in " ".join([str(getattr(error, "non_block_errors", "")), *error.messages])


def test_the_editors_menu_offers_the_rome_blocks():
    labels = {name: str(block.meta.label) for name, block in QuestionStreamBlock.base_blocks.items()}
    assert labels["rome_competences"] == "Compétences (ROME)"
    assert labels["rome_jobs"] == "Métiers (ROME)"
    assert labels["riasec"] == "Centres d'intérêt (RIASEC)"
    assert labels["rome_suggestions"] == "Métiers à explorer (ROME)"
    assert labels["rome_gap"] == "L'écart (ROME)"
    assert labels["action_plan"] == "Plan d'action"


@pytest.mark.django_db
def test_a_newer_rome_keeps_what_candidates_chose_and_flags_what_it_removed(tmp_path, client, bilan):
    load_rome()
    phase = PhasePage.objects.get(slug="identification-des-competences")
    competences = rome_question(phase, "rome_competences")
    candidate = CandidateFactory()
    candidate.dossier.phases.add(phase)
    removed = Competence.objects.get(code=REMOVED_COMPETENCE)
    kept = FicheCompetence.objects.exclude(competence=removed).select_related("competence").first().competence
    PhaseResponse.objects.create(
        candidate=candidate,
        phase=phase,
        answers={
            competences.id: [
                {"code": removed.code, "label": removed.label, "kind": "savoir_faire", "level": "", "key": True},
                {"code": kept.code, "label": "Mon intitulé", "kind": "savoir_faire", "level": ""},
            ]
        },
    )

    load_rome(_newer_copy(tmp_path))

    client.force_login(candidate)
    url = reverse("dossiers:phase_answer", args=[phase.slug])
    page = client.get(url).content.decode()
    assert "Rédiger un compte rendu de réunion" in page and "n&#x27;existe plus dans le ROME v461" in page
    # Saving the form again keeps the retired item (the saved answer holds it) and the label chosen.
    name = competences.id
    response = client.post(
        url,
        {
            "version": "0",
            "action": "save",
            f"{name}__0__code": removed.code,
            f"{name}__0__label": removed.label,
            f"{name}__1__code": kept.code,
            f"{name}__1__label": "Mon intitulé",
        },
    )
    assert response.status_code == 302
    stored = PhaseResponse.objects.get(candidate=candidate, phase=phase).answers[name]
    assert [(item["code"], item["label"]) for item in stored] == [
        (removed.code, removed.label),
        (kept.code, "Mon intitulé"),
    ]
    shown = competences.block.display_answer(competences.value, stored)
    assert shown[0].notice == "n'existe plus dans le ROME v461" and shown[1].notice == ""


class DocumentAnswers(ShippedPhases):
    """What the synthèse's annex (.docx and PDF) says of each ROME answer."""

    def test_competences_jobs_and_interests_in_the_synthese(self):
        level = self.competences.value["levels"].bound_blocks[2].id
        stored = [
            {
                "code": self.hygiene.code,
                "label": self.hygiene.label,
                "kind": "savoir_faire",
                "level": level,
                "key": True,
            },
            {"code": "", "label": "Langue des signes", "kind": "libre", "level": "", "experience": "Bénévolat"},
        ]
        block, value = self.competences.block, self.competences.value
        document = block.document_answer(value, block.display_answer(value, stored))
        assert document.kind == "table" and document.headers == ["Compétence", "Type", "Maîtrise", "Expérience"]
        assert document.rows == [
            [f"{self.hygiene.label} — clé", "Savoir-faire", "Je maîtrise", "—"],
            ["Langue des signes", "Compétence hors ROME", "—", "Bénévolat"],
        ]

        jobs = rome_question(self.phases["connaissance-de-mon-environnement"], "rome_jobs")
        attraction = jobs.value["levels"].bound_blocks[2].id
        stored = [
            {"code": "38523", "label": "Aide-soignant / Aide-soignante", "kind": "appellation", "fiche": "J1501"}
            | {"fiche_label": "Aide-soignant / Aide-soignante", "level": attraction, "note": "Stage prévu"}
        ]
        document = jobs.block.document_answer(jobs.value, jobs.block.display_answer(jobs.value, stored))
        assert document.items == ["Aide-soignant / Aide-soignante (J1501) — Très attirant — Stage prévu"]

        inventory = rome_question(self.phases["de-mes-atouts-a-mes-projets"], "riasec")
        ratings = {
            child.id: 4 if child.value["dimension"] == "S" else 1 for child in inventory.value["items"].bound_blocks
        }
        shown = inventory.block.display_answer(inventory.value, ratings)
        document = inventory.block.document_answer(inventory.value, shown)
        assert document.caption == "Code Holland : S ; scores sur 100"
        assert document.rows[0] == ["Social", "100 / 100"]
        assert inventory.block.export_answer(inventory.value, shown)["code_holland"] == "S"
