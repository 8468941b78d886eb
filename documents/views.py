"""Downloads of rendered documents; who may see what is decided by `candidates.access`."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates import access
from candidates.access import counsellor_required
from candidates.attestations import services as attestation_services
from candidates.attestations.selectors import attestation_for
from candidates.attestations.views import attestation_form, render_form
from candidates.dossiers.selectors import counsellor_dossier
from candidates.forms import add_service_errors
from candidates.navigation import candidate_trail, here
from candidates.synthesis import services as synthesis_services
from candidates.synthesis.forms import PublishForm
from candidates.synthesis.selectors import publication_preview, published_versions, synthesis_dossier

from .pdf import PdfResponse, attestation_response
from .synthesis import TooLargeForPdf, build_synthesis_docx, render_synthesis_pdf, synthesis_pdf_html
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


FORMATS = {"docx": DOCX, "pdf": "application/pdf"}


@require_safe
@login_required
def synthesis_published(request, pk: int):
    """The latest published (frozen) synthèse, .docx: the beneficiary, their counsellor, administrators."""
    dossier = synthesis_dossier(request.user, pk)
    latest = published_versions(dossier).first()
    if latest is None:
        raise Http404
    return synthesis_version(request, pk, latest.number, "docx")


@require_safe
@login_required
def synthesis_version(request, pk: int, number: int, file_format: str):
    """One published version, as it was frozen (.docx, or PDF when it could be laid out)."""
    dossier = synthesis_dossier(request.user, pk)
    version = get_object_or_404(published_versions(dossier), number=number)
    if file_format not in FORMATS or not getattr(version, file_format).name:
        raise Http404
    content = synthesis_services.published_read(actor=request.user, version=version, file_format=file_format)
    filename = _synthesis_filename(dossier, f"v{version.number}.{file_format}")
    return _download(content, content_type=FORMATS[file_format], filename=filename)


@require_http_methods(["GET", "POST"])
@access.required(access.can_publish_synthesis)
def synthesis_publish(request, pk: int):
    """*Publier la synthèse*: the document as it would be published, and a confirmation; publishing
    freezes it as a new version and tells the beneficiary."""
    dossier = counsellor_dossier(request.user, pk)
    preview = publication_preview(dossier)
    form = PublishForm(request.POST or None, initial={"number": preview.number}, empty_sections=preview.empty)
    if request.method == "POST" and form.is_valid():
        try:
            version = _publish(request, dossier, form.cleaned_data)
        except synthesis_services.AlreadyPublished as done:
            messages.info(request, _("La version %(number)s est déjà publiée.") % {"number": done.latest.number})
            return redirect("synthesis:edit", pk=dossier.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "La version %(number)s de la synthèse est publiée : le bénéficiaire est prévenu par courriel et "
                    "la télécharge dans « Ma synthèse »."
                )
                % {"number": version.number},
            )
            return redirect("synthesis:edit", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "candidate": dossier.candidate,
        "preview": preview,
        "annex": [item.phase for item in synthesis_content(dossier).phases],
        "form": form,
        "breadcrumb": candidate_trail(
            dossier, (_("Synthèse"), reverse("synthesis:edit", args=[dossier.pk])), here(_("Publier la synthèse"))
        ),
    }
    return render(request, "documents/synthesis_publish.html", context, status=400 if form.errors else 200)


def _publish(request, dossier, data):
    content = synthesis_content(dossier)
    try:
        pdf = render_synthesis_pdf(content)
    except TooLargeForPdf:
        pdf = None  # the .docx holds all of it
    return synthesis_services.synthesis_publish(
        actor=request.user,
        dossier=dossier,
        docx=build_synthesis_docx(content),
        pdf=pdf,
        empty_confirmed=data.get("empty_confirmed", False),
        number=data["number"],
        absolute_url=request.build_absolute_uri,
    )
