"""*Ajouter une attestation*: create, see, change and delete attestations de présence, and the
counsellor's list with its CSV export for funders."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import query_params, spreadsheets
from ..access import counsellor_required
from ..dossiers.selectors import counsellor_dossiers
from ..forms import ConfirmForm, add_service_errors
from ..navigation import attestations_trail, here, trail
from . import selectors, services
from .forms import AttestationForm

DEFAULT_START, DEFAULT_END = datetime.time(9, 0), datetime.time(12, 0)


def _query_datetime(value: str | None) -> datetime.datetime | None:
    """`?start=2026-03-30T09:00` (from a past rendez-vous of the *Agenda*), in Paris time; None if invalid."""
    try:
        moment = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    if query_params.year(str(moment.year)) is None:
        return None
    return timezone.make_naive(moment) if timezone.is_aware(moment) else moment


def attestation_form(request, *, instance=None):
    """The form, bound to the POST if any; a new one starts today 09:00–12:00, for the candidate in ?dossier=."""
    dossiers = counsellor_dossiers(request.user)
    if request.method == "POST":
        return AttestationForm(request.POST, dossiers=dossiers)
    if instance is not None:
        initial = {
            "start": timezone.localtime(instance.start),
            "end": timezone.localtime(instance.end),
            "dossier": instance.dossier_id,
            "over_cap": instance.over_cap,
        }
    else:
        today = timezone.localdate()
        initial = {
            "start": _query_datetime(request.GET.get("start")) or datetime.datetime.combine(today, DEFAULT_START),
            "end": _query_datetime(request.GET.get("end")) or datetime.datetime.combine(today, DEFAULT_END),
            "dossier": query_params.positive_int(request.GET.get("dossier")),
        }
    return AttestationForm(initial=initial, dossiers=dossiers)


def _trail(attestation, label: str):
    """… › Attestations de présence › *its reference* › label; *Ajouter une attestation* for a new one."""
    if attestation is None:
        return attestations_trail(here(_("Ajouter une attestation")))
    return attestations_trail(
        (attestation.reference, reverse("attestations:detail", args=[attestation.pk])), here(label)
    )


def render_form(request, form, attestation=None):
    status = 400 if form.errors else 200
    return render(
        request,
        "candidates/attestations/attestation_form.html",
        {"form": form, "attestation": attestation, "breadcrumb": _trail(attestation, _("Modifier"))},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@counsellor_required
def attestation_add(request):
    form = attestation_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            attestation = services.attestation_create(counsellor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = _("L'attestation de présence %(ref)s a été créée.") % {"ref": attestation.reference}
            messages.success(request, message)
            return redirect("attestations:detail", pk=attestation.pk)
    return render_form(request, form)


@require_http_methods(["GET", "POST"])
@counsellor_required
def attestation_edit(request, pk):
    attestation = selectors.attestation_for(request.user, pk)
    form = attestation_form(request, instance=attestation)
    if request.method == "POST" and form.is_valid():
        try:
            services.attestation_update(actor=request.user, attestation=attestation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'attestation de présence a été modifiée."))
            return redirect("attestations:detail", pk=attestation.pk)
    return render_form(request, form, attestation)


@require_safe
@counsellor_required
def attestation_detail(request, pk):
    """The guide's summary: the session, the candidate and their bilan, with *Voir*, *Modifier*, *Supprimer*."""
    attestation = selectors.attestation_for(request.user, pk)
    dossier = attestation.dossier
    context = {
        "attestation": attestation,
        "dossier": dossier,
        "candidate": dossier.candidate,
        "modularisation": dossier.phases.order_by("path"),
        "attested": selectors.attested_minutes(dossier),
        "breadcrumb": attestations_trail(here(attestation.reference)),
    }
    return render(request, "candidates/attestations/attestation_detail.html", context)


@require_http_methods(["GET", "POST"])
@counsellor_required
def attestation_delete(request, pk):
    attestation = selectors.attestation_for(request.user, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        dossier_pk = attestation.dossier_id
        services.attestation_delete(actor=request.user, attestation=attestation)
        messages.success(request, _("L'attestation %(ref)s est supprimée.") % {"ref": attestation.reference})
        return redirect("dossiers:candidate", pk=dossier_pk)
    context = {"attestation": attestation, "form": form, "breadcrumb": _trail(attestation, _("Supprimer"))}
    return render(
        request, "candidates/attestations/attestation_delete.html", context, status=400 if form.errors else 200
    )


@require_safe
@counsellor_required
def attestation_list(request):
    """The counsellor's attestations, by candidate and month; `?format=csv` exports what is shown."""
    filters = selectors.AttestationFilters.from_query(request.GET)
    attestations = selectors.counsellor_attestations(request.user, filters)
    if request.GET.get("format") == "csv":
        return _csv(attestations)
    page = Paginator(attestations, 25).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filters": filters,
        "query_prefix": filters.query_prefix(),
        "dossiers": counsellor_dossiers(request.user),
        "months": selectors.attestation_months(request.user),
        "breadcrumb": trail(here(_("Attestations de présence"))),
    }
    return render(request, "candidates/attestations/attestation_list.html", context)


def _csv(attestations):
    """The list as a French spreadsheet reads it (`spreadsheets`), for the funders' « service fait »."""
    headings = [
        "Référence",
        "Nom",
        "Prénom",
        "DABM",
        "Date",
        "Début",
        "Fin",
        "Durée (minutes)",
        "Durée",
        "Conseiller",
        "Au-delà de 24 h",
    ]
    return spreadsheets.csv_response("attestations", [headings, *map(_csv_row, attestations)])


def _csv_row(attestation) -> list:
    candidate = attestation.dossier.candidate
    start, end = timezone.localtime(attestation.start), timezone.localtime(attestation.end)
    return [
        attestation.reference,
        candidate.last_name,
        candidate.first_name,
        attestation.dossier.dabm.name,
        start.date(),
        start.time(),
        end.time(),
        attestation.duration_minutes,
        attestation.duration_label,
        attestation.counsellor.get_full_name(),
        attestation.over_cap,
    ]
