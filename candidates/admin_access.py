"""The admin screens of the candidates' data (Candidats, Attestations de présence, Conseillers, Journal des
accès): a person who may use none of them (an Éditeur) finds none of their URLs, with or without an id.

A 404, as on the portal (`permissions.role_required`): Wagtail's « pas la permission » redirect would tell
which ids exist. Whoever may use the screen gets Wagtail's own answers, action by action."""

from django.urls import URLPattern
from wagtail_modeladmin.options import ModelAdmin

from .admin_filters import FilteredIndexView
from .permissions import role_required


def not_found_unless(check, urlpatterns):
    """`urlpatterns` whose views answer 404 to a person for whom `check(user)` is false."""
    guard = role_required(check)
    return [URLPattern(url.pattern, guard(url.callback), url.default_args, url.name) for url in urlpatterns]


class CandidateDataAdmin(ModelAdmin):
    """A ModelAdmin of candidates' data: unknown to whoever holds no permission on its model."""

    index_view_class = FilteredIndexView

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        return tuple(not_found_unless(self.permission_helper.user_has_any_permissions, urls))
