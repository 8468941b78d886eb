"""What a figure of *L'activité de l'académie* is: typed cells, tables, sections, and the scope they are
computed from (`Scope`: the filtered dossiers of the period, with the one query of totals every section
may read). The sections themselves are in `sections.py`.

Definitions (the page repeats them):
- *commencé*: the start date falls in the period;
- *terminé*: the end date has passed (before today, or in the year for a past year), or the counsellor
  closed the bilan by the end of the period (`dossier_close` brings its end date to that day);
- *abandonné*: terminé, closed as *abandonné* (`Dossier.Outcome.ABANDONED`);
- *mené à son terme*: terminé and not abandoned (closed so, or its end date passed unclosed);
- *en cours*: of the period and not terminé at its end;
- the duration of a bilan: days from its start date to its end date;
- the appreciations of the period: those whose invitation went in the period (or, given from the
  dashboard before any invitation, answered in it); the follow-ups of the
  period: those due in it. Both are counted by their own DABM and counsellor: they outlive the dossier."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection, models
from django.db.models import Case, Count, DurationField, ExpressionWrapper, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from ..accounts.models import User
from ..attestations.durations import LEGAL_CAP_MINUTES, hours_minutes, hours_number
from ..attestations.models import Attestation
from ..dossiers.models import Dossier
from ..followup.models import FollowUp
from ..satisfaction.models import SatisfactionResponse
from ..satisfaction.selectors import questionnaire
from ..spreadsheets import decimal_text
from .filters import Period

DURATION = ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())

# Cells -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure: how the page shows it (`str`), what a bar measures (`number`), what a spreadsheet holds
    (`export`). `value` is None when there is nothing to compute from (a rate of no bilans)."""

    kind: str  # "count", "percent", "hours" (value in minutes), "days", "score" (a mean rating)
    value: float | int | None

    def __str__(self) -> str:
        if self.value is None:
            return "—"
        if self.kind == "percent":
            return f"{decimal_text(round(self.value * 100, 1))} %"
        if self.kind == "hours":
            return hours_minutes(round(self.value))
        if self.kind == "days":
            return f"{decimal_text(round(self.value, 1))} j"
        if self.kind == "score":
            return decimal_text(round(self.value, 1))
        return f"{self.value:,}".replace(",", "\u202f")

    @property
    def number(self) -> float:
        if self.value is None:
            return 0
        if self.kind == "percent":
            return self.value * 100
        if self.kind == "hours":
            return self.value / 60
        return self.value

    @property
    def export(self):
        """A number for the spreadsheet: a share in percent (12.5), hours as a decimal number (3.5)."""
        if self.value is None:
            return None
        if self.kind == "percent":
            return round(self.value * 100, 1)
        if self.kind == "hours":
            return hours_number(self.value)
        if self.kind in ("days", "score"):
            return round(self.value, 1)
        return self.value


def count(value) -> Cell:
    return Cell("count", int(value or 0))


def share(part, whole) -> Cell:
    return Cell("percent", part / whole if whole else None)


def hours(minutes) -> Cell:
    return Cell("hours", int(minutes or 0))


def mean_hours(minutes, bilans) -> Cell:
    return Cell("hours", minutes / bilans if bilans else None)


def days(value) -> Cell:
    return Cell("days", value)


def score(value) -> Cell:
    return Cell("score", value)


WIDE_TABLE = 4  # columns

# Tables and sections -----------------------------------------------------------------------------


@dataclass
class Table:
    """A table of figures: one row per label, one cell per heading after the first (the rows' heading).
    The chart draws the column `chart_column` (an index into the cells), or nothing if None."""

    caption: str
    headings: list[str]
    rows: list[tuple[str, list[Cell]]]
    chart_column: int | None = 0
    empty_label: str = ""
    on_page: bool = True  # False: too long for the page (the section's note says so); in the export only

    @property
    def wide(self) -> bool:
        """A breakdown (many columns): the whole width of the page, not half of it."""
        return len(self.headings) > WIDE_TABLE

    @property
    def chart_heading(self) -> str:
        return self.headings[self.chart_column + 1]


@dataclass
class Section:
    """What one section of the page shows: its title, explanations, and tables (each charted)."""

    key: str
    title: str
    tables: list[Table]
    explanations: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


# The scope ---------------------------------------------------------------------------------------

