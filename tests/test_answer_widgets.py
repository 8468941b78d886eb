"""The scale, the ranking and the choice questions draw their template once per definition and set the
answer into a copy: the HTML must be, byte for byte, what the template writes for that answer."""

import pytest
from django import forms
from dsfr.forms import DsfrBaseForm, DsfrBoundField

from phases import drawn_once
from phases.answer_fields import LimitedMultipleChoiceField, RankingWidget, ScaleWidget
from phases.forms import AnswerField, AnswerForm

from .phase_builders import FULL_ANSWERS, every_type_phase

STATEMENTS = [("a", "J'aime organiser"), ("b", "Je préfère « le terrain » & l'extérieur"), ("a1", "Un dernier <point>")]
PROPOSITIONS = [(f"p{number}", f"Proposition {number}") for number in range(1, 12)]  # ranks 1 and 10, 11


def scale(**changes):
    return ScaleWidget(
        **{"items": STATEMENTS, "steps": 5, "min_label": "Pas du tout", "max_label": "Tout à fait", **changes}
    )


def from_template(widget, name, value):
    """The template's own rendering for that answer, without the skeleton."""
    return str(forms.Widget.render(widget, name, value))


def assert_drawn_as_template(widget, name, values):
    for value in values:
        assert str(widget.render(name, value)) == from_template(widget, name, value), value


def test_scale_answers_are_checked_where_the_template_checks_them():
    values = [
        None,
        {},
        {"a": 3},  # saved: ints
        {"a": 1, "b": 5, "a1": 2},
        {"a": "4", "b": "2"},  # posted: text
        {"a": "7", "b": "abc", "a1": "<b>"},  # posted out of range or crafted: nothing checked
        {"gone": 2, "a": 5},  # a statement since removed
    ]
    assert_drawn_as_template(scale(), "q__x1", values)
    html = str(scale().render("q__x1", {"a": 3, "b": 5}))
    assert html.count(" checked") == 2
    assert 'id="q__x1__a_3" name="q__x1__a" value="3" checked' in html
    assert 'id="q__x1__b_5" name="q__x1__b" value="5" checked' in html


def test_scale_with_a_name_to_escape_and_other_degrees():
    assert_drawn_as_template(scale(steps=10), 'q"<&', [None, {"a": 10, "b": 1}, {"a1": "10"}])
    assert_drawn_as_template(scale(steps=4), "q", [{"a": 4, "b": "1"}])


def test_ranking_ranks_are_selected_where_the_template_selects_them():
    widget = RankingWidget(choices=PROPOSITIONS)
    saved = [choice_id for choice_id, _label in reversed(PROPOSITIONS)]
    values = [
        None,
        [],
        saved,  # saved: the ids in rank order
        ["retired", "p3", "p1"],  # a retired proposition is left out: p3 first, p1 second
        {"p1": "10", "p2": "1", "p3": "11"},  # posted
        {"p1": "12", "p2": "abc", "p3": "<b>", "p4": ""},  # out of range or crafted: nothing selected
    ]
    assert_drawn_as_template(widget, "q__r", values)
    html = str(widget.render("q__r", {"p1": "10", "p2": "1"}))
    assert html.count(" selected") == 2
    p1 = html[html.index('name="q__r__p1">') :]
    assert p1[: p1.index("</select>")].count('<option value="10" selected>') == 1


def test_ranking_with_a_name_to_escape():
    widget = RankingWidget(choices=[("a&b", "Premier"), ('c"d', "Second")])
    assert_drawn_as_template(widget, "r<", [None, ['c"d', "a&b"], {"a&b": "2", 'c"d': "1"}])


def test_a_changed_definition_is_drawn_anew_in_the_same_process():
    before = str(scale().render("q", {"a": 2}))
    relabelled = scale(max_label="Tout à fait d'accord", items=[("a", "J'aime planifier"), *STATEMENTS[1:]])
    after = str(relabelled.render("q", {"a": 2}))
    assert after == from_template(relabelled, "q", {"a": 2})
    assert "Tout à fait d&#x27;accord" in after and "J&#x27;aime planifier" in after
    assert "J&#x27;aime planifier" not in before
    fewer = RankingWidget(choices=PROPOSITIONS[:3])
    assert str(fewer.render("q__r", ["p2"])) == from_template(fewer, "q__r", ["p2"])
    assert '<option value="4"' not in str(fewer.render("q__r", ["p2"]))


def test_the_kept_skeletons_are_bounded(monkeypatch):
    monkeypatch.setattr(drawn_once, "SKELETONS", {})
    monkeypatch.setattr(drawn_once, "SKELETONS_KEPT", 3)
    for number in range(7):
        scale().render(f"q{number}", None)
        assert len(drawn_once.SKELETONS) <= 3
    assert_drawn_as_template(scale(), "q6", [{"a": 1}])


CHOICES = [("a", "Évoluer"), ("b&c", "Changer « de cap »"), ('d"e', "<Créer>"), ("10", "Dix")]


class ChoicesForm(DsfrBaseForm):
    bound_field_class = AnswerField

    single = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False, help_text="Une seule.")
    multiple = LimitedMultipleChoiceField(choices=CHOICES, label="Plusieurs ?", required=False, max_choices=2)


def assert_choices_drawn_as_dsfr(form):
    for name in form.fields:
        drawn = str(form[name].as_field_group())
        assert drawn == str(DsfrBoundField(form, form.fields[name], name).as_field_group()), (name, form.data)


@pytest.mark.parametrize(
    "initial",
    [
        {},
        {"single": "b&c", "multiple": ["a", 'd"e']},
        {"single": "10", "multiple": ["10"]},
        {"single": "retirée"},
        {"single": ["a", "10"]},
    ],
)
def test_saved_choices_are_checked_where_dsfr_checks_them(initial):
    assert_choices_drawn_as_dsfr(ChoicesForm(initial=initial))


@pytest.mark.parametrize(
    "posted",
    [
        {"single": "a", "multiple": ["b&c"]},
        {"single": "1", "multiple": ["1", "0"]},  # no option is "1": the 10 is not checked
        {"single": "<b>", "multiple": []},  # crafted: an error, drawn in full
        {"multiple": ["a", "b&c", "10"]},  # one too many: an error, the ticks kept
    ],
)
def test_posted_choices_are_checked_where_dsfr_checks_them(posted):
    form = ChoicesForm(posted)
    form.is_valid()
    assert_choices_drawn_as_dsfr(form)


def test_the_checked_choice_is_marked_on_its_own_input():
    form = ChoicesForm(initial={"single": "10", "multiple": ["b&c", "10"]})
    single, multiple = str(form["single"].as_field_group()), str(form["multiple"].as_field_group())
    assert single.count(" checked") == 1 and multiple.count(" checked") == 2
    assert 'name="single" value="10" dsfr="dsfr" id="id_single_3" checked>' in single
    assert 'name="multiple" value="b&amp;c" dsfr="dsfr" id="id_multiple_1" checked>' in multiple


@pytest.mark.django_db
def test_a_phase_form_draws_each_question_as_dsfr_does(bilan):
    phase = every_type_phase(bilan)
    for answers in ({}, FULL_ANSWERS):
        form = AnswerForm(phase=phase, answers=answers)
        for _child, field in form.stream():
            if field is not None:
                assert str(field.as_field_group()) == str(
                    DsfrBoundField(form, field.field, field.name).as_field_group()
                )
