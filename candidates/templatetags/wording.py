"""How the templates word a count in French: singular for 0 and 1 (« 0 phase », « 1 phase »,
« 2 phases »), where Django's `pluralize` follows English (« 0 phases »)."""

from django import template

register = template.Library()


@register.filter
def pluriel(count, forms: str = "s") -> str:
    """The ending for `count`: `forms` is « s » (nothing in the singular) or « singulier,pluriel »."""
    singular, _comma, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    try:
        many = abs(float(count)) >= 2
    except (TypeError, ValueError):
        many = len(count) >= 2
    return plural if many else singular


@register.filter
def error_count(form) -> int:
    """How many errors the form shows: every message of every field, and those of the whole form."""
    return sum(len(errors) for errors in form.errors.values())
