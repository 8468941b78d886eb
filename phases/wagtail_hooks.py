from wagtail import hooks

from .admin_panels import PhasesPanel
from .models import BilanPage


@hooks.register("construct_homepage_panels")
def add_phases_panel(request, panels):
    """For whoever may edit the phases (editors, administrators): where each one stands."""
    bilan = BilanPage.objects.first()
    if bilan is not None and bilan.permissions_for_user(request.user).can_edit():
        panels.append(PhasesPanel(bilan))
