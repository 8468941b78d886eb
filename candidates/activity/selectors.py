"""*L'activité de l'académie* as the page and the export read it: the filters, the period, the sections.

A constant number of queries whatever the data: three for the filters' choices, one for the totals, then
one per section that needs more (durations, hour bins, phases, per DABM, per counsellor, the appreciation's
questionnaire, its counts and its ratings, the follow-ups)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .charts import BarChart, bar_chart
from .figures import Scope, Section, Table
from .filters import ActivityFilterForm, Period, filtered_dossiers
from .sections import SECTIONS


@dataclass
class ChartedTable:
    table: Table
    chart: BarChart | None


@dataclass
class Activity:
    form: ActivityFilterForm
    period: Period
    sections: list[Section]
    dabm: str | None
    counsellor: str | None

    def charted(self):
        """(section, [ChartedTable…]) in the page's order, each chart with an id unique on the page."""
        for section in self.sections:
            tables = [
                ChartedTable(table, bar_chart(table, f"graphique-{section.key}-{number}"))
                for number, table in enumerate(section.tables, start=1)
            ]
            yield section, tables


def academy_activity(params, *, today: datetime.date | None = None) -> Activity:
    """The figures for the filters of `params` (a QueryDict); a filter that does not parse is not applied."""
    today = today or timezone.localdate()
    form = ActivityFilterForm(params, today=today)
    applied = form.applied()
    names = form.names()
    scope = Scope(
        dossiers=filtered_dossiers(dabm=applied["dabm"], conseiller=applied["conseiller"]),
        period=Period.of(applied["annee"], today),
        dabm_names=form.dabms,
        chosen={
            name: value
            for name, value in (("dabm_id", applied["dabm"]), ("counsellor_id", applied["conseiller"]))
            if value
        },
    )
    sections = [section.compute(scope) for section in SECTIONS]
    return Activity(form, scope.period, sections, names["dabm"], names["conseiller"])