# The figures every group adds up (per DABM, per counsellor, for the whole scope): each is a sum over the
# dossiers of the group, so the totals of a DABM are the sums of its (DABM, counsellor) pairs.
FLAGS = ("started", "ended", "finished", "abandoned")
HOUR_BINS = ((0, 0), (1, 6 * 60), (6 * 60 + 1, 12 * 60), (12 * 60 + 1, 18 * 60), (18 * 60 + 1, LEGAL_CAP_MINUTES))
ADDED = ("bilans", *FLAGS, "minutes", "finished_minutes", "over_cap", *(f"hours_bin{n}" for n in range(len(HOUR_BINS))))
NAMES = ("last_name", "first_name", "username")  # the counsellor's, for the breakdown's labels


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _sums_sql() -> str:
    """The sums of the groups query, over `d` (a dossier with its 0/1 flags) and `m` (its attested minutes)."""
    minutes = "COALESCE(a.minutes, 0)"
    sums = ["COUNT(*)", *(f"SUM(d.{flag})" for flag in FLAGS), f"SUM({minutes})"]
    sums.append(f"SUM(CASE WHEN d.finished = 1 THEN {minutes} ELSE 0 END)")
    sums.append(f"SUM(CASE WHEN {minutes} > {int(LEGAL_CAP_MINUTES)} THEN 1 ELSE 0 END)")
    sums += [
        f"SUM(CASE WHEN {minutes} BETWEEN {int(low)} AND {int(high)} THEN 1 ELSE 0 END)" for low, high in HOUR_BINS
    ]
    return ", ".join(sums)


