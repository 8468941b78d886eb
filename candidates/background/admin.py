"""*Tâches de fond* in the Wagtail admin: what the workers have to do, are doing and failed to do
(e-mails, the password reset, Wagtail's own index and image work), for administrators, read-only.

A task's arguments are never shown: an e-mail's body is in them. A failed task shows its exception and
traceback, which name the code that failed, not what a person wrote."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from ..wagtail_admin.access import AdministratorsReadOnlyViewSet
from ..wagtail_admin.listing import paris_datetime

TASK_NAMES = {
    "candidates.mail.send_email": _("Envoi d'un courriel"),
    "candidates.accounts.emails.send_password_reset": _("Mot de passe oublié (recherche du compte et courriel)"),
    "wagtail.tasks.update_reference_index_task": _("Wagtail : index des références"),
    "wagtail.tasks.delete_file_from_storage_task": _("Wagtail : suppression d'un fichier"),
    "wagtail.images.tasks.set_image_focal_point_task": _("Wagtail : point focal d'une image"),
}

STATUSES = {
    TaskResultStatus.READY: _("En attente"),
    TaskResultStatus.RUNNING: _("En cours"),
    TaskResultStatus.FAILED: _("En échec"),
    TaskResultStatus.SUCCESSFUL: _("Terminée"),
}


def task_name(result: DBTaskResult) -> str:
    return TASK_NAMES.get(result.task_path, result.task_path)


def status_label(result: DBTaskResult) -> str:
    return STATUSES.get(result.status, result.status)


def when(value) -> str:
    """A date in Paris time; « dès que possible » for a task to run at once (its `run_after` is the far end
    of time), « - » for none."""
    if value is None:
        return "-"
    return str(_("dès que possible")) if value >= get_date_max() else paris_datetime(value)


def attempt(result: DBTaskResult) -> int:
    """The try this task is (an e-mail retried after an SMTP failure is queued again with `attempt` + 1)."""
    return (result.args_kwargs or {}).get("kwargs", {}).get("attempt", 1)


class TaskFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("État"), choices=list(STATUSES.items()), empty_label=_("Tous"), widget=forms.Select
    )
    enqueued_at = django_filters.DateFromToRangeFilter(label=_("Mise en file"), widget=DateRangePickerWidget)

    class Meta:
        model = DBTaskResult
        fields = ["status", "enqueued_at"]


class TaskPaginator(WagtailPaginator):
    verbose_name, verbose_name_plural = _("tâche"), _("tâches")  # « 2 tâches », not « 2 Task Results »


class TaskIndexView(IndexView):
    default_ordering = "-enqueued_at"
    page_title = _("Tâches de fond")
    verbose_name, verbose_name_plural = TaskPaginator.verbose_name, TaskPaginator.verbose_name_plural
    paginator_class = TaskPaginator

    def get_table(self, object_list):
        results = list(object_list)
        for result in results:
            result.name, result.state, result.attempt = task_name(result), status_label(result), attempt(result)
            result.enqueued, result.run_at = when(result.enqueued_at), when(result.run_after)
            result.failure = result.exception_class_path.rsplit(".", 1)[-1] if result.exception_class_path else ""
        return super().get_table(results)


class TaskInspectView(InspectView):
    def get_page_subtitle(self):
        return f"{task_name(self.object)} – {status_label(self.object)}"

    def get_fields(self):
        return ["task_path", "status", "enqueued_at", "run_after", "started_at", "finished_at", "exception_class_path"]

    def get_field_label(self, field_name, field):
        return INSPECT_LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_task_path_display_value(self):
        return f"{task_name(self.object)} ({self.object.task_path}), essai {attempt(self.object)}"

    def get_status_display_value(self):
        return status_label(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"traceback": self.object.traceback}

    def get_enqueued_at_display_value(self):
        return when(self.object.enqueued_at)

    def get_run_after_display_value(self):
        return when(self.object.run_after)

    def get_started_at_display_value(self):
        return when(self.object.started_at)

    def get_finished_at_display_value(self):
        return when(self.object.finished_at)

    def get_exception_class_path_display_value(self):
        return self.object.exception_class_path or "-"


INSPECT_LABELS = {
    "task_path": _("Tâche"),
    "status": _("État"),
    "enqueued_at": _("Mise en file (heure de Paris)"),
    "run_after": _("À lancer à partir de"),
    "started_at": _("Commencée"),
    "finished_at": _("Finie"),
    "exception_class_path": _("Erreur"),
}


class BackgroundTasksViewSet(AdministratorsReadOnlyViewSet):
    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Tâches de fond")
    menu_order = 910
    filterset_class = TaskFilterSet
    index_view_class = TaskIndexView
    inspect_view_class = TaskInspectView
    inspect_template_name = "candidates/admin/task_inspect.html"
    list_display = [
        TitleColumn("name", label=_("Tâche"), url_name="taches:inspect"),
        Column("state", label=_("État")),
        Column("attempt", label=_("Essai")),
        Column("enqueued", label=_("Mise en file")),
        Column("run_at", label=_("À lancer à partir de")),
        Column("failure", label=_("Erreur")),
    ]
