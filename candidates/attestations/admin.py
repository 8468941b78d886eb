"""*Bilans › Attestations de présence* in the Wagtail admin (read-only); the inspect view links to the
attestation's PDF, downloaded from the portal's own view (`attestation_pdf`, scoped by `candidates.access`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import access
from ..wagtail_admin.access import CandidateDataAdmin, ReadOnlyPermissionHelper
from ..wagtail_admin.exports import ExportIndexView
from ..wagtail_admin.filters import AttestationDABMFilter, CounsellorFilter, MonthFilter
from ..wagtail_admin.listing import FrenchInspectView, paris_datetime, yes_no_column
from . import durations
from .models import Attestation


class AttestationInspectView(FrenchInspectView):
    def pdf_url(self) -> str | None:
        """The PDF's address, for whoever may download this attestation (an administrator)."""
        if access.attestations_for(self.request.user).filter(pk=self.instance.pk).exists():
            return reverse("attestation_pdf", args=[self.instance.pk])
        return None


class AttestationsAdmin(CandidateDataAdmin):
    model = Attestation
    menu_label = _("Attestations de présence")
    menu_icon = "doc-full"
    empty_label = _("Aucune attestation.")
    no_results_label = _("Aucune attestation ne correspond à ces critères.")
    list_display = ("reference", "candidate", "counsellor_name", "session", "duration", "over_cap_yes_no")
    list_export = ("reference", "candidate", "dabm", "counsellor", "start", "end", "duration_hours", "over_cap")
    export_filename = "attestations-de-presence"
    export_headings = {
        "start": _("Début"),
        "end": _("Fin"),
        "duration_hours": _("Durée (heures)"),
        "over_cap": _("Au-delà de 24 heures"),
    }
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
    inspect_labels = {
        "dossier": _("Dossier de bilan"),
        "duration_minutes": _("Durée (minutes)"),
        "over_cap": _("Au-delà de 24 heures"),
        "created_at": _("Émise le"),
    }
    inspect_view_class = AttestationInspectView
    inspect_template_name = "candidates/admin/attestation_inspect.html"
    permission_helper_class = ReadOnlyPermissionHelper

    over_cap_yes_no = yes_no_column("over_cap", _("Au-delà de 24 h"))

    def candidate(self, obj):
        candidate = obj.dossier.candidate
        return candidate.get_full_name() or candidate.username

    candidate.short_description = _("Candidat")

    def dabm(self, obj):
        return obj.dossier.dabm.name

    dabm.short_description = _("DABM")

    def counsellor_name(self, obj):
        return obj.counsellor.get_full_name() or obj.counsellor.username

    counsellor_name.short_description = _("Conseiller")
    counsellor_name.admin_order_field = "counsellor__last_name"

    def session(self, obj):
        return paris_datetime(obj.start)

    session.short_description = _("Séance")
    session.admin_order_field = "start"

    def duration(self, obj):
        return obj.duration_label

    duration.short_description = _("Durée")
    duration.admin_order_field = "duration_minutes"

    def duration_hours(self, obj):
        """The duration as a number of hours (1.5), for the exports."""
        return durations.hours_number(obj.duration_minutes)
