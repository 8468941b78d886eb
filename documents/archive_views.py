"""*Mes données*: a candidate downloads everything the portal holds about them (one zip); their
counsellor can download it for them, on request, from the candidate's account page.

Every download is journalled (who, whose, when; never what)."""

import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from candidates.access import candidate_required, counsellor_required
from candidates.dossiers import services as dossier_services
from candidates.dossiers.selectors import counsellor_dossier
from candidates.files import uploads
from candidates.files.selectors import folder_used_bytes
from candidates.models import Dossier, User
from candidates.navigation import account_trail, here

from .archive import export_filename, write_export


@require_GET
@candidate_required
def my_data(request):
    """*Mes données*: what the archive holds, and the button to download it."""
    used = folder_used_bytes(request.user)
    context = {
        "dossier": request.user.dossier,
        "files_size": uploads.size_label(used) if used else "",
        "breadcrumb": account_trail(here(_("Mes données"))),
    }
    return render(request, "documents/my_data.html", context)


@require_GET
@candidate_required
def my_data_download(request):
    """The candidate's own archive."""
    return _export_response(request, request.user, request.user.dossier)


@require_GET
@counsellor_required
def candidate_data_download(request, pk):
    """The archive of one of the counsellor's candidates (anybody else's dossier is a 404)."""
    dossier = counsellor_dossier(request.user, pk)
    return _export_response(request, dossier.candidate, dossier)


def _export_response(request, candidate: User, dossier: Dossier) -> FileResponse:
    """Build the zip in a temporary file (it can weigh up to the folder's quota), journal the
    download, stream the file; the temporary file goes when the response is closed."""
    archive = tempfile.TemporaryFile()  # closed with the response
    try:
        write_export(candidate, archive)
        archive.seek(0)
    except BaseException:
        archive.close()
        raise
    dossier_services.data_exported(actor=request.user, candidate=candidate, dossier=dossier)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=export_filename(candidate, timezone.localdate()),
        content_type="application/zip",
    )
    return response
