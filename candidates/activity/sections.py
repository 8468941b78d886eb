"""The sections of *L'activité de l'académie*, in the page's order (`SECTIONS`). Each computes its tables
from the same `Scope` (the filtered dossiers of the period) in one query, or none when it reads the totals.

A section is a class with `key`, `title` and `compute(scope) -> Section`, listed in `SECTIONS`: the page,
its charts, its tables and the export show it with no other change. Those about after the bilan (the
appreciation, the follow-up) are in `aftercare_sections.py`."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from phases.models import PhasePage

from ..dossiers.models import Dossier, PhaseResponse
from ..followup.models import FollowUp
from .aftercare_sections import FollowUps, Satisfaction
from .figures import Scope, Section, Table, counsellor_name, count, days, hours, mean_hours, running, share

COUNSELLORS_SHOWN = 40  # more rows than this: the page's table asks for a DABM; the export has them all


class Overview:
    key = "bilans"
    title = _("Les bilans")

    def compute(self, scope: Scope) -> Section:
        totals = scope.totals
        rows = [
            (_("Commencés"), [count(totals["started"])]),
            (scope.period.running_label, [count(running(totals))]),
            (_("Terminés, menés à leur terme"), [count(totals["finished"])]),
            (_("Terminés par un abandon"), [count(totals["abandoned"])]),
        ]
        table = Table(_("Bilans de la période"), [_("Bilans"), _("Nombre")], rows)
        explanations = [
            (_("Commencés"), _("bilans dont la date de début est dans la période.")),
            (
                _("En cours"),
                _("bilans de la période pas encore terminés à sa fin (aujourd'hui, ou le 31/12 d'une année passée)."),
            ),
            (
                _("Terminés"),
                _("bilans dont la date de fin est passée, ou que le conseiller a clos, dans la période."),
            ),
            (_("Abandon"), _("bilans terminés que le conseiller a clos comme « Bilan abandonné ».")),
        ]
        return Section(self.key, self.title, [table], explanations)


# Durations of the bilans menés à leur terme, in bins of a month.
DURATION_BINS = ((0, 30), (30, 60), (60, 90), (90, 120), (120, 150), (150, 180), (180, None))


def median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}."""
    total = sum(histogram.values())
    if not total:
        return None
    middle, seen, lower = (total - 1) / 2, 0, None
    for value in sorted(histogram):
        for position in (int(middle), int(middle + 0.5)):
            if seen <= position < seen + histogram[value]:
                if lower is None and position == int(middle):
                    lower = value
                if position == int(middle + 0.5):
                    return (lower + value) / 2
        seen += histogram[value]
    return None


class Durations:
    key = "durees"
    title = _("Durée des bilans")

    def compute(self, scope: Scope) -> Section:
        histogram = scope.durations
        finished = sum(histogram.values())
        mean = sum(day * n for day, n in histogram.items()) / finished if finished else None
        summary = Table(
            _("Durée des bilans menés à leur terme"),
            [_("Mesure"), _("Valeur")],
            [
                (_("Bilans menés à leur terme"), [count(finished)]),
                (_("Durée médiane"), [days(median(histogram))]),
                (_("Durée moyenne"), [days(mean)]),
            ],
            chart_column=None,
        )
        bins = []
        for low, high in DURATION_BINS:
            label = _("%(low)s à %(high)s jours") % {"low": low, "high": high - 1} if high else _("180 jours et plus")
            n = sum(n for day, n in histogram.items() if day >= low and (high is None or day < high))
            bins.append((label, [count(n), share(n, finished)]))
        distribution = Table(
            _("Bilans menés à leur terme, par durée"), [_("Durée"), _("Bilans"), _("Part")], bins, chart_column=0
        )
        explanations = [
            (_("Durée"), _("nombre de jours entre la date de début et la date de fin du bilan.")),
            (_("Durée médiane"), _("la moitié des bilans menés à leur terme ont duré moins, l'autre moitié plus.")),
        ]
        return Section(self.key, self.title, [summary, distribution], explanations)


HOUR_BIN_LABELS = (_("Aucune heure"), _("Jusqu'à 6 h"), _("De 6 à 12 h"), _("De 12 à 18 h"), _("De 18 à 24 h"))


