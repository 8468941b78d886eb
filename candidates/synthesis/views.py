"""*Ma synthèse*: the beneficiary's published synthèse, and their observations on it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import candidate_required
from ..navigation import account_trail, here
from . import services
from .forms import ObservationsForm
from .models import Synthesis


@require_http_methods(["GET", "POST"])
@candidate_required
def my_synthesis(request):
    dossier = request.user.dossier
    synthesis = Synthesis.objects.filter(dossier=dossier, versions__isnull=False).first()
    if request.method == "POST" and "consent" in request.POST:
        keep = request.POST.get("keep_synthesis") == "on"
        services.synthesis_consent(dossier=dossier, keep=keep)
        messages.success(request, _("Votre choix de conservation est enregistré."))
        return redirect("synthesis:mine")
    form = None
    if synthesis is not None:
        data = request.POST if request.method == "POST" else None
        form = ObservationsForm(data, initial={"observations": synthesis.observations})
        if request.method == "POST" and form.is_valid():
            services.synthesis_observe(
                actor=request.user, dossier=dossier, observations=form.cleaned_data["observations"]
            )
            messages.success(request, _("Vos observations sont enregistrées ; votre conseiller peut les lire."))
            return redirect("synthesis:mine")
    context = {
        "dossier": dossier,
        "synthesis": synthesis,
        "form": form,
        "breadcrumb": account_trail(here(_("Ma synthèse"))),
    }
    return render(
        request, "candidates/synthesis/my_synthesis.html", context, status=400 if form and form.errors else 200
    )
