from django.contrib import messages
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView

from . import admin_pages, emails, journal, roles, services
from .admin_access import CandidateDataAdmin
from .admin_exports import ExportIndexView
from .admin_filters import (
    AttestationDABMFilter,
    CounsellorFilter,
    DABMFilter,
    DossierStatusFilter,
    FilteredIndexView,
    MonthFilter,
    YearFilter,
)
from .admin_journal import JournalViewSet
from .admin_panels import AcademieSummaryPanel
from .admin_users import BULK_ACTIONS as USER_BULK_ACTIONS
from .durations import hours_minutes
from .models import DABM, Attestation, Counsellor, Dossier, User


class DABMAdmin(ModelAdmin):
    model = DABM
    menu_label = _("DABM")
    menu_icon = "site"
    list_display = ("name", "city")
    search_fields = ("name", "city")
    index_view_class = FilteredIndexView


class NoCreateNoDeletePermissionHelper(PermissionHelper):
    """Candidates are created (and deleted) by their counsellors on the portal, not in the admin."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReadOnlyPermissionHelper(NoCreateNoDeletePermissionHelper):
    def user_can_edit_obj(self, user, obj):
        return False


def active_counsellors():
    return User.objects.filter(groups__name=roles.CONSEILLER, is_active=True)


class DossierAdminForm(WagtailAdminModelForm):
    """Administrators may hand a candidate over to another (active) counsellor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counsellors = active_counsellors()
        if self.instance.counsellor_id:  # the current one stays selectable, even if deactivated since
            counsellors = counsellors | User.objects.filter(pk=self.instance.counsellor_id)
        self.fields["counsellor"].queryset = counsellors.distinct()
        self.fields["counsellor"].label = _("Conseiller")


class CandidatsAdmin(CandidateDataAdmin):
    model = Dossier
    menu_label = _("Candidats")
    menu_icon = "group"
    list_display = ("candidate_name", "dabm", "counsellor", "start_date", "end_date", "status", "hours")
    list_export = (
        "candidate_name",
        "candidate_email",
        "dabm",
        "counsellor",
        "start_date",
        "end_date",
        "status",
        "hours",
    )
    export_filename = "candidats"
    export_headings = {"counsellor": _("Conseiller"), "start_date": _("Début"), "end_date": _("Fin")}
    index_view_class = ExportIndexView
    list_filter = (DABMFilter, CounsellorFilter, DossierStatusFilter, YearFilter)
    list_select_related = ("candidate", "dabm", "counsellor")
    search_fields = ("candidate__last_name", "candidate__first_name", "candidate__username", "candidate__email")
    inspect_view_enabled = True
    inspect_view_fields = (
        "candidate",
        "dabm",
        "counsellor",
        "start_date",
        "end_date",
        "remote",
        "on_site",
        "created_at",
    )
    permission_helper_class = NoCreateNoDeletePermissionHelper
    edit_handler = ObjectList(
        [FieldPanel("counsellor"), FieldPanel("dabm"), FieldPanel("start_date"), FieldPanel("end_date")],
        base_form_class=DossierAdminForm,
    )

    def get_queryset(self, request):
        minutes = (
            Attestation.objects.filter(dossier=OuterRef("pk"))
            .order_by()
            .values("dossier")
            .annotate(total=Sum("duration_minutes"))
            .values("total")
        )
        return super().get_queryset(request).annotate(attested_minutes=Coalesce(Subquery(minutes), Value(0)))

    def candidate_name(self, obj):
        return obj.candidate.get_full_name() or obj.candidate.username

    candidate_name.short_description = _("Candidat")
    candidate_name.admin_order_field = "candidate__last_name"

    def candidate_email(self, obj):
        return obj.candidate.email

    candidate_email.short_description = _("Adresse de courriel")

    def status(self, obj):
        return _("En cours") if obj.end_date >= timezone.localdate() else _("Terminé")

    status.short_description = _("Statut")

    def hours(self, obj):
        return hours_minutes(getattr(obj, "attested_minutes", 0))

    hours.short_description = _("Heures attestées")
    hours.admin_order_field = "attested_minutes"


class AttestationsAdmin(CandidateDataAdmin):
    model = Attestation
    menu_label = _("Attestations de présence")
    menu_icon = "doc-full"
    list_display = ("reference", "candidate", "dabm", "counsellor", "start", "duration", "over_cap")
    list_export = ("reference", "candidate", "dabm", "counsellor", "start", "end", "duration", "over_cap")
    export_filename = "attestations-de-presence"
    export_headings = {"start": _("Début"), "end": _("Fin"), "over_cap": _("Au-delà de 24 heures")}
    index_view_class = ExportIndexView
    list_filter = (AttestationDABMFilter, CounsellorFilter, MonthFilter)
    list_select_related = ("dossier__candidate", "dossier__dabm", "counsellor")
    search_fields = ("reference", "dossier__candidate__last_name", "dossier__candidate__first_name")
    inspect_view_enabled = True
    inspect_view_fields = (
        "reference",
        "dossier",
        "counsellor",
        "start",
        "end",
        "duration_minutes",
        "over_cap",
        "created_at",
    )
    permission_helper_class = ReadOnlyPermissionHelper

    def candidate(self, obj):
        candidate = obj.dossier.candidate
        return candidate.get_full_name() or candidate.username

    candidate.short_description = _("Candidat")

    def dabm(self, obj):
        return obj.dossier.dabm.name

    dabm.short_description = _("DABM")

    def duration(self, obj):
        return obj.duration_label

    duration.short_description = _("Durée")
    duration.admin_order_field = "duration_minutes"


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
    list_display = ("last_name", "first_name", "username", "email", "dabm", "is_active")
    list_filter = (DABMFilter, "is_active")
    list_select_related = ("dabm",)
    search_fields = ("last_name", "first_name", "username", "email")
    permission_helper_class = CounsellorsPermissionHelper
    create_view_class = CounsellorCreateView
    edit_view_class = CounsellorEditView
    edit_handler = ObjectList(
        [*COUNSELLOR_PANELS, FieldPanel("is_active", heading=_("Compte actif"))], base_form_class=CounsellorForm
    )


@modeladmin_register
class BilansGroup(ModelAdminGroup):
    menu_label = _("Bilans")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (CandidatsAdmin, AttestationsAdmin, CounsellorsAdmin, DABMAdmin)


@hooks.register("construct_homepage_panels")
def add_academie_summary(request, panels):
    if request.user.has_perm("candidates.view_dossier"):
        panels.insert(0, AcademieSummaryPanel())


hooks.register("before_delete_page", admin_pages.keep_phases_that_hold_answers)
hooks.register("before_bulk_action", admin_pages.keep_phases_that_hold_answers_in_bulk)


@hooks.register("register_admin_viewset")
def register_journal():
    return JournalViewSet("journal")


for user_bulk_action in USER_BULK_ACTIONS:  # after Wagtail's own (order 0), which they replace
    hooks.register("register_bulk_action", user_bulk_action, order=1)