class Hours:
    key = "heures"
    title = _("Heures attestées")

    def compute(self, scope: Scope) -> Section:
        totals = scope.totals
        bilans = totals["bilans"]
        summary = Table(
            _("Heures attestées des bilans de la période"),
            [_("Mesure"), _("Valeur")],
            [
                (_("Heures attestées au total"), [hours(totals["minutes"])]),
                (_("Moyenne par bilan"), [mean_hours(totals["minutes"], bilans)]),
                (_("Bilans au-delà de 24 h"), [count(totals["over_cap"])]),
                (_("Part des bilans au-delà de 24 h"), [share(totals["over_cap"], bilans)]),
            ],
            chart_column=None,
        )
        rows = [
            (label, [count(totals[f"hours_bin{n}"]), share(totals[f"hours_bin{n}"], bilans)])
            for n, label in enumerate(HOUR_BIN_LABELS)
        ]
        rows.append((_("Plus de 24 h"), [count(totals["over_cap"]), share(totals["over_cap"], bilans)]))
        distribution = Table(
            _("Bilans de la période, par heures attestées"), [_("Heures"), _("Bilans"), _("Part")], rows
        )
        explanations = [
            (_("Heures attestées"), _("total des attestations de présence des bilans de la période, toutes dates.")),
            (_("Moyenne par bilan"), _("heures attestées divisées par le nombre de bilans de la période.")),
            (_("Au-delà de 24 h"), _("bilans dont les attestations dépassent la durée légale de 24 heures.")),
        ]
        return Section(self.key, self.title, [summary, distribution], explanations)


class Phases:
    key = "phases"
    title = _("Avancement des phases")

    def compute(self, scope: Scope) -> Section:
        # Counted per phase id only (a join to the pages' titles would carry them through a million rows).
        through = Dossier.phases.through.objects.filter(dossier__in=scope.bilans.values("pk")).order_by()
        # COUNT(*), not COUNT(id): both counts are read from an index alone.
        assigned = dict(through.values("phasepage_id").annotate(n=Count("*")).values_list("phasepage_id", "n"))
        candidates = scope.bilans.values("candidate_id")
        done = PhaseResponse.objects.filter(status=PhaseResponse.Status.DONE, candidate_id__in=candidates).order_by()
        finished = dict(done.values("phase_id").annotate(n=Count("*")).values_list("phase_id", "n"))
        phases = PhasePage.objects.filter(pk__in=list(assigned)).order_by("path").values_list("pk", "title")
        rows = [(title, assigned[pk], finished.get(pk, 0)) for pk, title in phases]
        table = Table(
            _("Phases attribuées et terminées"),
            [_("Phase"), _("Attribuée"), _("Terminée"), _("Part terminée")],
            [(title, [count(given), count(done), share(done, given)]) for title, given, done in rows],
            chart_column=2,
            empty_label=_("Aucune phase attribuée aux bilans de la période."),
        )
        explanations = [
            (_("Attribuée"), _("bilans de la période dont la modularisation comprend la phase.")),
            (
                _("Terminée"),
                _("bilans de la période dont le candidat a marqué la phase « terminée » (même retirée depuis)."),
            ),
        ]
        return Section(self.key, self.title, [table], explanations)


def _breakdown_row(label, figures: dict) -> tuple:
    return (
        label,
        [
            count(figures["bilans"]),
            count(figures["started"]),
            count(running(figures)),
            count(figures["finished"]),
            count(figures["abandoned"]),
            share(figures["abandoned"], figures["ended"]),
            hours(figures["minutes"]),
            mean_hours(figures["minutes"], figures["bilans"]),
            share(figures["over_cap"], figures["bilans"]),
        ],
    )


def _breakdown_headings(first, scope: Scope) -> list:
    return [
        first,
        _("Bilans de la période"),
        _("Commencés"),
        scope.period.running_label,
        _("Menés à leur terme"),
        _("Abandonnés"),
        _("Taux d'abandon"),
        _("Heures attestées"),
        _("Heures par bilan"),
        _("Part au-delà de 24 h"),
    ]


class PerDABM:
    key = "dabm"
    title = _("Par DABM")

    def compute(self, scope: Scope) -> Section:
        names = scope.dabm_names
        groups = scope.rolled_up("dabm_id")
        rows = [
            _breakdown_row(names.get(pk, pk), figures)
            for pk, figures in sorted(groups.items(), key=lambda item: str(names.get(item[0])))
        ]
        table = Table(
            _("Bilans et heures par DABM"),
            _breakdown_headings(_("DABM"), scope),
            rows,
            empty_label=_("Aucun bilan dans la période."),
        )
        return Section(self.key, self.title, [table])


