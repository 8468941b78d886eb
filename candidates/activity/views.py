"""*L'activité de l'académie* in the Wagtail admin, for administrators: the page and its export."""

from django.http import HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import access
from ..wagtail_admin.access import not_found_unless
from . import exports
from .selectors import academy_activity

TITLE = _("L'activité de l'académie")


class ActivityView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "candidates/activity/activity.html"
    page_title = TITLE
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": TITLE}]

    def get_context_data(self, **kwargs):
        activity = academy_activity(self.request.GET)
        query = self.request.GET.urlencode()
        export_url = reverse("candidates_activity_export") + (f"?{query}" if query else "")
        return super().get_context_data(activity=activity, export_url=export_url, **kwargs)


class ActivityExportView(View):
    def get(self, request):
        today = timezone.localdate()
        activity = academy_activity(request.GET, today=today)
        response = HttpResponse(exports.workbook(activity, today), content_type=exports.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(activity, today)}.xlsx"'
        return response


def urlpatterns():
    """The admin URLs; anyone but an administrator finds none of them (404)."""
    urls = [
        path("activite/", ActivityView.as_view(), name="candidates_activity"),
        path("activite/export/", ActivityExportView.as_view(), name="candidates_activity_export"),
    ]
    return not_found_unless(access.can_read_activity, urls)


class ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_read_activity(request.user)


def menu_item() -> MenuItem:
    return ActivityMenuItem(TITLE, reverse_lazy("candidates_activity"), icon_name="table", order=850)
