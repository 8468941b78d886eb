"""The scale and ranking widgets draw their template once per definition and set the answer into a copy:
the HTML must be, byte for byte, what the template writes for that answer."""

from django import forms

from phases.answer_fields import DrawnOnceWidget, RankingWidget, ScaleWidget

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
    monkeypatch.setattr(DrawnOnceWidget, "skeletons", {})
    monkeypatch.setattr(DrawnOnceWidget, "SKELETONS_KEPT", 3)
    for number in range(7):
        scale().render(f"q{number}", None)
        assert len(DrawnOnceWidget.skeletons) <= 3
    assert_drawn_as_template(scale(), "q6", [{"a": 1}])