class PerCounsellor:
    key = "conseillers"
    title = _("Par conseiller")

    def compute(self, scope: Scope) -> Section:
        names = {group["counsellor_id"]: counsellor_name(group) for group in scope.groups}
        groups = scope.rolled_up("counsellor_id")
        rows = sorted(((names[pk], figures) for pk, figures in groups.items()), key=lambda row: row[0])
        table = Table(
            _("Bilans et heures par conseiller"),
            _breakdown_headings(_("Conseiller"), scope),
            [_breakdown_row(label, group) for label, group in rows],
            empty_label=_("Aucun bilan dans la période."),
            on_page=len(rows) <= COUNSELLORS_SHOWN,
        )
        note = ""
        if len(rows) > COUNSELLORS_SHOWN:
            note = _(
                "%(n)s conseillers : choisissez une DABM ou un conseiller pour les voir ici ; l'export les a tous."
            ) % {"n": len(rows)}
        return Section(self.key, self.title, [table], note=note)


class Qualiopi:
    key = "qualiopi"
    title = _("Indicateur Qualiopi n° 2")

    def compute(self, scope: Scope) -> Section:
        totals = scope.totals
        durations = scope.durations
        finished = sum(durations.values())
        finished_days = sum(day * n for day, n in durations.items()) / finished if finished else None
        rows = [
            (_("Taux de réalisation"), [share(totals["finished"], totals["ended"])]),
            (_("Taux d'abandon"), [share(totals["abandoned"], totals["ended"])]),
            (_("Nombre de bénéficiaires"), [count(totals["bilans"])]),
            (_("Durée moyenne d'un bilan mené à son terme"), [days(finished_days)]),
            (
                _("Heures moyennes d'un bilan mené à son terme"),
                [mean_hours(totals["finished_minutes"], totals["finished"])],
            ),
            (_("Taux de satisfaction"), [share(*scope.satisfaction.satisfied)]),
            (_("Taux de réponse à l'appréciation"), [share(scope.satisfaction.answered, scope.satisfaction.asked)]),
            (_("En emploi ou en formation six mois après"), [share(*employed_or_training(scope.followups))]),
        ]
        table = Table(
            _("Indicateurs de résultats (Qualiopi, indicateur 2)"),
            [_("Indicateur"), _("Valeur")],
            rows,
            chart_column=None,
        )
        explanations = [
            (_("Taux de réalisation"), _("bilans menés à leur terme ÷ bilans terminés dans la période.")),
            (_("Taux d'abandon"), _("bilans abandonnés ÷ bilans terminés dans la période.")),
            (
                _("Nombre de bénéficiaires"),
                _("personnes dont le bilan a eu lieu, au moins en partie, dans la période."),
            ),
            (_("Durée moyenne"), _("moyenne, en jours, de la durée des bilans menés à leur terme.")),
            (_("Heures moyennes"), _("heures attestées des bilans menés à leur terme ÷ leur nombre.")),
            (
                _("Taux de satisfaction"),
                _("notes de 4 ou 5 sur 5 ÷ notes données, à toutes les questions notées de l'appréciation."),
            ),
            (_("Taux de réponse"), _("appréciations données ÷ candidats invités à la donner dans la période.")),
            (
                _("En emploi ou en formation"),
                _("réponses « En emploi » ou « En formation » ÷ réponses au suivi à six mois dû dans la période."),
            ),
        ]
        return Section(self.key, self.title, [table], explanations)


def employed_or_training(followups: dict) -> tuple[int, int]:
    """(answers « En emploi » or « En formation », answers) of the follow-ups (`Scope.followups`)."""
    situations = FollowUp.Situation
    answered = {situation: n for situation, (_sent, n) in followups.items()}
    return answered.get(situations.EN_EMPLOI, 0) + answered.get(situations.EN_FORMATION, 0), sum(answered.values())


SECTIONS = (
    Overview(),
    Qualiopi(),
    Durations(),
    Hours(),
    Phases(),
    Satisfaction(),
    FollowUps(),
    PerDABM(),
    PerCounsellor(),
)
