"""What the app adds to the Wagtail admin; each screen is defined in its feature's `admin.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from phases.deletion_guards import register_deletion_guard

from .accounts.admin import CounsellorsAdmin, DABMAdmin
from .accounts.staff_admin import BULK_ACTIONS as USER_BULK_ACTIONS
from .activity import views as activity_views
from .attestations.admin import AttestationsAdmin
from .background.admin import BackgroundTasksViewSet
from .daily.admin import DailyRunsViewSet
from .dossiers import admin as dossiers_admin
from .dossiers import phase_changes
from .journal.admin import JournalViewSet


@modeladmin_register
class BilansGroup(ModelAdminGroup):
    menu_label = _("Bilans")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (dossiers_admin.CandidatsAdmin, AttestationsAdmin, CounsellorsAdmin, DABMAdmin)


@hooks.register("construct_homepage_panels")
def add_academie_summary(request, panels):
    if request.user.has_perm("candidates.view_dossier"):
        panels.insert(0, dossiers_admin.AcademieSummaryPanel())


register_deletion_guard(dossiers_admin.deletion_refusal)  # a phase that holds answers is unpublished, not deleted
hooks.register("before_edit_page", phase_changes.confirm_before_removing_answered_questions)


@hooks.register("register_admin_viewset")
def register_journal():
    return JournalViewSet("journal")


@hooks.register("register_admin_viewset")
def register_background_tasks():
    return BackgroundTasksViewSet("taches")


@hooks.register("register_admin_viewset")
def register_daily_runs():
    return DailyRunsViewSet("taches_quotidiennes")


for user_bulk_action in USER_BULK_ACTIONS:  # after Wagtail's own (order 0), which they replace
    hooks.register("register_bulk_action", user_bulk_action, order=1)


hooks.register("register_admin_urls", activity_views.urlpatterns)  # L'activité de l'académie
hooks.register("register_admin_menu_item", activity_views.menu_item)
