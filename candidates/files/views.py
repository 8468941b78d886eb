"""*Mes fichiers*: a person's private folder (a candidate's is shared with their counsellor),
uploads checked by content, permission-checked downloads, deletion after confirmation."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import access
from ..access import counsellor_required
from ..accounts.models import User
from ..dossiers.selectors import counsellor_dossier
from ..forms import ConfirmForm
from ..navigation import account_trail, candidate_trail, here
from . import selectors, services, uploads
from .forms import UploadForm
from .models import PrivateFile


@dataclass
class FileRow:
    file: PrivateFile

    @property
    def type_label(self) -> str:
        return uploads.LABELS.get(self.file.content_type, self.file.content_type)

    @property
    def size_label(self) -> str:
        return uploads.size_label(self.file.size)


def _folder(request, owner: User, *, context: dict, redirect_to: str):
    """The folder page of `owner`: the upload form (POST) and the paginated list."""
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            private_file = services.file_upload(
                owner=owner, uploaded_by=request.user, uploaded=form.cleaned_data["uploaded"]
            )
        except ValidationError as error:
            form.add_error("uploaded", error)
        else:
            messages.success(request, _("Le fichier « %(name)s » est ajouté.") % {"name": private_file.original_name})
            return redirect(redirect_to)
    page = Paginator(selectors.folder_files(request.user, owner), 25).get_page(request.GET.get("page"))
    used = selectors.folder_used_bytes(owner)
    context.update(
        form=form,
        owner=owner,
        page_obj=page,
        rows=[FileRow(private_file) for private_file in page.object_list],
        page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        used_label=uploads.size_label(used),
        quota_label=uploads.size_label(settings.PRIVATE_FOLDER_QUOTA_BYTES),
        used_percent=min(100, round(100 * used / settings.PRIVATE_FOLDER_QUOTA_BYTES)),
    )
    return render(request, "candidates/files/files.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def my_files(request):
    """*Mes fichiers*."""
    context = {
        "title": _("Mes fichiers"),
        "shared_with_counsellor": access.has_own_bilan(request.user),
        "breadcrumb": account_trail(here(_("Mes fichiers"))),
    }
    return _folder(request, request.user, context=context, redirect_to=request.path)


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_files(request, pk):
    """*Ses fichiers*: the folder of one of the counsellor's candidates."""
    dossier = counsellor_dossier(request.user, pk)
    candidate = dossier.candidate
    name = candidate.get_full_name() or candidate.username
    title = _("Fichiers de %(name)s") % {"name": name}
    context = {"title": title, "dossier": dossier, "breadcrumb": candidate_trail(dossier, here(title))}
    return _folder(request, candidate, context=context, redirect_to=request.path)


@require_safe
@login_required
def file_download(request, pk):
    """The file itself, always as an attachment, under its (cleaned) original name."""
    private_file = selectors.private_file_for(request.user, pk)
    response = FileResponse(
        services.file_open(actor=request.user, private_file=private_file),
        as_attachment=True,
        filename=uploads.clean_name(private_file.original_name),
        content_type=private_file.content_type,
    )
    return response


@require_http_methods(["GET", "POST"])
@login_required
def file_delete(request, pk):
    """*Supprimer*: the owner, or the counsellor in their candidate's folder, after a confirmation."""
    private_file = selectors.private_file_for(request.user, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    back = _back_url(request.user, private_file)
    if request.method == "POST" and form.is_valid():
        name = private_file.original_name
        services.file_delete(actor=request.user, private_file=private_file)
        messages.success(request, _("Le fichier « %(name)s » est supprimé.") % {"name": name})
        return redirect(back)
    context = {
        "private_file": private_file,
        "row": FileRow(private_file),
        "form": form,
        "back": back,
        "breadcrumb": _folder_trail(request.user, private_file, back, here(_("Supprimer un fichier"))),
    }
    return render(request, "candidates/files/files_delete.html", context, status=400 if form.errors else 200)


def _folder_trail(user: User, private_file: PrivateFile, folder_url: str, *crumbs):
    """… › *Mes fichiers*, or the counsellor's candidate › *Fichiers de …*, › crumbs…"""
    if private_file.owner_id == user.pk:
        return account_trail((_("Mes fichiers"), folder_url), *crumbs)
    owner = private_file.owner
    title = _("Fichiers de %(name)s") % {"name": owner.get_full_name() or owner.username}
    return candidate_trail(owner.dossier, (title, folder_url), *crumbs)


def _back_url(user: User, private_file: PrivateFile) -> str:
    """The folder page the file was reached from: one's own, or the counsellor's view of the candidate's."""
    if private_file.owner_id == user.pk:
        return reverse("files:mine")
    return reverse("files:candidate", args=[private_file.owner.dossier.pk])
