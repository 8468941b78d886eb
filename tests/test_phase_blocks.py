"""Every block type: asked as a form field, validated, stored keyed by its id, shown read-only."""

import pytest
from django.template.loader import render_to_string

from phases.forms import AnswerForm

from .phase_builders import FULL_ANSWERS, FULL_POST, every_type_phase

pytestmark = pytest.mark.django_db


def rendered_fields(form):
    return "".join(field.as_field_group() for _child, field in form.stream() if field)


@pytest.fixture
def phase(bilan):
    return every_type_phase(bilan)


def test_each_question_renders_as_a_form_field(phase):
    html = rendered_fields(AnswerForm(phase=phase, answers={}))
    assert 'name="short"' in html and "<textarea" in html
    assert 'type="radio" name="single" value="single-1"' in html and "Présentiel" in html
    assert 'type="checkbox" name="multi" value="multi-2"' in html and "Créer" in html
    assert 'name="scale__scale-0" value="5"' in html and "Très important" in html
    assert 'name="rank__rank-2"' in html and "Rang…" in html
    assert 'name="table__0__col-1"' in html and "Où acquise" in html
    assert 'name="entries__0__f-1"' in html and "Ce que j&#x27;ai aimé" in html
    assert "Réponse obligatoire pour terminer la phase." in html


def test_instructions_are_not_questions(phase):
    assert [child.id for child in phase.question_children] == [
        "short",
        "long",
        "single",
        "multi",
        "scale",
        "rank",
        "table",
        "entries",
    ]
    assert phase.progress({}) == (0, 8)


def test_valid_answers_are_cleaned_into_what_is_stored(phase):
    form = AnswerForm(FULL_POST, phase=phase, answers={})
    assert form.is_valid(), form.errors
    assert form.cleaned_answers() == FULL_ANSWERS


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"single": "Ailleurs"}, "single", "Sélectionnez un choix valide"),
        ({"multi": ["multi-0", "multi-1", "multi-2"]}, "multi", "Choisissez au plus 2 propositions."),
        ({"multi": ["Évoluer"]}, "multi", "Sélectionnez un choix valide"),  # a text is not an id
        ({"scale__scale-0": "9"}, "scale", "Choisissez une note entre 1 et 5."),
        ({"rank__rank-0": "1", "rank__rank-1": "1", "rank__rank-2": "2"}, "rank", "Donnez un rang différent"),
        ({"rank__rank-0": "1"}, "rank", "Donnez un rang différent"),
        ({"short": "x" * 501}, "short", "au plus 500 caractères"),
    ],
)
def test_invalid_answers_are_named_in_french(phase, posted, field, message):
    form = AnswerForm(posted, phase=phase, answers={})
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_invalid_post_is_redisplayed_with_what_was_typed(phase):
    form = AnswerForm({**FULL_POST, "scale__scale-0": "9"}, phase=phase, answers={})
    assert not form.is_valid()
    html = rendered_fields(form)
    assert "Dix ans à l&#x27;hôpital." in html
    assert '<option value="2" selected>2</option>' in html  # the rank typed for the first choice
    assert "CHU de Nîmes" in html


def test_saved_answers_fill_the_form_again(phase):
    html = rendered_fields(AnswerForm(phase=phase, answers=FULL_ANSWERS))
    assert 'value="single-1" dsfr="dsfr" id="id_single_1" checked' in html
    assert 'id="scale__scale-0_4" name="scale__scale-0" value="4" checked' in html
    assert '<option value="1" selected>1</option>' in html  # Famille ranked first
    assert "Accueil du public</textarea>" in html
    assert 'value="CHU de Nîmes"' in html


def test_progress_counts_complete_answers_only(phase):
    partial = {"short": "x", "scale": {"scale-0": 3}, "rank": [], "table": []}
    assert phase.progress(partial) == (1, 8)  # a half-rated scale is not answered yet
    assert phase.progress(FULL_ANSWERS) == (8, 8)


def test_required_questions_are_named_when_missing(phase):
    assert [c.value["label"] for c in phase.missing_required({})] == ["Votre métier actuel ?", "Vos motivations ?"]
    assert [c.value["label"] for c in phase.missing_required({"short": "  "})] == [
        "Votre métier actuel ?",
        "Vos motivations ?",
    ]
    assert phase.missing_required(FULL_ANSWERS) == []


def test_each_answer_renders_read_only(phase):
    html = render_to_string(
        "phases/includes/answers.html", {"answered_questions": phase.answered_questions(FULL_ANSWERS)}
    )
    assert "Secrétaire médicale" in html
    assert "Dix ans à l&#x27;hôpital.<br>Puis une clinique." in html
    assert "<li>Présentiel</li>" in html
    assert "<li>Évoluer</li><li>Créer</li>" in html
    assert "<td>Sécurité</td><td>4</td>" in html
    assert "<li>Famille</li><li>Santé</li><li>Travail</li>" in html
    # Choices are bullets; only a ranking is numbered (DSFR numbers every <ol>, whatever its style).
    assert html.count('<ul class="answer-choices">') == 2 and html.count('<ol class="answer-choices">') == 1
    assert "<td>Accueil du public</td><td>Hôpital</td>" in html
    assert "<dd>CHU de Nîmes</dd>" in html


def test_unanswered_questions_say_so(phase):
    html = render_to_string("phases/includes/answers.html", {"answered_questions": phase.answered_questions({})})
    assert html.count("Pas de réponse.") == 7  # the scale shows its items with a dash


def test_an_editors_help_text_is_shown_as_text_on_every_question(bilan):
    """DSFR's field templates write a help text unescaped: markup typed by an editor shows as typed."""
    phase = every_type_phase(bilan, help_text='<img src=x alt="piège"> & <b>gras</b>')
    html = rendered_fields(AnswerForm(phase=phase, answers={}))
    assert "<img" not in html and "<b>" not in html
    assert html.count("&lt;img src=x alt=&quot;piège&quot;&gt; &amp; &lt;b&gt;gras&lt;/b&gt;") == 8
