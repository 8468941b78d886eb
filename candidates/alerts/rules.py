"""The reasons a running bilan needs its counsellor's attention. Each rule is one small object that carries its
filter key and label, its urgency, what it needs read from the database, and the sentence it shows; it reads the
time only from the `AlertContext` it is given (never the clock), so a test sets the day.

A rule reads its data in one of two ways, neither a query per dossier (`selectors.py`): `annotate` adds
subqueries to the one query of the dossiers (what every rule below needs, the follow-up's from its feature's
selector); `prepare` reads once, for all the dossiers, what a subquery cannot give.

To add a rule, write a subclass and list it in `RULES`. `FollowUpDue` looks at ended bilans, which is
what `during_bilan = False` and `scope` are for.
"""

import datetime
import enum
from dataclasses import dataclass
from functools import cached_property

from django.db.models import DurationField, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..agenda.models import Appointment
from ..attestations.durations import LEGAL_CAP_MINUTES, hours_minutes
from ..followup.selectors import followups_due
from ..portal_settings import PortalSettings


class Urgency(enum.IntEnum):
    """How soon the counsellor should act; the rows of *À suivre* are sorted by it, most urgent first."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return {Urgency.LOW: _("à surveiller"), Urgency.MEDIUM: _("à relancer"), Urgency.HIGH: _("urgent")}[self]

    @property
    def badge(self) -> str:
        """The DSFR badge's modifier."""
        return {Urgency.LOW: "info", Urgency.MEDIUM: "warning", Urgency.HIGH: "error"}[self]


@dataclass(frozen=True)
class AlertContext:
    """What the rules are evaluated against: whose dossiers, the moment, and the thresholds of *Paramètres*."""

    counsellor: User
    now: datetime.datetime
    settings: PortalSettings

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


def _day(value: datetime.date) -> str:
    return f"{value:%d/%m/%Y}"


def _upcoming_appointments(context: AlertContext):
    """The dossier's rendez-vous not cancelled that start from now on (a subquery on the outer dossier)."""
    return Appointment.objects.filter(dossier=OuterRef("pk"), cancelled_at__isnull=True, start__gte=context.now)


class Rule:
    key: str  # the filter's value (?motif=)
    label: str  # the filter's label
    urgency: Urgency
    during_bilan = True  # evaluated on the running bilans only

    def scope(self, context: AlertContext) -> Q | None:
        """Dossiers beyond the running bilans this rule looks at (None: the running bilans only)."""
        return None

    def annotate(self, dossiers, context: AlertContext):
        return dossiers

    def prepare(self, dossiers: list, context: AlertContext):
        """Data read once for all `dossiers` (those this rule looks at), handed to `reason`."""
        return None

    def reason(self, dossier, context: AlertContext, prepared) -> str | None:
        """The sentence shown when `dossier` needs attention for this reason, or None."""
        raise NotImplementedError


class NoActivity(Rule):
    """The candidate has saved nothing for N days: the *Dernière activité* of the dashboard
    (`Dossier.objects.with_last_activity`), or the start of the bilan if they never did."""

    key, label, urgency = "inactivite", _("Sans activité"), Urgency.MEDIUM

    def annotate(self, dossiers, context):
        return dossiers.with_last_activity()

    def reason(self, dossier, context, prepared):
        days = context.settings.alert_inactivity_days
        if dossier.last_activity is None:
            if (context.today - dossier.start_date).days < days:
                return None
            return gettext("Aucune activité depuis le début du bilan, le %(day)s") % {"day": _day(dossier.start_date)}
        last = timezone.localdate(dossier.last_activity)
        idle = (context.today - last).days
        if idle < days:
            return None
        text = gettext("Aucune activité depuis %(days)d jours (dernière le %(day)s)")
        return text % {"days": idle, "day": _day(last)}


