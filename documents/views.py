"""Downloads of rendered documents; who may see what is decided by `candidates.access`."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from candidates import access
from candidates.access import counsellor_required
from candidates.attestations import services as attestation_services
from candidates.attestations.selectors import attestation_for
from candidates.attestations.views import attestation_form, render_form
from candidates.dossiers.selectors import counsellor_dossier
from candidates.forms import add_service_errors
from candidates.synthesis import services as synthesis_services
from candidates.synthesis.selectors import synthesis_dossier

from .pdf import PdfResponse, attestation_response
from .synthesis import TooLargeForPdf, build_synthesis_docx, synthesis_pdf_html
from .synthesis_content import synthesis_content

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_safe
@login_required
def attestation_download(request, pk: int):
    """The *Attestation de présence* as a PDF; anybody else's attestation is a 404."""
    attestation = attestation_for(request.user, pk)
    attestation_services.attestation_downloaded(actor=request.user, attestation=attestation)
    name = re.sub(r"[^A-Za-z0-9_-]", "", attestation.reference) or str(attestation.pk)
    return attestation_response(attestation, filename=f"attestation-{name}.pdf")


@require_POST
@counsellor_required
def attestation_preview(request):
    """*Aperçu*: the attestation as it would be, checked against every rule, and nothing saved."""
    form = attestation_form(request)
    if form.is_valid():
        try:
            attestation = attestation_services.attestation_build(counsellor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return attestation_response(attestation, filename="apercu.pdf", attachment=False)
    return render_form(request, form)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file to save. `Cache-Control: no-store` (NoStoreMiddleware, every logged-in response) and
    `X-Content-Type-Options: nosniff` (SECURE_CONTENT_TYPE_NOSNIFF) come from the middleware."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _synthesis_filename(dossier, extension: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]", "", dossier.candidate.last_name.upper()) or str(dossier.pk)
    return f"synthese-{name}.{extension}"


def _draft_dossier(request, pk):
    """The synthèse as it would be now (with the counsellor's notes): counsellors and administrators."""
    if not access.can_read_synthesis_drafts(request.user):
        raise Http404
    return synthesis_dossier(request.user, pk)


@require_safe
@login_required
def synthesis_docx(request, pk: int):
    """*Consulter sa synthèse*: the .docx generated from the latest answers, notes and observations."""
    dossier = _draft_dossier(request, pk)
    synthesis_services.draft_downloaded(actor=request.user, dossier=dossier, file_format=".docx")
    document = build_synthesis_docx(synthesis_content(dossier))
    return _download(document, content_type=DOCX, filename=_synthesis_filename(dossier, "docx"))


@require_safe
@login_required
def synthesis_pdf(request, pk: int):
    """The same synthèse as a PDF, to read in the browser."""
    dossier = _draft_dossier(request, pk)
    try:
        html = synthesis_pdf_html(synthesis_content(dossier))
    except TooLargeForPdf as too_large:
        back_url = reverse("dossiers:candidate", args=[dossier.pk]) if access.follows_candidates(request.user) else None
        context = {"dossier": dossier, "candidate": dossier.candidate, "pages": too_large.pages, "back_url": back_url}
        return render(request, "documents/synthesis_too_large.html", context)
    response = PdfResponse.from_html(html, filename=_synthesis_filename(dossier, "pdf"), attachment=False)

    def downloaded(_response) -> None:  # recorded once the PDF is laid out (a failed layout is no download)
        synthesis_services.draft_downloaded(actor=request.user, dossier=dossier, file_format="PDF")

    response.add_post_render_callback(downloaded)
    return response


@require_safe
@login_required
def synthesis_published(request, pk: int):
    """The published (frozen) synthèse: the beneficiary, their counsellor, administrators."""
    dossier = synthesis_dossier(request.user, pk)
    synthesis = getattr(dossier, "synthesis", None)
    latest = synthesis.latest if synthesis is not None else None
    if latest is None:
        raise Http404
    content = synthesis_services.published_read(actor=request.user, version=latest, file_format="docx")
    return _download(content, content_type=DOCX, filename=_synthesis_filename(dossier, "docx"))


@require_POST
@access.required(access.can_publish_synthesis)
def synthesis_publish(request, pk: int):
    """Publish: freeze today's document; the beneficiary finds it in *Ma synthèse*."""
    dossier = counsellor_dossier(request.user, pk)
    document = build_synthesis_docx(synthesis_content(dossier))
    synthesis_services.synthesis_publish(
        actor=request.user,
        dossier=dossier,
        docx=document,
        pdf=None,
        empty_confirmed=True,
        absolute_url=request.build_absolute_uri,
    )
    messages.success(request, _("La synthèse est publiée : le bénéficiaire peut la télécharger dans « Ma synthèse »."))
    return redirect("dossiers:candidate", pk=dossier.pk)
