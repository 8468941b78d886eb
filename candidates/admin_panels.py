"""The académie's figures on the Wagtail admin home (administrators only)."""

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .durations import hours_minutes
from .models import DABM, Attestation, Dossier


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
    template_name = "candidates/admin/summary_panel.html"

    def get_context_data(self, parent_context=None):
        return academie_summary()
