"""The *Synthèse* screen (#19): the four sections beside their material (the answers of the questions
tagged for each, the counsellor's notes, the bilan's facts), « Enregistrer le brouillon », the
autosave and its guarantees (version, save_id), the annex's phases, and who may open it."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue

from candidates.attestations import services as attestation_services
from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse, Synthesis, SynthesisNote
from candidates.synthesis import services as synthesis_services
from candidates.synthesis.material import answer_html, dossier_material
from candidates.synthesis.models import SECTION_MAX_LENGTH
from phases.document_answers import DocumentAnswer
from phases.models import PhasePage
from phases.stream import QuestionStreamBlock

from .factories import CandidateFactory, CounsellorFactory
from .phase_builders import complete_phase, items, question

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def tagged_phase(bilan, slug="phase-taguee") -> PhasePage:
    """A phase whose questions feed three sections, one question feeding none."""
    questions = [
        question("metier", "short_text", "Votre métier actuel ?", synthesis_section="competences"),
        question("parcours", "long_text", "Racontez votre parcours.", synthesis_section=""),
        question(
            "atouts",
            "multiple_choice",
            "Vos atouts ?",
            synthesis_section="competences",
            choices=items("atout", ["Rigueur", "Écoute", "Créativité"]),
            max_choices=3,
        ),
        question(
            "pistes",
            "table",
            "Vos pistes",
            synthesis_section="projets",
            columns=items("col", ["Métier", "Pourquoi"]),
            max_rows=10,
        ),
    ]
    return bilan.add_child(
        instance=PhasePage(
            title="Phase taguée",
            slug=slug,
            introduction="<p>Intro.</p>",
            questions=StreamValue(QuestionStreamBlock(), questions, is_lazy=True),
        )
    )


ANSWERS = {
    "metier": "Secrétaire <médicale>",
    "parcours": "Dix ans à l'hôpital.",
    "atouts": ["atout-0", "atout-1"],
    "pistes": [{"col-0": "Éducatrice", "col-1": "Le contact"}],
}


@pytest.fixture
def dossier(candidate, bilan):
    phase = tagged_phase(bilan)
    candidate.dossier.phases.set([phase])
    dossier_services.response_save(candidate=candidate, phase=phase, answers=ANSWERS, version=0)
    return candidate.dossier


def edit_url(dossier):
    return reverse("synthesis:edit", args=[dossier.pk])


def autosave_url(dossier):
    return reverse("synthesis:autosave", args=[dossier.pk])


def section_html(page: str, name: str) -> str:
    """The HTML of one section of the screen."""
    start = page.index(f'data-synthesis-section="{name}"')
    end = page.find('<section class="synthesis-section"', start)
    return page[start:end]


def test_the_screen_shows_the_four_sections_with_the_material_of_tagged_questions(client, counsellor, dossier):
    phase = dossier.phases.get()
    SynthesisNote.objects.create(candidate=dossier.candidate, phase=phase, text="Très motivée & rigoureuse.")
    client.force_login(counsellor)
    response = client.get(edit_url(dossier))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Synthèse de Lucas BERNARD — Mon bilan en ligne</title>" in page
    for title in (
        "1. Circonstances du bilan",
        "2. Compétences et aptitudes identifiées",
        "3. Le ou les projets professionnels",
        "4. Les étapes de mise en œuvre",
        "5. Observations du/de la bénéficiaire",
    ):
        assert title in page
    skills = section_html(page, "competences")
    assert "<p><strong>Votre métier actuel ?</strong></p><p>Secrétaire &lt;médicale&gt;</p>" in skills
    assert "<ul><li>Rigueur</li><li>Écoute</li></ul>" in skills
    assert "Racontez votre parcours" not in page  # feeds no section
    assert "Très motivée &amp; rigoureuse." in skills  # the notes, in every section the phase feeds
    assert "phase en cours" in skills
    assert 'Insérer dans la synthèse<span class="fr-sr-only"> la réponse à « Votre métier actuel ? »</span>' in skills
    projects = section_html(page, "projets")
    assert "<li>Métier : Éducatrice ; Pourquoi : Le contact</li>" in projects
    assert "Votre métier actuel" not in projects
    assert "Aucune réponse de phase n'alimente encore cette rubrique." in section_html(page, "etapes")
    circumstances = section_html(page, "circonstances")
    assert "Dates du bilan : du 01/09/2026 au 31/12/2026" in circumstances
    assert "Séances attestées : 0" in circumstances
    assert "Aucune phase n'est encore terminée" in page
    assert 'href="{}"'.format(reverse("synthesis_publish", args=[dossier.pk])) in page
    assert "Publier la synthèse…" in page


def test_the_circumstances_list_the_sessions_attested_and_their_hours(counsellor, dossier):
    for day, hours in ((6, (9, 12)), (5, (14, 15))):
        attestation_services.attestation_create(
            counsellor=counsellor,
            dossier=dossier,
            start=datetime.datetime(2026, 10, day, hours[0], tzinfo=PARIS),
            end=datetime.datetime(2026, 10, day, hours[1], 30, tzinfo=PARIS),
        )
    facts = dossier_material(dossier).sections[0].facts.html
    assert "<li>Modalités : A distance</li>" in facts
    assert "<li>Séances attestées : 2 (le 05/10/2026 de 14:00 à 15:30 ; le 06/10/2026 de 09:00 à 12:30)</li>" in facts
    assert "<li>Heures attestées : 5 h</li>" in facts


def test_the_inserted_html_escapes_what_the_candidate_wrote():
    text = DocumentAnswer("Q <b>&", "text", paragraphs=["<script>alert(1)</script>\nsuite", "second"])
    assert answer_html(text) == (
        "<p><strong>Q &lt;b&gt;&amp;</strong></p><p>&lt;script&gt;alert(1)&lt;/script&gt;<br>suite</p><p>second</p>"
    )
    table = DocumentAnswer("T", "table", headers=["Col <1>", "Col 2"], rows=[["<i>x</i>", ""], ["a", "b"]])
    assert answer_html(table) == (
        "<p><strong>T</strong></p>"
        "<ul><li>Col &lt;1&gt; : &lt;i&gt;x&lt;/i&gt;</li><li>Col &lt;1&gt; : a ; Col 2 : b</li></ul>"
    )
    entries = DocumentAnswer("E", "entries", rows=[[("Employeur", "CHU"), ("Rôle", "—")]])
    assert answer_html(entries) == "<p><strong>E</strong></p><ul><li>Employeur : CHU ; Rôle : —</li></ul>"
    ranked = DocumentAnswer("R", "numbered", items=["Famille", "Santé"])
    assert answer_html(ranked) == "<p><strong>R</strong></p><ol><li>Famille</li><li>Santé</li></ol>"


def post_data(version=0, **changes) -> dict:
    data = {"circonstances": "", "competences": "", "projets": "", "etapes": "", "version": str(version)}
    return {**data, **changes}


def test_enregistrer_le_brouillon_saves_and_says_so(client, counsellor, dossier):
    client.force_login(counsellor)
    data = post_data(
        competences="<p><b>Rigueur</b></p><script>x()</script>", etapes="Contacter Pôle emploi\n\nSe former"
    )
    response = client.post(edit_url(dossier), data, follow=True)
    assert response.redirect_chain == [(edit_url(dossier), 302)]
    assert "Le brouillon de la synthèse est enregistré." in response.content.decode()
    synthesis = Synthesis.objects.get(dossier=dossier)
    assert synthesis.competences == "<p><strong>Rigueur</strong></p>"
    assert synthesis.etapes == "<p>Contacter Pôle emploi</p><p>Se former</p>"
    assert synthesis.version == 1
    assert "Brouillon modifié le" in response.content.decode()


def test_a_stale_version_keeps_the_text_and_says_what_to_do(client, counsellor, dossier):
    synthesis_services.synthesis_save(
        actor=counsellor, dossier=dossier, sections={"projets": "Ailleurs"}, left_out=None, version=0
    )
    client.force_login(counsellor)
    response = client.post(edit_url(dossier), post_data(version=0, competences="Mon texte précieux"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mon texte précieux</textarea>" in page
    assert "modifiée ailleurs" in page
    assert re.search(r'name="version" value="1"', page)  # saving again keeps this text
    assert Synthesis.objects.get(dossier=dossier).competences == ""


def test_bad_input_is_named_next_to_its_field_and_nothing_is_lost(client, counsellor, dossier, bilan):
    other = CandidateFactory()
    foreign = tagged_phase(bilan, slug="autre-phase")
    complete_phase(other, foreign, "x")
    client.force_login(counsellor)
    data = post_data(
        competences="a\x00b", projets="x" * (SECTION_MAX_LENGTH + 1), circonstances="Gardé", annex=[foreign.pk]
    )
    response = client.post(edit_url(dossier), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "caractère nul" in section_html(page, "competences")
    assert "Ce texte est trop long : 40000 caractères au plus" in section_html(page, "projets")
    assert "Cette phase ne fait pas partie des phases terminées du dossier." in page
    assert "Gardé</textarea>" in page
    assert not Synthesis.objects.filter(dossier=dossier).exists()


def annex_boxes(page: str) -> list[tuple[int, bool]]:
    """(phase pk, ticked) of the annex's checkboxes."""
    tags = re.findall(r'<input type="checkbox" name="annex"[^>]*>', page)
    return [(int(re.search(r'value="(\d+)"', tag).group(1)), " checked" in tag) for tag in tags]


