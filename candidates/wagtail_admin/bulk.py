"""Wagtail's bulk actions (Pages or Utilisateurs › select › an action), reached at
`/admin/bulk/<app>/<model>/<action>/?id=…`: an id that is not a number is a 400, not a 500.

Wagtail looks the ids up as given (`pk__in`), and every model of the portal has whole-number ids;
`portal/urls.py` routes the bulk URL here, before the rest of the admin."""

from django.core.exceptions import BadRequest
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action

from .. import query_params


@require_admin_access  # as every view of the admin
def bulk_action(request, app_label: str, model_name: str, action: str):
    ids = request.GET.getlist("id")
    if any(value != "all" and query_params.positive_int(value) is None for value in ids):
        raise BadRequest("bulk action ids must be whole numbers")
    return wagtail_bulk_action(request, app_label, model_name, action)
