"""The admin screens of the candidates' data (Candidats, Attestations de présence, Conseillers, Journal des
accès): a person who may use none of them (an Éditeur) finds none of their URLs, with or without an id.

A 404, as on the portal (`access.required`): Wagtail's « pas la permission » redirect would tell
which ids exist. Whoever may use the screen gets Wagtail's own answers, action by action."""

from django.urls import URLPattern
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail_modeladmin.helpers import PermissionHelper

from .. import access
from .filters import FilteredIndexView
from .listing import FrenchModelAdmin


class AdministratorsReadOnlyPolicy(ModelPermissionPolicy):
    """Read-only, and for administrators only: what the portal itself writes (the journal, the tasks)."""

    def user_has_permission(self, user, action):
        return action == "view" and access.can_read_journal(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AdministratorsReadOnlyViewSet(ModelViewSet):
    """A listing and inspect view of what the portal writes (the journal, the tasks, the daily runs): for
    administrators, who change nothing; anyone else finds none of its URLs."""

    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    exclude_form_fields = []  # ModelViewSet wants one of the two; the policy refuses every form anyway

    def on_register(self):
        register_permission_policy(self.model, AdministratorsReadOnlyPolicy(self.model), exact_class=True)
        super().on_register()

    def get_urlpatterns(self):
        return not_found_unless(access.can_read_journal, super().get_urlpatterns())


def not_found_unless(check, urlpatterns):
    """`urlpatterns` whose views answer 404 to a person for whom `check(user)` is false."""
    guard = access.required(check)
    return [URLPattern(url.pattern, guard(url.callback), url.default_args, url.name) for url in urlpatterns]


class CandidateDataAdmin(FrenchModelAdmin):
    """A ModelAdmin of candidates' data: unknown to whoever holds no permission on its model."""

    index_view_class = FilteredIndexView

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        return tuple(not_found_unless(self.permission_helper.user_has_any_permissions, urls))


class NoCreateNoDeletePermissionHelper(PermissionHelper):
    """Candidates are created (and deleted) by their counsellors on the portal, not in the admin."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReadOnlyPermissionHelper(NoCreateNoDeletePermissionHelper):
    def user_can_edit_obj(self, user, obj):
        return False