def test_the_annex_keeps_every_finished_phase_unless_unticked(client, counsellor, candidate, phases):
    dossier = candidate.dossier
    dossier.phases.set(phases[:3])
    for phase in phases[:2]:
        complete_phase(candidate, phase, "Réponse")
    client.force_login(counsellor)
    page = client.get(edit_url(dossier)).content.decode()
    assert annex_boxes(page) == [(phases[0].pk, True), (phases[1].pk, True)]  # not the third
    client.post(edit_url(dossier), post_data(annex=[phases[1].pk]))
    assert list(Synthesis.objects.get(dossier=dossier).left_out.all()) == [phases[0]]
    page = client.get(edit_url(dossier)).content.decode()
    assert annex_boxes(page) == [(phases[0].pk, False), (phases[1].pk, True)]


def test_the_autosave_answers_json_and_keeps_its_guarantees(client, counsellor, dossier):
    client.force_login(counsellor)
    first = client.post(autosave_url(dossier), post_data(competences="<p>Un</p>", save_id="abc-1"))
    assert first.status_code == 200
    body = first.json()
    assert body["version"] == 1 and re.fullmatch(r"\d\d:\d\d", body["saved_at"])
    again = client.post(autosave_url(dossier), post_data(competences="<p>Un</p>", save_id="abc-1"))  # reply lost
    assert again.status_code == 200 and again.json()["version"] == 1
    stale = client.post(autosave_url(dossier), post_data(version=0, competences="<p>Deux</p>", save_id="abc-2"))
    assert stale.status_code == 409
    assert stale.json()["version"] == 1 and "modifiée ailleurs" in stale.json()["error"]
    bad = client.post(autosave_url(dossier), post_data(version=1, competences="a\x00b", save_id="abc-3"))
    assert bad.status_code == 400
    assert "competences" in bad.json()["errors"]
    synthesis = Synthesis.objects.get(dossier=dossier)
    assert (synthesis.version, synthesis.competences) == (1, "<p>Un</p>")
    assert client.get(autosave_url(dossier)).status_code == 405


