"""Form widgets drawn faster than Django's templates draw them, with the same HTML."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def widget_attrs(attrs: dict) -> str:
    """A widget's attributes, as Django's `django/forms/widgets/attrs.html` writes them: ` name="value"`,
    a bare ` name` for True, nothing for False. That template is the most rendered of all (once per
    input, radio and checkbox: 19 times on a phase page of nine questions, 3.6 ms of its 20); this is its
    loop in Python."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return mark_safe("".join(parts))  # noqa: S308 - every name and value escaped above


@register.simple_tag
def widget_input(widget: dict) -> str:
    """An `<input>`, as Django's `django/forms/widgets/input.html` writes it (and its attributes) in
    two templates: one per text field, radio button and checkbox."""
    value = widget["value"]
    value = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return mark_safe(  # noqa: S308 - every part escaped
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{widget_attrs(widget['attrs'])}>"
    )
