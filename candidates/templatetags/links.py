"""`{% pk_url "dossiers:candidate" dossier.pk %}`: `{% url %}` for the links of long lists, one per row; and
`{% fixed_url "accounts:account" %}`, for the links of every page that take no argument (the header, the menu).

Django's `reverse` walks its URL patterns on every call (35–40 µs); a list of 20 dossiers with four links each
spends 3 ms on it. A URL taking one whole number is the same text around that number for every row, so its
two halves are found once per process (by reversing it around a marker number) for each URL name, language
and script prefix, and each row only puts its number between them."""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

_MARKER = 987654321987  # a number no URL of the portal holds otherwise


@functools.lru_cache(maxsize=512)
def _halves(name: str, language: str | None, prefix: str, urlconf) -> tuple[str, str] | None:
    text = reverse(name, args=[_MARKER], urlconf=urlconf)
    halves = text.split(str(_MARKER))
    return (halves[0], halves[1]) if len(halves) == 2 else None


def pk_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a URL whose one argument is a whole number (`<int:pk>`)."""
    halves = _halves(name, get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
    if halves is None or not isinstance(pk, int) or pk < 0:
        return reverse(name, args=[pk])
    return f"{halves[0]}{pk}{halves[1]}"


@functools.lru_cache(maxsize=512)
def _fixed(name: str, language: str | None, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


def fixed_url(name: str) -> str:
    """`reverse(name)` for a URL without arguments, found once per process for each language and script prefix."""
    return _fixed(name, get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))


register.simple_tag(pk_url, name="pk_url")
register.simple_tag(fixed_url, name="fixed_url")
