"""*Bilans › Attestations de présence* in the Wagtail admin (read-only)."""

from django.utils.translation import gettext_lazy as _

from ..wagtail_admin.access import CandidateDataAdmin, ReadOnlyPermissionHelper
from ..wagtail_admin.exports import ExportIndexView
from ..wagtail_admin.filters import AttestationDABMFilter, CounsellorFilter, MonthFilter
from . import durations
from .models import Attestation


class AttestationsAdmin(CandidateDataAdmin):
    model = Attestation
    menu_label = _("Attestations de présence")
    menu_icon = "doc-full"
    list_display = ("reference", "candidate", "dabm", "counsellor", "start", "duration", "over_cap")
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

    def duration_hours(self, obj):
        """The duration as a number of hours (1.5), for the exports."""
        return durations.hours_number(obj.duration_minutes)
