import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import ngettext_lazy

from candidates import durations

register = template.Library()

# The guide's words ("4 années", not "4 ans"); hours and minutes are never shown.
MEMBERSHIP_UNITS = {
    "year": ngettext_lazy("%(num)d année", "%(num)d années", "num"),
    "month": ngettext_lazy("%(num)d mois", "%(num)d mois", "num"),
    "week": ngettext_lazy("%(num)d semaine", "%(num)d semaines", "num"),
    "day": ngettext_lazy("%(num)d jour", "%(num)d jours", "num"),
    "hour": ngettext_lazy("%(num)d heure", "%(num)d heures", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}


@register.filter
def membre_depuis(since) -> str:
    """*Membre depuis …* in the guide's words: "2 mois 2 semaines", "4 années"."""
    if not since:
        return ""
    start = timezone.localtime(since).date()
    today = timezone.localdate()
    if start >= today:
        return "aujourd'hui"
    text = timesince(
        datetime.datetime.combine(start, datetime.time()),
        datetime.datetime.combine(today, datetime.time()),
        time_strings=MEMBERSHIP_UNITS,
        depth=2,
    )
    return text.replace("\xa0", " ").replace(", ", " ")


@register.filter(name="hours_minutes")
def hours_minutes_filter(minutes) -> str:
    """Minutes as the guide shows durations: "3 h 30"."""
    return durations.hours_minutes(minutes)
