from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import NotificationsForm
from ..permissions import is_candidate


@login_required
def account(request):
    """*Mon compte*: the person's information, and a candidate's e-mail preference."""
    form = None
    if is_candidate(request.user):
        data = request.POST if request.method == "POST" else None
        form = NotificationsForm(data, initial={"notify_comments": request.user.notify_comments})
        if request.method == "POST" and form.is_valid():
            services.user_set_notifications(user=request.user, notify_comments=form.cleaned_data["notify_comments"])
            messages.success(request, _("Vos préférences de notification sont enregistrées."))
            return redirect("account")
    context = {"person": request.user, "notifications_form": form}
    if is_candidate(request.user):
        context["attestations"] = selectors.attestations_for(request.user)
        context["attested"] = selectors.attested_minutes(request.user.dossier)
    return render(request, "candidates/account.html", context)
