"""The export of *L'activité de l'académie*: the same figures for the same filters, as an XLSX workbook
(`candidates.spreadsheets`): a first sheet naming the filters and the date, then one sheet per section,
each table under its caption, its figures as numbers (shares in %, hours as decimal hours)."""

import datetime
import io

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import spreadsheets
from .selectors import Activity

COLUMNS = 10  # the widest table: per DABM and per counsellor
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(activity: Activity, today: datetime.date) -> str:
    """activite-academie_2026_dabm-nimes_conseiller-boad-claire_2026-12-02 (no extension)."""
    parts = ["activite-academie", str(activity.period.year) if activity.period.year else "toutes-annees"]
    if activity.dabm:
        parts.append(f"dabm-{slugify(activity.dabm)}")
    if activity.counsellor:
        parts.append(f"conseiller-{slugify(activity.counsellor)}")
    parts.append(f"{today:%Y-%m-%d}")
    return "_".join(part[:60] for part in parts)


def _unit(heading: str, cells) -> str:
    kinds = {cell.kind for cell in cells}
    if kinds == {"percent"}:
        return f"{heading} (%)"
    if kinds == {"hours"}:
        return f"{heading} (heures)"
    if kinds == {"days"}:
        return f"{heading} (jours)"
    return str(heading)


def _section_rows(section):
    for table in section.tables:
        yield [str(table.caption)]
        columns = list(zip(*(values for _label, values in table.rows), strict=True)) if table.rows else []
        headings = [str(table.headings[0])]
        headings += [_unit(str(heading), column) for heading, column in zip(table.headings[1:], columns, strict=False)]
        yield headings if columns else [str(heading) for heading in table.headings]
        for label, values in table.rows:
            yield [str(label), *(cell.export for cell in values)]
        yield []


def workbook(activity: Activity, today: datetime.date) -> bytes:
    about = [
        [_("L'activité de l'académie")],
        [_("Période"), activity.period.label],
        [_("DABM"), activity.dabm or _("Toutes les DABM")],
        [_("Conseiller"), activity.counsellor or _("Tous les conseillers")],
        [_("Exporté le"), today],
    ]
    sheets = [(_("Filtres"), about)] + [(section.title, _section_rows(section)) for section in activity.sections]
    output = io.BytesIO()
    spreadsheets.write_workbook(output, sheets, widths=COLUMNS)
    return output.getvalue()
