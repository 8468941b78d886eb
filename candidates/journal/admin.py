"""*Journal des accès* in the Wagtail admin: administrators read and filter it; nobody edits it."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .. import access
from ..wagtail_admin.access import not_found_unless
from .models import AuditEvent


class JournalPermissionPolicy(ModelPermissionPolicy):
    """Read-only, and for administrators only: entries are written by the portal itself."""

    def user_has_permission(self, user, action):
        return action == "view" and access.can_read_journal(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuditEvent, JournalPermissionPolicy(AuditEvent), exact_class=True)


class JournalFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Période"), widget=DateRangePickerWidget)
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AuditEvent.Action.choices, empty_label=_("Toutes"), widget=forms.Select
    )
    actor_name = django_filters.CharFilter(label=_("Auteur (identifiant)"), lookup_expr="iexact")
    candidate_id = django_filters.NumberFilter(label=_("Candidat n°"))
    dossier_id = django_filters.NumberFilter(label=_("Dossier n°"))

    class Meta:
        model = AuditEvent
        fields = ["created_at", "action", "actor_name", "candidate_id", "dossier_id"]


COLUMNS = ["created_at", "actor_name", "action", "object_type", "object_id", "candidate_id", "dossier_id"]


class JournalViewSet(ModelViewSet):
    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Journal des accès")
    menu_order = 900
    add_to_admin_menu = True
    filterset_class = JournalFilterSet
    list_display = COLUMNS
    # the action's label (« réponses consultées »), not its code
    list_export = [column if column != "action" else "get_action_display" for column in [*COLUMNS, "detail"]]
    export_headings = {"get_action_display": _("Action")}
    export_filename = "journal-des-acces"
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [*COLUMNS, "detail"]
    copy_view_enabled = False
    form_fields = ["detail"]  # required by ModelViewSet; the policy refuses every add, change and delete

    def get_urlpatterns(self):  # anyone but an administrator (an Éditeur) finds none of its URLs
        return not_found_unless(access.can_read_journal, super().get_urlpatterns())