@dataclass
class Scope:
    """The dossiers the figures are computed from (already filtered by DABM and counsellor) and the period.

    Two queries feed every section: `groups` (the figures per DABM and counsellor, from one row per dossier
    with its attested minutes) and `durations` (how many bilans menés à leur terme lasted each number of
    days)."""

    dossiers: models.QuerySet
    period: Period
    dabm_names: dict  # {pk: name}: the labels of the breakdown per DABM
    chosen: dict = field(default_factory=dict)  # {"dabm_id": …, "counsellor_id": …}: the filters applied

    def _in_period(self, name: str) -> Q:
        """The date field `name` falls in the period."""
        first = Q(**{f"{name}__gte": self.period.first}) if self.period.first else Q()
        return first & Q(**{f"{name}__lte": self.period.last})

    def _at_in_period(self, name: str) -> Q:
        """The datetime field `name` falls in the period's days in Paris: compared with the days' bounds,
        not converted row by row (which the query of the ratings would do once per item)."""
        midnight = datetime.time()
        after_last = timezone.make_aware(
            datetime.datetime.combine(self.period.last + datetime.timedelta(days=1), midnight)
        )
        first = self.period.first
        since = Q(**{f"{name}__gte": timezone.make_aware(datetime.datetime.combine(first, midnight))}) if first else Q()
        return since & Q(**{f"{name}__lt": after_last})

    @cached_property
    def satisfaction(self) -> "Appreciations":
        """The appreciations asked in the period: how many, how many answered, and each rated question's
        ratings counted by the database (`ScaleBlock.rating_counts`): three queries (the questionnaire,
        the counts, the ratings), whatever the number of answers."""
        answered_uninvited = Q(invited_at__isnull=True) & self._at_in_period("answered_at")
        asked = SatisfactionResponse.objects.filter(self._at_in_period("invited_at") | answered_uninvited)
        asked = asked.filter(**self.chosen)
        counts = asked.aggregate(asked=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        page = questionnaire()
        scales = [child for child in (page.question_children if page else []) if hasattr(child.block, "rating_counts")]
        answered = asked.filter(answered_at__isnull=False)
        parts = [
            part
            for child in scales
            for part in child.block.rating_counts(child.value, answered, f"answers__{child.id}")
        ]
        ratings = {}
        if parts:
            for item, rating, n in parts[0].union(*parts[1:], all=True):
                if rating is not None and str(rating).isdigit():
                    ratings[(item, int(rating))] = n
        summaries = [summary for child in scales for summary in child.block.summarise_counts(child.value, ratings)]
        return Appreciations(counts["asked"], counts["answered"], summaries)

    @cached_property
    def followups(self) -> dict:
        """{situation: (sent, answered)} of the follow-ups due in the period, in one query."""
        rows = (
            FollowUp.objects.filter(self._in_period("due_on"), **self.chosen)
            .order_by()
            .values("situation")
            .annotate(
                sent=Count("pk", filter=Q(invited_at__isnull=False)),
                answered=Count("pk", filter=Q(answered_at__isnull=False)),
            )
            .values_list("situation", "sent", "answered")
        )
        return {situation: (sent, answered) for situation, sent, answered in rows}

    @cached_property
    def of_period(self) -> Q:
        period = self.period
        running_then = Q(start_date__lte=period.last)
        return running_then & Q(end_date__gte=period.first) if period.first else running_then

    @cached_property
    def ended(self) -> Q:
        period = self.period
        return Q(end_date__lt=period.cutoff) | Q(closed_on__lte=period.last)

    @cached_property
    def finished(self) -> Q:
        return self.ended & ~Q(outcome=Dossier.Outcome.ABANDONED)

    @cached_property
    def started(self) -> Q:
        period = self.period
        return Q(start_date__gte=period.first) if period.first else Q(start_date__lte=period.last)

    @cached_property
    def bilans(self) -> models.QuerySet:
        """The dossiers of the period."""
        return self.dossiers.filter(self.of_period)

    def _flags(self) -> models.QuerySet:
        """One row per dossier of the period: its id, DABM, counsellor and a 0/1 per flag."""
        conditions = {
            "started": self.started,
            "ended": self.ended,
            "finished": self.finished,
            "abandoned": self.ended & Q(outcome=Dossier.Outcome.ABANDONED),
        }
        flags = {name: _flag(conditions[name]) for name in FLAGS}
        return self.bilans.order_by().annotate(**flags).values("id", "dabm_id", "counsellor_id", *FLAGS)

    def _attested_minutes(self) -> models.QuerySet:
        """The attested minutes of each dossier that has attestations (one row per dossier), read from the
        index on (dossier, duration); only those of the dossiers chosen when a DABM or counsellor is."""
        attestations = Attestation.objects.order_by()
        if self.dossiers.query.has_filters():
            attestations = attestations.filter(dossier__in=self.bilans.values("pk"))
        return attestations.values("dossier_id").annotate(minutes=Sum("duration_minutes"))

    @cached_property
    def groups(self) -> list[dict]:
        """The figures of each (DABM, counsellor) pair, with the counsellor's name, in one query: the
        dossiers' flags joined to their attested minutes (summed once per dossier, not per row of a join),
        summed per pair."""
        flags_sql, flags_params = self._flags().query.sql_with_params()
        minutes_sql, minutes_params = self._attested_minutes().query.sql_with_params()
        users = connection.ops.quote_name(User._meta.db_table)
        names = ", ".join(f"u.{name}" for name in NAMES)
        sql = (
            f"SELECT g.*, {names} FROM ("  # noqa: S608 (no value is interpolated: parameters)
            f"SELECT d.dabm_id, d.counsellor_id, {_sums_sql()} "
            f"FROM ({flags_sql}) d LEFT JOIN ({minutes_sql}) a ON a.dossier_id = d.id "
            "GROUP BY d.dabm_id, d.counsellor_id"
            f") g LEFT JOIN {users} u ON u.id = g.counsellor_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*flags_params, *minutes_params))
            rows = cursor.fetchall()
        return [dict(zip(("dabm_id", "counsellor_id", *ADDED, *NAMES), row, strict=True)) for row in rows]

    def rolled_up(self, key: str | None) -> dict:
        """The figures per value of `key` ("dabm_id" or "counsellor_id"), or of the whole scope (None)."""
        result: dict = {}
        for group in self.groups:
            figures = result.setdefault(group[key] if key else None, dict.fromkeys(ADDED, 0))
            for name in ADDED:
                figures[name] += int(group[name] or 0)
        return result

    @cached_property
    def totals(self) -> dict:
        return self.rolled_up(None).get(None, dict.fromkeys(ADDED, 0))

    @cached_property
    def durations(self) -> dict[int, int]:
        """{days: how many bilans menés à leur terme lasted that long}, in one query."""
        rows = (
            self.bilans.filter(self.finished)
            .order_by()
            .annotate(duration=DURATION)
            .values("duration")
            .annotate(n=Count("pk"))
            .values_list("duration", "n")
        )
        return {duration.days: n for duration, n in rows}


@dataclass
class Appreciations:
    asked: int
    answered: int
    summaries: list  # phases.summaries.Summary per question (per item of a scale)

    @property
    def satisfied(self) -> tuple[int, int]:
        """(ratings in the top two degrees of their scale, ratings) over every rated question."""
        scales = [summary for summary in self.summaries if summary.kind == "scale"]
        top = sum(satisfied(summary) for summary in scales)
        return top, sum(summary.count for summary in scales)


def satisfied(summary) -> int:
    """How many rated a scale question in its top two degrees (4 or 5 out of 5)."""
    return sum(hits for _degree, hits, _percent in summary.distribution[-2:])


def _midnight(day: datetime.date) -> datetime.datetime:
    """The day's first instant in Paris (the portal's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def counsellor_name(group: dict) -> str:
    """« BOAD Claire », as the filter lists them (the username for an account without a name)."""
    return f"{group['last_name']} {group['first_name']}".strip() or group["username"]


def running(figures: dict) -> int:
    return figures["bilans"] - figures["ended"]