@pytest.mark.parametrize("who", ["other_counsellor", "candidate"])
def test_nobody_else_finds_the_screen(client, dossier, who):
    person = CounsellorFactory() if who == "other_counsellor" else dossier.candidate
    client.force_login(person)
    assert client.get(edit_url(dossier)).status_code == 404
    assert client.post(edit_url(dossier), post_data(competences="x")).status_code == 404
    assert client.post(autosave_url(dossier), post_data(competences="x")).status_code == 404
    assert not Synthesis.objects.filter(dossier=dossier).exists()


def test_an_administrator_opens_and_saves_the_draft(client, administrator, dossier):
    client.force_login(administrator)
    page = client.get(edit_url(dossier)).content.decode()
    assert "Compétences et aptitudes identifiées" in page
    assert "Publier la synthèse…" not in page  # the counsellor publishes
    assert 'href="{}"'.format(reverse("dossiers:candidate", args=[dossier.pk])) not in page  # not a page of theirs
    response = client.post(edit_url(dossier), post_data(projets="Vu par l'académie"))
    assert response.status_code == 302
    assert Synthesis.objects.get(dossier=dossier).projets == "<p>Vu par l&#x27;académie</p>"


def test_the_dossier_page_links_to_the_screen(client, counsellor, dossier):
    client.force_login(counsellor)
    page = client.get(reverse("dossiers:candidate", args=[dossier.pk])).content.decode()
    assert f'href="{edit_url(dossier)}">Rédiger la synthèse</a>' in page
    assert "Consulter sa synthèse" in page and "Lire en PDF" in page
    assert "Publier la synthèse…" in page


def test_the_material_is_read_in_a_fixed_number_of_queries(django_assert_num_queries, candidate, phases, counsellor):
    dossier = candidate.dossier
    dossier.phases.set(phases[:1])
    complete_phase(candidate, phases[0], "Réponse")
    with django_assert_num_queries(5):
        dossier_material(dossier)
    dossier.phases.set(phases)
    for phase in phases[1:6]:
        complete_phase(candidate, phase, "Réponse")
        SynthesisNote.objects.create(candidate=candidate, phase=phase, text="Note")
    PhaseResponse.objects.filter(phase=phases[6]).delete()
    with django_assert_num_queries(5):
        material = dossier_material(dossier)
    skills = material.sections[1]
    assert [found.phase for found in skills.phases] == phases[1:6]
    assert all(found.answers and found.notes for found in skills.phases)
    assert len(material.completed) == 6


def test_the_admin_list_of_candidates_links_to_the_screen(client, administrator, dossier):
    client.force_login(administrator)
    page = client.get("/admin/candidates/dossier/").content.decode()
    assert f'href="{edit_url(dossier)}"' in page
    assert "Ouvrir la synthèse de Lucas BERNARD" in page
