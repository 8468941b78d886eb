"""*Envoyer un rappel*, from a row of *À suivre* on the counsellor's dashboard."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import counsellor_required
from . import selectors, services
from .rules import RULES


def _back_to_dashboard(request):
    """The dashboard, filtered as it was (a crafted ?motif= is dropped)."""
    reason = request.POST.get("motif", "")
    query = f"?{urlencode({'motif': reason})}" if any(rule.key == reason for rule in RULES) else ""
    return redirect(reverse("dashboard") + query + "#a-suivre")


@require_POST
@counsellor_required
def reminder_send(request, pk):
    dossier = selectors.reminder_dossier(request.user, pk)
    try:
        services.reminder_send(counsellor=request.user, dossier=dossier)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        name = dossier.candidate.get_full_name() or dossier.candidate.username
        messages.success(request, _("Rappel envoyé à %(name)s.") % {"name": name})
    return _back_to_dashboard(request)
