"""*Bilans › Conseillers* and *Bilans › DABM* in the Wagtail admin."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import CreateView, EditView

from ..journal import services as journal
from ..wagtail_admin.access import CandidateDataAdmin
from ..wagtail_admin.filters import AccountStatusFilter, DABMFilter, FilteredIndexView
from ..wagtail_admin.listing import FrenchModelAdmin, yes_no_column
from . import emails, services
from .models import DABM, Counsellor


class DABMAdmin(FrenchModelAdmin):
    model = DABM
    menu_label = _("DABM")
    menu_icon = "site"
    empty_label = _("Aucune DABM.")
    no_results_label = _("Aucune DABM ne correspond à ces critères.")
    add_label = _("Ajouter une DABM")
    list_display = ("name", "city")
    search_fields = ("name", "city")
    index_view_class = FilteredIndexView


class CounsellorForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True


COUNSELLOR_PANELS = [
    FieldPanel("first_name", heading=_("Prénom")),
    FieldPanel("last_name", heading=_("Nom")),
    FieldPanel("email", heading=_("Adresse de courriel")),
    FieldPanel("username"),
    FieldPanel("dabm"),
]


class CounsellorCreateView(CreateView):
    """Creates the account through `counsellor_create`, then e-mails the link to choose a password."""

    def get_edit_handler(self):
        return ObjectList(COUNSELLOR_PANELS, base_form_class=CounsellorForm).bind_to_model(Counsellor)

    def form_valid(self, form):
        data = form.cleaned_data
        user = services.counsellor_create(
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            dabm=data.get("dabm"),
        )
        messages.success(self.request, _("Le compte conseiller de %(name)s est créé.") % {"name": user})
        if not emails.send_counsellor_account_created(user, self.request):  # the account is committed
            messages.warning(self.request, _("Le courriel n'a pas pu être envoyé à %(email)s.") % {"email": user.email})
        return redirect(self.get_success_url())


class CounsellorEditView(EditView):
    """The counsellor's account (activation, e-mail) changes are journalled, in the same transaction."""

    def form_valid(self, form):
        with transaction.atomic():
            before = journal.account_snapshot(Counsellor.objects.get(pk=self.instance.pk))
            response = super().form_valid(form)
            journal.record_account_change(self.request.user, self.instance, before)
        return response


class CounsellorsPermissionHelper(PermissionHelper):
    """Counsellors are deactivated, never deleted (their candidates and attestations refer to them)."""

    def user_can_delete_obj(self, user, obj):
        return False


class CounsellorsAdmin(CandidateDataAdmin):
    model = Counsellor
    menu_label = _("Conseillers")
    menu_icon = "user"
    empty_label = _("Aucun conseiller.")
    no_results_label = _("Aucun conseiller ne correspond à ces critères.")
    add_label = _("Ajouter un conseiller")
    list_display = ("last_name", "first_name", "email", "dabm", "is_active_yes_no")
    list_filter = (DABMFilter, AccountStatusFilter)
    list_select_related = ("dabm",)
    search_fields = ("last_name", "first_name", "username", "email")
    permission_helper_class = CounsellorsPermissionHelper

    is_active_yes_no = yes_no_column("is_active", _("Compte actif"))
    create_view_class = CounsellorCreateView
    edit_view_class = CounsellorEditView
    edit_handler = ObjectList(
        [*COUNSELLOR_PANELS, FieldPanel("is_active", heading=_("Compte actif"))], base_form_class=CounsellorForm
    )
