"""*Les phases du bilan* on the admin's home page: each phase in the bilan's order, whether it is
published, who changed it last and when, and whether a change awaits review."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .models import BilanPage, PhasePage


@dataclass
class PhaseLine:
    phase: PhasePage
    status: str
    last_change: str  # « Camille BOAD, le 01/12/2026 à 13:31 », or without a name for the shipped content
    in_review: bool


def _status(phase: PhasePage) -> str:
    if not phase.live:
        return _("Brouillon")
    return _("Publiée, modifications en attente") if phase.has_unpublished_changes else _("Publiée")


def phase_lines(bilan: BilanPage) -> list[PhaseLine]:
    """The phases of `bilan`, in its order, in two queries whatever their number."""
    phases = list(
        PhasePage.objects.child_of(bilan)
        .order_by("path")
        .select_related("latest_revision__user")
        .defer("questions", "introduction")
    )
    reviewed = set(
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(p.pk) for p in phases])
        .values_list("object_id", flat=True)
    )
    return [
        PhaseLine(phase, _status(phase), _last_change(phase.latest_revision), str(phase.pk) in reviewed)
        for phase in phases
    ]


def _last_change(revision) -> str:
    if revision is None:
        return "—"
    when = f"le {timezone.localtime(revision.created_at):%d/%m/%Y à %H:%M}"
    editor = revision.user
    return f"{editor.get_full_name() or editor.get_username()}, {when}" if editor else when.capitalize()


class PhasesPanel(Component):
    name = "phases_du_bilan"
    order = 60
    template_name = "phases/admin/phases_panel.html"

    def __init__(self, bilan: BilanPage):
        self.bilan = bilan

    def get_context_data(self, parent_context=None):
        return {"lines": phase_lines(self.bilan)}
