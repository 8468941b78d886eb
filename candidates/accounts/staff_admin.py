"""Paramètres › Utilisateurs: Wagtail's user management, for the académie's staff accounts only.

- It knows only the staff (superusers, Administrateur and Éditeur groups): a candidate or a counsellor is
  not found there, by anyone (they are managed on the portal's own screens and in *Conseillers*);
  an administrator who is not a superuser does not find superusers either.
- Only a superuser grants rights: the superuser status and the roles are shown read-only to anyone else,
  and only a superuser creates accounts or assigns roles in bulk.
- Every change of an account made here (form or bulk action) is written to the access journal.
"""

from django.db import transaction
from django.shortcuts import get_list_or_404
from wagtail.admin.views.generic.usage import UsageView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction

from .. import access
from ..journal.services import account_snapshot, record_account_change, record_account_deleted
from .models import User

RIGHTS = ("is_superuser", "groups")  # what only a superuser grants (is_staff is in no form)


def manageable_accounts(user):
    """The accounts `user` finds in Utilisateurs: the staff, superusers only for a superuser."""
    accounts = access.staff_accounts()
    return accounts if user.is_superuser else accounts.filter(is_superuser=False)


class StaffAccountsPermissionPolicy(ModelPermissionPolicy):
    """Creating an account grants its roles: for superusers only. Otherwise the model's permissions."""

    def user_has_permission(self, user, action):
        if action == "add":
            return user.is_active and user.is_superuser
        return super().user_has_permission(user, action)


class RightsGrantedBySuperusersMixin:
    """For anyone but a superuser, the rights are shown disabled: whatever is posted, they keep their value."""

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_user.is_superuser:
            for name in RIGHTS:
                if name in self.fields:
                    self.fields[name].disabled = True


class StaffCreationForm(RightsGrantedBySuperusersMixin, UserCreationForm):
    pass


class StaffEditForm(RightsGrantedBySuperusersMixin, UserEditForm):
    pass


class JournalledSaveMixin:
    """The form view's save, journalled: what changed in the account (never the values)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        stored = getattr(self, "object", None)  # None when creating
        before = account_snapshot(User.objects.get(pk=stored.pk) if stored else User())
        instance = super().save_instance()
        record_account_change(self.request.user, instance, before)
        return instance


class StaffIndexView(users.IndexView):
    def get_base_queryset(self):
        return manageable_accounts(self.request.user).select_related("wagtail_userprofile")


class StaffCreateView(JournalledSaveMixin, users.CreateView):
    pass


class StaffEditView(JournalledSaveMixin, users.EditView):
    def get_queryset(self):
        return manageable_accounts(self.request.user)


class StaffDeleteView(users.DeleteView):
    def get_queryset(self):
        return manageable_accounts(self.request.user)

    @transaction.atomic
    def delete_action(self):
        record_account_deleted(self.request.user, self.object)
        super().delete_action()


class StaffHistoryView(users.HistoryView):
    def get_base_object_queryset(self):
        return manageable_accounts(self.request.user)


class StaffUsageView(UsageView):
    def get_base_object_queryset(self):
        return manageable_accounts(self.request.user)


class StaffUserViewSet(users.UserViewSet):
    index_view_class = StaffIndexView
    add_view_class = StaffCreateView
    edit_view_class = StaffEditView
    delete_view_class = StaffDeleteView
    history_view_class = StaffHistoryView
    usage_view_class = StaffUsageView

    def get_form_class(self, for_update=False):
        return StaffEditForm if for_update else StaffCreationForm


# Bulk actions of the listing (registered in place of Wagtail's own, see wagtail_hooks) ------------------


class StaffBulkActionMixin:
    """Acts on the staff accounts the person manages only (anyone else: not found), journalled."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(manageable_accounts(self.request.user), pk__in=object_ids)

    def get_execution_context(self):
        return {**super().get_execution_context(), "actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, actor=None, **kwargs):
        before = {user.pk: account_snapshot(user) for user in objects}
        result = super().execute_action(objects, **kwargs)
        for user in User.objects.filter(pk__in=before):
            record_account_change(actor, user, before[user.pk])
        return result


class StaffAssignRoleBulkAction(StaffBulkActionMixin, AssignRoleBulkAction):
    def check_perm(self, obj):
        return self.request.user.is_superuser


class StaffSetActiveStateBulkAction(StaffBulkActionMixin, SetActiveStateBulkAction):
    pass


class StaffDeleteBulkAction(StaffBulkActionMixin, DeleteBulkAction):
    @classmethod
    @transaction.atomic
    def execute_action(cls, objects, actor=None, **kwargs):
        for user in objects:
            record_account_deleted(actor, user)
        return super().execute_action(objects, actor=actor, **kwargs)


BULK_ACTIONS = (StaffAssignRoleBulkAction, StaffSetActiveStateBulkAction, StaffDeleteBulkAction)
