"""Downloads of rendered documents; who may see what is decided by `candidates.selectors`."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from candidates import services
from candidates.permissions import counsellor_required
from candidates.selectors import attestation_for
from candidates.views.attestations import attestation_form, render_form

from .pdf import render_attestation_pdf


@login_required
def attestation_download(request, pk: int):
    """The *Attestation de présence* as a PDF; anybody else's attestation is a 404."""
    attestation = attestation_for(request.user, pk)
    response = HttpResponse(render_attestation_pdf(attestation), content_type="application/pdf")
    name = re.sub(r"[^A-Za-z0-9_-]", "", attestation.reference) or str(attestation.pk)
    response["Content-Disposition"] = f'attachment; filename="attestation-{name}.pdf"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@counsellor_required
def attestation_preview(request):
    """*Aperçu*: the attestation as it would be, checked against every rule, and nothing saved."""
    form = attestation_form(request)
    if form.is_valid():
        try:
            attestation = services.attestation_build(counsellor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_model_errors(error)
        else:
            response = HttpResponse(render_attestation_pdf(attestation), content_type="application/pdf")
            response["Content-Disposition"] = 'inline; filename="apercu-attestation.pdf"'
            response["Cache-Control"] = "no-store"
            return response
    return render_form(request, form)
