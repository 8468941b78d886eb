"""*À suivre*: the counsellor's dossiers that need attention, with their reasons, most urgent first. A fixed
number of queries whatever the number of dossiers: one, the dossiers with every rule's subqueries (plus what a
rule may `prepare`, see `rules.py`). That query is built and compiled once per process (`compiled_queries`):
each call only puts in its counsellor and moment."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import BooleanField, DateField, DateTimeField, ExpressionWrapper, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.compiled_queries import CompiledOnce, probe_copy

from .. import access
from ..accounts.models import User
from ..dossiers.models import Dossier, running_filter
from ..portal_settings import PortalSettings, portal_settings
from .models import Reminder, limiting_since
from .rules import RULES, AlertContext, Rule, Urgency


@dataclass(frozen=True)
class Reason:
    rule: Rule
    text: str

    @property
    def urgency(self) -> Urgency:
        return self.rule.urgency


@dataclass
class AlertRow:
    dossier: Dossier
    reasons: list[Reason]

    @property
    def urgency(self) -> Urgency:
        return self.reasons[0].urgency

    @property
    def reminded_at(self) -> datetime.datetime | None:
        """When the last reminder still limiting another one was sent (None: one may be sent)."""
        return self.dossier.reminded_at

    def sort_key(self):
        """Most urgent first, then the most reasons, then the nearest end, then by name."""
        candidate = self.dossier.candidate
        return (-self.urgency, -len(self.reasons), self.dossier.end_date, candidate.last_name, candidate.first_name)

    def has(self, key: str) -> bool:
        return any(reason.rule.key == key for reason in self.reasons)


@dataclass(frozen=True)
class Filter:
    """One choice of the filter by reason: a rule's key ("" for every reason), its label and dossiers."""

    key: str
    label: str
    count: int
    current: bool

    @property
    def query(self) -> str:
        return f"?motif={self.key}" if self.key else "?"


ROWS_SHOWN = 10  # the most urgent rows of *À suivre*; « Afficher les … autres » shows them all


@dataclass
class Board:
    """*À suivre* as shown: the rows (filtered by `selected`, the first `ROWS_SHOWN` unless all are asked for),
    how many more there are, and the filters with their number of dossiers."""

    rows: list[AlertRow]
    hidden: int
    filters: list[Filter]
    total: int
    selected: str = ""

    @property
    def everything_query(self) -> str:
        return f"?motif={self.selected}&tout=1" if self.selected else "?tout=1"


def _followed_needing_attention(job: tuple[AlertContext, Sequence[Rule]]):
    """The queryset of the counsellor's dossiers some rule looks at, with every rule's subqueries."""
    context, rules = job
    running = running_filter(context.today)
    scope = running
    for rule in rules:
        if (extra := rule.scope(context)) is not None:
            scope |= extra
    last_reminder = Reminder.objects.limiting(context.now).filter(dossier=OuterRef("pk")).order_by("-sent_at")
    dossiers = (
        access.followed_dossiers(context.counsellor)
        .filter(scope)
        .select_related("candidate")
        .annotate(
            is_running=ExpressionWrapper(running, output_field=BooleanField()),
            reminded_at=Subquery(last_reminder.values("sent_at")[:1]),
        )
        .order_by("pk")
    )
    for rule in rules:
        dossiers = rule.annotate(dossiers, context)
    return dossiers


def _query_values(job: tuple[AlertContext, Sequence[Rule]]):
    """What the SQL of `_followed_needing_attention` carries of the context (the rules read nothing else)."""
    context, _rules = job
    return {
        "counsellor": (User._meta.pk, context.counsellor.pk),  # compared with dossiers' counsellor_id
        "now": (DateTimeField(), context.now),
        "today": (DateField(), context.today),
        "reminders": (DateTimeField(), limiting_since(context.now)),
    }


# Its SQL is the same for every counsellor and moment: compiled once per process (a dozen subqueries).
_FOLLOWED_NEEDING_ATTENTION = CompiledOnce(_followed_needing_attention, _query_values)
_PROBE_MOMENT = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def _probe(context: AlertContext) -> AlertContext:
    """The same query with every value changed to one no real data holds (see `compiled_queries`)."""
    # The role is the real one's, not read again for a person who does not exist.
    counsellor = probe_copy(context.counsellor, role=context.counsellor.role)
    return AlertContext(counsellor=counsellor, now=_PROBE_MOMENT, settings=context.settings)


def counsellor_alerts(
    counsellor: User, *, now: datetime.datetime, portal: PortalSettings | None = None, rules: Sequence[Rule] = RULES
) -> list[AlertRow]:
    """The counsellor's dossiers needing attention at `now`, each with its reasons (most urgent first);
    `portal`: the Paramètres, when the caller has read them."""
    context = AlertContext(counsellor=counsellor, now=now, settings=portal or portal_settings())
    shape = (tuple(rules), counsellor.role, timezone.get_current_timezone_name())
    dossiers = _FOLLOWED_NEEDING_ATTENTION.fetch((context, rules), probe=(_probe(context), rules), shape=shape)
    concerned = {rule: [d for d in dossiers if d.is_running or not rule.during_bilan] for rule in rules}
    prepared = {rule: rule.prepare(concerned[rule], context) for rule in rules}
    rows = []
    for dossier in dossiers:
        reasons = [
            Reason(rule, text)
            for rule in rules
            if (dossier.is_running or not rule.during_bilan) and (text := rule.reason(dossier, context, prepared[rule]))
        ]
        if reasons:
            reasons.sort(key=lambda reason: -reason.urgency)  # stable: the rules' order within an urgency
            rows.append(AlertRow(dossier, reasons))
    return sorted(rows, key=AlertRow.sort_key)


def counsellor_board(
    counsellor: User,
    *,
    now: datetime.datetime,
    reason: str | None = None,
    everything: bool = False,
    portal: PortalSettings | None = None,
    rules: Sequence[Rule] = RULES,
) -> Board:
    """*À suivre* filtered by `reason` (a rule's key, from ?motif=; anything else shows every reason); the first
    rows only, unless `everything`."""
    rows = counsellor_alerts(counsellor, now=now, portal=portal, rules=rules)
    selected = reason if any(rule.key == reason for rule in rules) else ""
    filters = [Filter("", _("Tous les motifs"), len(rows), not selected)]
    for rule in rules:
        filters.append(Filter(rule.key, rule.label, sum(row.has(rule.key) for row in rows), rule.key == selected))
    shown = [row for row in rows if row.has(selected)] if selected else rows
    limit = len(shown) if everything else ROWS_SHOWN
    return Board(rows=shown[:limit], hidden=len(shown[limit:]), filters=filters, total=len(rows), selected=selected)


def reminder_dossier(counsellor: User, pk: int) -> Dossier:
    """A dossier the counsellor follows, to remind its candidate; anybody else's is a 404."""
    return get_object_or_404(access.followed_dossiers(counsellor).select_related("candidate"), pk=pk)