class NoAppointment(Rule):
    """No rendez-vous of the *Agenda* starts within the next N days."""

    key, label, urgency = "rendez-vous", _("Sans rendez-vous"), Urgency.LOW

    def annotate(self, dossiers, context):
        first = _upcoming_appointments(context).order_by("start").values("start")[:1]
        return dossiers.annotate(next_appointment=Subquery(first))

    def reason(self, dossier, context, prepared):
        days = context.settings.alert_no_appointment_days
        following = dossier.next_appointment
        if following is not None and following <= context.now + datetime.timedelta(days=days):
            return None
        text = gettext("Aucun rendez-vous prévu dans les %(days)d prochains jours") % {"days": days}
        if following is None:
            return text
        return gettext("%(text)s (prochain le %(day)s)") % {"text": text, "day": _day(timezone.localdate(following))}


class HoursOverCap(Rule):
    """The hours attested so far plus the rendez-vous still planned until the end of the bilan would pass the
    legal 24 hours: the projection counts what is booked, not a pace (a pace guesses from a few sessions)."""

    key, label, urgency = "heures", _("Plus de 24 h"), Urgency.HIGH

    def annotate(self, dossiers, context):
        planned = (
            _upcoming_appointments(context)
            .filter(start__date__lte=OuterRef("end_date"))
            .order_by()
            .values("dossier")
            .annotate(total=Sum(F("end") - F("start"), output_field=DurationField()))
            .values("total")
        )
        return dossiers.with_attested_minutes().annotate(planned_time=Subquery(planned, output_field=DurationField()))

    def reason(self, dossier, context, prepared):
        attested = dossier.attested_minutes
        planned = int(dossier.planned_time.total_seconds() // 60) if dossier.planned_time else 0
        if attested + planned <= LEGAL_CAP_MINUTES:
            return None
        if not planned:
            return gettext("%(attested)s attestées : au-delà des 24 h") % {"attested": hours_minutes(attested)}
        return gettext("%(attested)s attestées, %(planned)s de rendez-vous prévus : %(total)s à la fin du bilan") % {
            "attested": hours_minutes(attested),
            "planned": hours_minutes(planned),
            "total": hours_minutes(attested + planned),
        }


class EndingWithPhasesLeft(Rule):
    """The bilan ends within N days and phases of its modularisation are not *terminée*."""

    key, label, urgency = "fin", _("Fin proche"), Urgency.HIGH

    def annotate(self, dossiers, context):
        return dossiers.with_phase_counts()

    def reason(self, dossier, context, prepared):
        if (dossier.end_date - context.today).days > context.settings.alert_ending_days:
            return None
        left = dossier.phases_count - dossier.phases_done
        if left <= 0:
            return None
        phases = ngettext("%(count)d phase non terminée", "%(count)d phases non terminées", left) % {"count": left}
        return gettext("%(phases)s, fin le %(day)s") % {"phases": phases, "day": _day(dossier.end_date)}


class FollowUpDue(Rule):
    """The bilan is over, its *Suivi à six mois* has come (`followups_due`: unanswered, no rendez-vous since
    its day): the counsellor proposes the follow-up interview (Code du travail R6313-4)."""

    key, label, urgency = "suivi", _("Suivi à proposer"), Urgency.LOW
    during_bilan = False

    def scope(self, context):
        return Q(pk__in=followups_due(context.counsellor, context.today).values("dossier"))

    def annotate(self, dossiers, context):
        due = followups_due(context.counsellor, context.today).filter(dossier=OuterRef("pk"))
        return dossiers.annotate(followup_due_on=Subquery(due.values("due_on")[:1]))

    def reason(self, dossier, context, prepared):
        if dossier.followup_due_on is None:
            return None
        return gettext("Suivi à six mois à proposer (prévu le %(day)s)") % {"day": _day(dossier.followup_due_on)}


# Most urgent first: the order of a dossier's reasons when urgencies tie, and of the filters.
RULES: tuple[Rule, ...] = (EndingWithPhasesLeft(), HoursOverCap(), NoActivity(), NoAppointment(), FollowUpDue())
