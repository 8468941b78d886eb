"""Counts read as French does: singular for 0 and 1 (« 0 phase », « 1 erreur »), plural from 2."""

from pathlib import Path

import pytest
from django.template import Context, Template

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("count", "forms", "ending"),
    [
        (0, "s", ""),
        (1, "s", ""),
        (2, "s", "s"),
        (1.5, "s", ""),
        (12, "a,ont", "ont"),
        (0, "a,ont", "a"),
        (1, "a,ont", "a"),
    ],
)
def test_pluriel(count, forms, ending):
    template = Template("{% load wording %}{{ count|pluriel:forms }}")
    assert template.render(Context({"count": count, "forms": forms})) == ending


def test_no_template_uses_the_english_plural():
    """Django's `pluralize` writes « 0 phases »: the templates use `pluriel` instead."""
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "templates").rglob("*.*") if "|pluralize" in path.read_text()
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_error_summary_counts_every_message(client, candidate):
    """The password-reset page said « 1 erreur » above two messages of the same field."""
    from django import forms

    from candidates.forms import ConfirmForm  # any DSFR form of the portal, with the shared summary

    class TwoProblems(ConfirmForm):
        text = forms.CharField()

    form = TwoProblems(data={})
    form.add_error("text", "Premier problème.")
    html = Template('{% include "includes/form_errors.html" %}').render(Context({"form": form}))
    count = html.count("<li>")
    assert f"Le formulaire contient {count} erreurs" in html and count >= 2
