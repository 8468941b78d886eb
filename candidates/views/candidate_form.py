"""*Ajouter un candidat* and the edit page of a candidate's dossier (counsellors only)."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import emails, journal, services
from ..forms import CandidateForm
from ..models import Dossier
from ..permissions import counsellor_required

NOT_NOTIFIED = gettext_lazy(
    "Le compte est créé, mais le courriel de notification n'a pas pu être envoyé. Prévenez le candidat."
)


def _add_service_errors(form, error: ValidationError) -> None:
    """What the service's full_clean() refused (e.g. a name taken a moment ago), shown on the form."""
    errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _render(request, form, title, dossier=None):
    context = {"form": form, "title": title, "dossier": dossier}
    return render(request, "candidates/candidate_form.html", context, status=400 if form.errors else 200)


def _names(dossier) -> dict:
    return {"first_name": dossier.candidate.first_name, "last_name": dossier.candidate.last_name}


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_add(request):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CandidateForm(data, files, counsellor=request.user)
    if form.is_valid():
        try:
            dossier = services.candidate_create(**form.service_kwargs())
        except ValidationError as error:
            _add_service_errors(form, error)
        else:  # committed: the e-mail can only announce an account that exists
            journal.record(request.user, journal.Action.CANDIDATE_CREATED, dossier=dossier, obj=dossier)
            messages.success(request, _("Le compte de %(first_name)s %(last_name)s est créé.") % _names(dossier))
            if form.cleaned_data["notify"] and not emails.send_account_created(dossier.candidate, request):
                messages.warning(request, NOT_NOTIFIED)
            return redirect("counsellor_candidate", dossier.pk)
    return _render(request, form, _("Ajouter un candidat"))


@require_http_methods(["GET", "POST"])
@counsellor_required
def candidate_edit(request, pk):
    dossier = get_object_or_404(Dossier.objects.filter(counsellor=request.user).select_related("candidate"), pk=pk)
    title = _("Modifier le dossier de %(first_name)s %(last_name)s") % _names(dossier)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CandidateForm(data, files, counsellor=request.user, dossier=dossier)
    if form.is_valid():
        try:
            services.candidate_update(actor=request.user, dossier=dossier, **form.service_kwargs())
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            journal.record(request.user, journal.Action.CANDIDATE_UPDATED, dossier=dossier, obj=dossier)
            messages.success(request, _("Le dossier de %(first_name)s %(last_name)s est enregistré.") % _names(dossier))
            if dossier.counsellor != request.user:  # handed over to a colleague: no longer in this list
                return redirect("dashboard")
            return redirect("counsellor_candidate", dossier.pk)
    return _render(request, form, title, dossier)
