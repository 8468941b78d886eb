"""*Mes métiers* on the full référentiel (loaded once per class): the suggestions a candidate gets from
their competences, with their reason, and the empty state; dismissing one and bringing it back; a job
added to the envisaged ones; a missing competence added to the plan d'action; what the counsellor sees
on the dossier page; crafted input and other people's requests."""

import io
import json
import zipfile

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from candidates.models import PhaseResponse
from candidates.synthesis.material import dossier_material
from phases.bilan_content import load_bilan
from phases.models import PhasePage
from skills.loader import load_rome
from skills.models import Appellation, FicheCompetence

from .factories import CandidateFactory, CounsellorFactory

AIDE_SOIGNANT = "J1501"


def question(phase, block_type):
    return next(child for child in phase.question_children if child.block_type == block_type)


class Orientation(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()
        load_bilan(Site.objects.get(is_default_site=True).root_page.specific)
        cls.phases = {phase.slug: phase for phase in PhasePage.objects.live()}
        cls.counsellor = CounsellorFactory()
        cls.candidate = CandidateFactory(dossier__counsellor=cls.counsellor)
        cls.candidate.dossier.phases.set(cls.phases.values())
        cls.newcomer = CandidateFactory(dossier__counsellor=cls.counsellor)
        cls.newcomer.dossier.phases.set(cls.phases.values())
        # The candidate has exactly the competences of the Aide-soignant fiche.
        cls.competences_phase = cls.phases["identification-des-competences"]
        cls.competences = question(cls.competences_phase, "rome_competences")
        links = FicheCompetence.objects.filter(fiche_id=AIDE_SOIGNANT).select_related("competence")
        cls.codes = [link.competence.code for link in links]
        level = cls.competences.value["levels"].bound_blocks[1].id
        PhaseResponse.objects.create(
            candidate=cls.candidate,
            phase=cls.competences_phase,
            answers={
                cls.competences.id: [
                    {"code": c.code, "label": c.label, "kind": "savoir_faire", "level": level}
                    for c in (link.competence for link in links)
                ][:30]
            },
        )
        cls.plan_phase = cls.phases["definition-du-plan-d-action"]
        cls.plan = question(cls.plan_phase, "action_plan")
        cls.jobs_phase = cls.phases["connaissance-de-mon-environnement"]
        cls.jobs = question(cls.jobs_phase, "rome_jobs")

    def setUp(self):
        self.client.force_login(self.candidate)

    def overview(self):
        return self.client.get(reverse("orientation:overview")).content.decode()

    def answer(self, phase, child, candidate=None):
        response = PhaseResponse.objects.filter(candidate=candidate or self.candidate, phase=phase).first()
        return (response.answers if response else {}).get(child.id)

    def test_a_candidate_with_the_competences_of_a_job_gets_it_among_the_first_three_with_its_reason(self):
        page = self.overview()
        suggestions = page.split('id="metiers-a-explorer"')[1].split('id="ecart"')[0]
        first_three = suggestions.split("<li")[1:4]
        held = [item for item in first_three if f">{AIDE_SOIGNANT}<" in item]
        assert held, first_three
        assert "de vos compétences, dont" in held[0] and "au cœur du métier" in held[0]
        assert suggestions.count('class="rome-suggestion fr-mb-2w"') <= 10

    def test_a_candidate_without_competences_is_told_what_to_do(self):
        self.client.force_login(self.newcomer)
        page = self.overview()
        assert "Pour recevoir des suggestions, ajoutez vos compétences" in page
        assert 'class="rome-suggestion' not in page

    def test_a_dismissed_suggestion_is_gone_until_it_is_brought_back(self):
        response = self.client.post(reverse("orientation:dismiss"), {"fiche": AIDE_SOIGNANT})
        assert response.status_code == 302
        page = self.client.get(response["Location"]).content.decode()
        assert "ne vous sera plus suggéré" in page
        suggestions = page.split('id="metiers-a-explorer"')[1].split('id="ecart"')[0]
        assert f">{AIDE_SOIGNANT}<" not in suggestions
        assert "Suggestions écartées" in page
        self.client.post(reverse("orientation:restore", args=[AIDE_SOIGNANT]))
        suggestions = self.overview().split('id="metiers-a-explorer"')[1].split('id="ecart"')[0]
        assert f">{AIDE_SOIGNANT}<" in suggestions

    def test_a_job_added_to_the_envisaged_ones_shows_its_gap_and_a_missing_competence_goes_to_the_plan(self):
        appellation = Appellation.objects.filter(fiche_id="J1305").order_by("code").first()
        response = self.client.post(reverse("orientation:envisage"), {"appellation": appellation.code})
        assert response.status_code == 302
        jobs = self.answer(self.jobs_phase, self.jobs)
        assert [(job["code"], job["label"], job["fiche"]) for job in jobs] == [
            (appellation.code, appellation.label, "J1305")
        ]
        again = self.client.post(reverse("orientation:envisage"), {"appellation": appellation.code}, follow=True)
        assert "figure déjà dans vos métiers envisagés" in again.content.decode()
        assert len(self.answer(self.jobs_phase, self.jobs)) == 1

        page = self.overview()
        gap = page.split('id="ecart"')[1]
        assert "Au cœur du métier, à acquérir" in gap
        step = gap.split('name="step" value="')[1].split('"')[0]
        assert step.startswith("J1305:")
        response = self.client.post(reverse("orientation:plan_add"), {"step": step}, follow=True)
        assert "Étape ajoutée à votre plan d&#x27;action" in response.content.decode()
        rows = self.answer(self.plan_phase, self.plan)
        action_column = self.plan.block.step_column(self.plan.value)
        assert len(rows) == 1 and rows[0][action_column].startswith("Acquérir : ")
        assert "J1305" in rows[0][action_column]
        self.client.post(reverse("orientation:plan_add"), {"step": step})
        assert len(self.answer(self.plan_phase, self.plan)) == 1  # not twice

    def test_a_finished_plan_is_not_written_to(self):
        PhaseResponse.objects.create(
            candidate=self.candidate, phase=self.plan_phase, status=PhaseResponse.Status.DONE, answers={}
        )
        fiche_code, item = AIDE_SOIGNANT, self.codes[0]
        response = self.client.post(reverse("orientation:plan_add"), {"step": f"{fiche_code}:{item}"}, follow=True)
        assert "est terminée : rouvrez-la" in response.content.decode()
        assert self.answer(self.plan_phase, self.plan) is None

    def test_crafted_input_gets_a_message_never_an_error_page(self):
        for data in [{"step": "x:y"}, {"step": "\x00"}, {"step": "J1501:" + "9" * 500}, {}]:
            response = self.client.post(reverse("orientation:plan_add"), data, follow=True)
            assert response.status_code == 200 and "ne figure pas dans le ROME" in response.content.decode()
        for data in [{"fiche": "ZZZZZ"}, {"fiche": "\x00"}]:
            assert self.client.post(reverse("orientation:dismiss"), data).status_code == 302
        assert self.client.post(reverse("orientation:envisage"), {"appellation": "nope"}).status_code == 302
        assert self.client.post(reverse("orientation:restore", args=["K9999"])).status_code == 404
        response = self.client.post(
            reverse("orientation:dismiss"), {"fiche": AIDE_SOIGNANT, "next": "https://evil.example/"}
        )
        assert response["Location"] == reverse("orientation:overview")

    def test_only_the_candidate_uses_their_own_page(self):
        self.client.force_login(self.counsellor)
        assert self.client.get(reverse("orientation:overview")).status_code == 404
        assert self.client.post(reverse("orientation:plan_add"), {"step": "J1501:1"}).status_code == 404
        self.client.logout()
        assert self.client.get(reverse("orientation:overview")).status_code == 302

    def test_the_counsellor_sees_the_competences_the_profile_the_jobs_and_the_gap_on_the_dossier_page(self):
        appellation = Appellation.objects.filter(fiche_id="J1305").order_by("code").first()
        self.client.post(reverse("orientation:envisage"), {"appellation": appellation.code})
        self.client.force_login(self.counsellor)
        page = self.client.get(reverse("dossiers:candidate", args=[self.candidate.dossier.pk])).content.decode()
        section = page.split('id="orientation-title"')[1]
        assert self.answer(self.competences_phase, self.competences)[0]["label"] in section
        assert appellation.label in section and "Au cœur du métier, à acquérir" in section
        assert "Ajouter au plan d&#x27;action" not in section  # the candidate's button, not the counsellor's
        assert f">{AIDE_SOIGNANT}<" in section  # the suggestions the candidate sees

    def test_mes_donnees_holds_the_competences_the_jobs_and_the_dismissed_suggestions(self):
        appellation = Appellation.objects.filter(fiche_id="J1305").order_by("code").first()
        self.client.post(reverse("orientation:envisage"), {"appellation": appellation.code})
        self.client.post(reverse("orientation:dismiss"), {"fiche": "A1403"})
        response = self.client.get(reverse("my_data_download"))
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        data = json.loads(archive.read("donnees.json").decode("utf-8"))
        phases = {entry["titre"]: entry for entry in data["phases"]}
        competences = phases[self.competences_phase.title]["reponses"][0]["reponse"]
        assert competences[0]["code_rome"] == self.codes[0] and competences[0]["type"] == "Savoir-faire"
        assert competences[0]["maitrise"] == "Je pratique"
        jobs = phases[self.jobs_phase.title]["reponses"][0]["reponse"]
        assert jobs == [
            {
                "metier": appellation.label,
                "code_ogr": appellation.code,
                "fiche_rome": "J1305",
                "fiche": jobs[0]["fiche"],
                "note": "",
            }
        ]
        assert [item["fiche_rome"] for item in data["metiers_ecartes_des_suggestions"]] == ["A1403"]

    def test_the_synthesis_material_holds_the_competences_and_the_gap_to_each_envisaged_job(self):
        appellation = Appellation.objects.filter(fiche_id="J1305").order_by("code").first()
        self.client.post(reverse("orientation:envisage"), {"appellation": appellation.code})
        material = {section.section.value: section for section in dossier_material(self.candidate.dossier).sections}
        skills = [item.html for phase in material["competences"].phases for item in phase.answers]
        assert any(self.answer(self.competences_phase, self.competences)[0]["label"] in html for html in skills)
        gap = material["projets"].facts.html
        assert "L&#x27;écart avec les métiers envisagés" in gap or "L'écart avec les métiers envisagés" in gap
        assert f"{appellation.label} (J1305)" in gap and "au cœur du métier, à acquérir" in gap
