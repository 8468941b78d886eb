"""Horizontal bar charts drawn on the server as SVG, from a `Table`'s charted column.

The geometry is computed here; `candidates/activity/includes/bar_chart.html` draws it with presentation
attributes only (the CSP forbids inline styles). Each bar has its label above it and its value after it,
so a long phase title or a counsellor's name never overlaps, on a phone as on a wide screen; the chart is
one image (`role="img"`) named by its title, and the table beside it holds the same figures."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .figures import Table

WIDTH = 400  # the viewBox's width: the SVG scales to its container
VALUE_SPACE = 64  # room after the longest bar for its value (« 12 345 », « 100 % », « 1 234 h 30 »)
ROW_HEIGHT = 40
BAR_HEIGHT = 14
LABEL_BASELINE = 14
BAR_TOP = 20
DESCRIBED_BARS = 12  # more bars than this: the description points to the table instead of reading them all
MAX_LABEL = 48  # characters; a longer label is cut with « … » (the table has it whole)


@dataclass
class Bar:
    label: str
    value: str
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    height: int
    bars: list[Bar]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(table: Table, chart_id: str) -> BarChart | None:
    """The chart of `table`'s charted column, or None when it has none or no rows."""
    if table.chart_column is None or not table.rows or not table.on_page:
        return None
    cells = [(label, values[table.chart_column]) for label, values in table.rows]
    biggest = max(cell.number for _label, cell in cells) or 1
    room = WIDTH - VALUE_SPACE
    bars = []
    for position, (label, cell) in enumerate(cells):
        top = position * ROW_HEIGHT
        width = round(room * cell.number / biggest, 1)
        bars.append(
            Bar(
                label=_short(label),
                value=str(cell),
                label_y=top + LABEL_BASELINE,
                bar_y=top + BAR_TOP,
                width=width,
                value_x=width + 6,
                value_y=top + BAR_TOP + BAR_HEIGHT - 2,
            )
        )
    if len(cells) <= DESCRIBED_BARS:
        description = " ; ".join(f"{label} : {cell}" for label, cell in cells)
    else:
        description = str(_("%(n)s barres ; le tableau qui suit donne chaque valeur.")) % {"n": len(cells)}
    return BarChart(
        id=chart_id,
        title=f"{table.caption} — {table.chart_heading}",
        description=description,
        height=len(cells) * ROW_HEIGHT,
        bars=bars,
    )
