"""*Bilans › Candidats* in the Wagtail admin, the académie's summary on the admin's home page, and the
guard that keeps a phase holding candidates' answers from being deleted."""

import datetime

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .. import access
from ..accounts.models import DABM, User
from ..attestations.durations import hours_minutes, hours_number
from ..attestations.models import Attestation
from ..wagtail_admin.access import CandidateDataAdmin, NoCreateNoDeletePermissionHelper
from ..wagtail_admin.exports import ExportIndexView
from ..wagtail_admin.filters import CounsellorFilter, DABMFilter, DossierStatusFilter, YearFilter
from ..wagtail_admin.listing import FrenchButtonHelper
from .models import Dossier, PhaseResponse


class DossierAdminForm(WagtailAdminModelForm):
    """Administrators may hand a candidate over to another (active) counsellor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counsellors = access.active_counsellors()
        if self.instance.counsellor_id:  # the current one stays selectable, even if deactivated since
            counsellors = counsellors | User.objects.filter(pk=self.instance.counsellor_id)
        self.fields["counsellor"].queryset = counsellors.distinct()
        self.fields["counsellor"].label = _("Conseiller")


class CandidatsButtonHelper(FrenchButtonHelper):
    """Each candidate's row also opens the *Synthèse* screen of the portal (administrators read and
    revise the draft there)."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        name = obj.candidate.get_full_name() or obj.candidate.username
        synthesis = {
            "url": reverse("synthesis:edit", args=[obj.pk]),
            "label": _("Synthèse"),
            "classname": self.finalise_classname(["button-secondary", *(classnames_add or [])], classnames_exclude),
            "title": _("Ouvrir la synthèse de %(name)s") % {"name": name},
        }
        return [*buttons, synthesis]


class CandidatsAdmin(CandidateDataAdmin):
    model = Dossier
    button_helper_class = CandidatsButtonHelper
    menu_label = _("Candidats")
    menu_icon = "group"
    empty_label = _("Aucun candidat.")
    no_results_label = _("Aucun candidat ne correspond à ces critères.")
    list_display = ("candidate_name", "dabm", "counsellor_name", "end_date", "status", "hours")
    list_export = (
        "candidate_name",
        "candidate_email",
        "dabm",
        "counsellor",
        "start_date",
        "end_date",
        "status",
        "attested_hours",
    )
    export_filename = "candidats"
    export_headings = {
        "counsellor": _("Conseiller"),
        "start_date": _("Début"),
        "end_date": _("Fin"),
        "attested_hours": _("Heures attestées"),
    }
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
    inspect_labels = {
        "candidate": _("Candidat"),
        "counsellor": _("Conseiller"),
        "remote": _("À distance"),
        "on_site": _("En présentiel"),
        "created_at": _("Créé le"),
    }
    permission_helper_class = NoCreateNoDeletePermissionHelper
    edit_handler = ObjectList(
        [FieldPanel("counsellor"), FieldPanel("dabm"), FieldPanel("start_date"), FieldPanel("end_date")],
        base_form_class=DossierAdminForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_attested_minutes()

    def candidate_name(self, obj):
        return obj.candidate.get_full_name() or obj.candidate.username

    candidate_name.short_description = _("Candidat")
    candidate_name.admin_order_field = "candidate__last_name"

    def candidate_email(self, obj):
        return obj.candidate.email

    candidate_email.short_description = _("Adresse de courriel")

    def counsellor_name(self, obj):
        return obj.counsellor.get_full_name() or obj.counsellor.username

    counsellor_name.short_description = _("Conseiller")
    counsellor_name.admin_order_field = "counsellor__last_name"

    def status(self, obj):
        return _("En cours") if obj.is_in_progress() else _("Terminé")

    status.short_description = _("Statut")

    def hours(self, obj):
        return hours_minutes(getattr(obj, "attested_minutes", 0))

    hours.short_description = _("Heures attestées")
    hours.admin_order_field = "attested_minutes"

    def attested_hours(self, obj):
        """The hours attested as a number (1.5), for the exports."""
        return hours_number(getattr(obj, "attested_minutes", 0))


# The académie's summary -------------------------------------------------------------------------


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    next_first = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, next_first - datetime.timedelta(days=1)


def academie_summary(today: datetime.date | None = None) -> dict:
    """Active bilans per DABM, bilans ending this month, attestations and hours this month and in total.

    Three queries whatever the volume.
    """
    today = today or timezone.localdate()
    first, last = month_bounds(today)
    per_dabm = list(
        DABM.objects.annotate(active=Count("dossiers", filter=Q(dossiers__end_date__gte=today)))
        .filter(active__gt=0)
        .order_by("name")
        .values_list("name", "active")
    )
    ending = Dossier.objects.filter(end_date__gte=first, end_date__lte=last).count()
    this_month = Q(start__date__gte=first, start__date__lte=last)
    figures = Attestation.objects.aggregate(
        month_count=Count("pk", filter=this_month),
        month_minutes=Sum("duration_minutes", filter=this_month),
        total_minutes=Sum("duration_minutes"),
    )
    return {
        "active_per_dabm": per_dabm,
        "active_total": sum(count for _name, count in per_dabm),
        "ending_this_month": ending,
        "attestations_this_month": figures["month_count"],
        "hours_this_month": hours_minutes(figures["month_minutes"] or 0),
        "hours_total": hours_minutes(figures["total_minutes"] or 0),
    }


class AcademieSummaryPanel(Component):
    name = "academie_summary"
    order = 50
    template_name = "candidates/dossiers/admin_summary_panel.html"

    def get_context_data(self, parent_context=None):
        return academie_summary()


# Phases that hold answers --------------------------------------------------------------------------


def deletion_refusal(user, page) -> str | None:
    """Why `page` (with its subpages) may not be deleted, by anyone, or None when it may: its answers."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    answered_by = PhaseResponse.objects.filter(phase__in=pages).aggregate(n=Count("candidate", distinct=True))["n"]
    if not answered_by:
        return None
    return ngettext(
        "Impossible de supprimer « %(title)s » : %(n)d candidat y a déjà répondu. "
        "Dépubliez la page pour la retirer des bilans sans perdre ses réponses.",
        "Impossible de supprimer « %(title)s » : %(n)d candidats y ont déjà répondu. "
        "Dépubliez la page pour la retirer des bilans sans perdre leurs réponses.",
        answered_by,
    ) % {"title": page.title, "n": answered_by}
