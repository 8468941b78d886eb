"""*Tâches quotidiennes* in the Wagtail admin: each day's run of `run_daily_jobs`, its steps and what they did
(or the error), for administrators, read-only."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from ..wagtail_admin.access import AdministratorsReadOnlyViewSet
from ..wagtail_admin.listing import paris_datetime
from .models import DailyRun


def state(run: DailyRun) -> str:
    if run.finished_at is None:
        return str(_("En cours"))
    return str(_("En échec")) if run.failed else str(_("Terminée"))


def finished(run: DailyRun) -> str:
    return paris_datetime(run.finished_at) if run.finished_at else "-"


class DailyRunIndexView(IndexView):
    def get_table(self, object_list):
        runs = list(object_list)
        for run in runs:
            run.date, run.state = f"{run.day:%d/%m/%Y}", state(run)
            run.started, run.finished = (
                paris_datetime(run.started_at),
                run.finished_at and paris_datetime(run.finished_at),
            )
        return super().get_table(runs)


class DailyRunInspectView(InspectView):
    def get_page_subtitle(self):
        return f"{self.object.day:%d/%m/%Y} – {state(self.object)}"

    def get_fields(self):
        return ["day", "started_at", "finished_at", "failed", "steps"]

    def get_started_at_display_value(self):
        return paris_datetime(self.object.started_at)

    def get_finished_at_display_value(self):
        return finished(self.object)

    def get_failed_display_value(self):
        return state(self.object)

    def get_steps_display_value(self):
        return format_html_join(
            "",
            "<p><strong>{} — {}</strong> : {}</p>",
            ((_("OK") if step["ok"] else _("ÉCHEC"), step["step"], step["detail"]) for step in self.object.steps),
        )


class DailyRunsViewSet(AdministratorsReadOnlyViewSet):
    model = DailyRun
    icon = "date"
    menu_label = _("Tâches quotidiennes")
    menu_order = 920
    index_view_class = DailyRunIndexView
    inspect_view_class = DailyRunInspectView
    list_display = [
        TitleColumn("date", label=_("Jour"), url_name="taches_quotidiennes:inspect"),
        Column("state", label=_("État")),
        Column("started", label=_("Commencées")),
        Column("finished", label=_("Finies")),
    ]
