"""The admin's « Aperçu » of a phase: the candidate's form with sample answers, or those answers as the
counsellor reads them; only these responses may be framed (by the admin itself). The admin's search
finds a phase by its introduction or its questions; the explorer lists the phases in the bilan's order."""

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue

from phases.forms import AnswerForm
from phases.models import PhasePage
from phases.stream import QuestionStreamBlock

from .admin_form_data import phase_form_data
from .phase_builders import EVERY_TYPE, every_type_phase, question

pytestmark = pytest.mark.django_db


def frame_ancestors(response):
    directives = dict(d.split(" ", 1) for d in response["Content-Security-Policy"].split("; "))
    return directives["frame-ancestors"]


@pytest.fixture
def phase(bilan):
    return every_type_phase(bilan)


def preview(client, phase, mode, **changes):
    """What the admin's preview panel does: POST the editor's form, then GET the preview in a mode."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[phase.pk])
    # Each block as the editor's form shows it: its stored value, the defaults of what it leaves out.
    shown = [{"type": c.block_type, "id": c.id, "value": c.block.get_prep_value(c.value)} for c in phase.questions]
    posted = client.post(url, phase_form_data(phase, shown, **changes))
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": mode, "in_preview_panel": "true"})


def test_the_preview_offers_the_candidate_and_the_counsellor_views(phase):
    assert phase.preview_modes == [("candidat", "Vue du candidat"), ("conseiller", "Vue du conseiller")]
    assert phase.default_preview_mode == "candidat"


def test_candidate_view_shows_the_form_with_sample_answers_and_may_be_framed(client, editor, phase):
    client.force_login(editor)
    response = preview(client, phase, "candidat", title="Phase de test (brouillon)")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aperçu — vue du candidat" in html
    assert "Phase de test (brouillon)" in html  # what the editor typed, not yet saved
    assert "Introduction de test." in html
    for child in phase.question_children:
        assert f'data-question="{child.id}"' in html
        assert child.value["label"] in html.replace("&#x27;", "'")
    assert 'value="Exemple de réponse"' in html  # the short text's input
    assert "Exemple de réponse rédigée" in html  # the long text's textarea
    assert 'name="table__0__col-0"' in html and 'value="Exemple 1"' in html
    assert "Lisez bien." in html  # the instructions too
    assert frame_ancestors(response) == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_counsellor_view_shows_the_sample_answers_read_only(client, editor, phase):
    client.force_login(editor)
    response = preview(client, phase, "conseiller")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aperçu — vue du conseiller" in html
    assert "Exemple de réponse" in html
    assert "<td>Exemple 1</td>" in html and "<td>Exemple 2</td>" in html  # the table's rows
    assert "<li>A distance</li>" in html  # the single choice
    assert "Pas de réponse." not in html  # every question has its sample answer
    assert 'name="short"' not in html and "<textarea" not in html  # read-only
    assert frame_ancestors(response) == "'self'"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_an_unknown_preview_mode_is_not_found(client, editor, phase):
    client.force_login(editor)
    assert preview(client, phase, "autre").status_code == 404


def test_only_the_preview_may_be_framed(client, editor, candidate, phase):
    client.force_login(candidate)
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert frame_ancestors(dashboard) == "'none'"
    assert dashboard["X-Frame-Options"] == "DENY"
    live = client.get(phase.url)  # the live phase leads to the candidate's screen
    assert live.status_code == 302 and frame_ancestors(live) == "'none'"

    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[phase.pk]))
    assert edit.status_code == 200
    # The admin is left out of the strict policy (it needs inline scripts), and may not be framed.
    assert "Content-Security-Policy" not in edit
    assert edit["X-Frame-Options"] == "DENY"
    assert frame_ancestors(preview(client, phase, "candidat")) == "'self'"


def test_sample_answers_answer_every_question_of_the_shipped_phases(phases):
    for phase in phases:
        answers = phase.sample_answers()
        total = len(phase.question_children)
        assert phase.progress(answers) == (total, total), phase.title
        AnswerForm(phase=phase, answers=answers).as_div()  # renders with them
        assert "Pas de réponse." not in "".join(str(shown.answer) for shown in phase.answered_questions(answers))


def test_every_shipped_phase_previews_in_both_modes(client, editor, phases):
    client.force_login(editor)
    for phase in phases:
        for mode, _label in phase.preview_modes:
            response = preview(client, phase, mode)
            assert response.status_code == 200, (phase.title, mode)
            assert phase.title in response.content.decode().replace("&#x27;", "'")


# Editor comfort: the admin's search, the explorer's order.


@pytest.fixture
def woodwork(bilan):
    questions = [
        *EVERY_TYPE[:1],
        question("wood", "long_text", "Quel est votre rapport à la menuiserie ?"),
    ]
    return bilan.add_child(
        instance=PhasePage(
            title="Phase de découverte",
            slug="phase-de-decouverte",
            introduction="<p>Une phase sur l'ébénisterie.</p>",
            questions=StreamValue(QuestionStreamBlock(), questions, is_lazy=True),
        )
    )


@pytest.mark.parametrize("word", ["menuiserie", "ébénisterie"])
def test_the_admin_search_finds_a_phase_by_its_questions_and_introduction(client, editor, phases, woodwork, word):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": word})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[woodwork.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[phases[0].pk]) not in html


def test_the_explorer_lists_the_phases_in_the_bilan_order(client, editor, bilan, phases):
    phases[0].save_revision().publish()  # the most recently updated: first if listed by « Mis à jour »
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_explore", args=[bilan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(reverse("wagtailadmin_pages:edit", args=[phase.pk])) for phase in phases]
    assert positions == sorted(positions)
