"""*Ma synthèse*: the beneficiary's published versions, their observations, and their consents
(communicating it to someone else; keeping it after the bilan)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import candidate_required
from ..navigation import account_trail, here
from . import selectors, services
from .forms import ObservationsForm, SharingConsentForm
from .models import Synthesis, communicable_to


def _render(request, *, observations_form=None, sharing_form=None):
    dossier = request.user.dossier
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    versions = list(selectors.published_versions(dossier))
    consents = list(selectors.sharing_consents(dossier))
    if versions and observations_form is None:
        observations_form = ObservationsForm(initial={"observations": synthesis.observations})
    context = {
        "dossier": dossier,
        "synthesis": synthesis,
        "latest": versions[0] if versions else None,
        "earlier": versions[1:],
        "form": observations_form if versions else None,
        "consents": consents,
        "communicable": communicable_to(consents),
        "sharing_form": sharing_form or SharingConsentForm(),
        "breadcrumb": account_trail(here(_("Ma synthèse"))),
    }
    failed = any(form is not None and form.errors for form in (observations_form, sharing_form))
    return render(request, "candidates/synthesis/my_synthesis.html", context, status=400 if failed else 200)


@require_http_methods(["GET", "POST"])
@candidate_required
def my_synthesis(request):
    dossier = request.user.dossier
    if request.method == "GET":
        return _render(request)
    if "consent" in request.POST:
        keep = request.POST.get("keep_synthesis") == "on"
        services.synthesis_consent(dossier=dossier, keep=keep)
        messages.success(request, _("Votre choix de conservation est enregistré."))
        return redirect("synthesis:mine")
    form = ObservationsForm(request.POST)
    if not selectors.published_versions(dossier).exists():
        return redirect("synthesis:mine")
    if not form.is_valid():
        return _render(request, observations_form=form)
    services.synthesis_observe(actor=request.user, dossier=dossier, observations=form.cleaned_data["observations"])
    messages.success(request, _("Vos observations sont enregistrées ; votre conseiller peut les lire."))
    return redirect("synthesis:mine")


@require_POST
@candidate_required
def sharing_give(request):
    """*Donner mon accord*: the synthèse may be given to this recipient."""
    form = SharingConsentForm(request.POST)
    if not form.is_valid():
        return _render(request, sharing_form=form)
    consent = services.sharing_consent_give(
        actor=request.user, dossier=request.user.dossier, recipient=form.cleaned_data["recipient"]
    )
    messages.success(request, _("Votre accord est enregistré : votre synthèse peut être remise à %s.") % consent)
    return redirect("synthesis:mine")


@require_POST
@candidate_required
def sharing_revoke(request, pk: int):
    """*Retirer mon accord*: the consent ends today; its record stays."""
    consent = get_object_or_404(selectors.sharing_consents(request.user.dossier), pk=pk)
    services.sharing_consent_revoke(actor=request.user, consent=consent)
    messages.success(request, _("Votre accord est retiré : votre synthèse ne peut plus être remise à %s.") % consent)
    return redirect("synthesis:mine")
