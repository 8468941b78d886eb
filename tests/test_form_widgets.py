"""The widgets' inputs and attributes, drawn in Python (candidates/templatetags/form_widgets.py), are the
HTML Django's own templates draw: same attributes, same order, same escaping."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer

DJANGOS_OWN = DjangoTemplates()  # Django's form templates only, not the portal's overrides

CASES = [
    (forms.TextInput(attrs={"class": "fr-input", "required": True, "disabled": False}), 'a "b" & <c>'),
    (forms.TextInput(attrs={"maxlength": 200, "aria-describedby": "x-desc", "data-n": 0}), None),
    (forms.EmailInput(attrs={"autocomplete": "email"}), "prénom@exemple.fr"),
    (forms.NumberInput(attrs={"min": 1, "max": 4}), 0),
    (forms.CheckboxInput(attrs={"class": "fr-checkbox"}), True),
    (forms.CheckboxInput(), False),
    (forms.PasswordInput(render_value=True), "s3cr<et>"),
    (forms.Textarea(attrs={"rows": 6, "placeholder": "« Votre réponse »"}), "Ligne 1\nLigne <2>"),
    (forms.Select(choices=[("", "—"), ("a&b", "A & B"), ("c", "C")], attrs={"required": True}), "a&b"),
]


@pytest.mark.parametrize(("widget", "value"), CASES, ids=[f"{type(w).__name__}-{i}" for i, (w, _v) in enumerate(CASES)])
def test_same_html_as_djangos_templates(widget, value):
    ours = widget.render("question", value, attrs={"id": "id_question"}, renderer=get_default_renderer())
    theirs = widget.render("question", value, attrs={"id": "id_question"}, renderer=DJANGOS_OWN)
    assert ours == theirs


def test_the_portal_draws_them_itself():
    """Not Django's templates by another way: the portal's `attrs.html` and `input.html` are the ones used."""
    renderer = get_default_renderer()
    for name in ("django/forms/widgets/attrs.html", "django/forms/widgets/input.html"):
        assert "form_widgets" in renderer.get_template(name).template.source
