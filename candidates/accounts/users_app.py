"""The app config of `wagtail.users` as the portal installs it (Wagtail's documented override point):
Paramètres › Utilisateurs is `accounts.staff_admin.StaffUserViewSet`, under its permission policy.

A module of its own: INSTALLED_APPS imports it before the models are loaded."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "candidates.accounts.staff_admin.StaffUserViewSet"

    def ready(self):
        super().ready()
        from wagtail.permissions import register_permission_policy

        from .staff_admin import StaffAccountsPermissionPolicy, User

        register_permission_policy(User, StaffAccountsPermissionPolicy(User), exact_class=True)
