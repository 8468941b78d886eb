"""*Agenda*: the rendez-vous between a counsellor and their candidates. The counsellor schedules,
moves and cancels them; the candidate sees theirs. Each one downloads as .ics, and each person has a
private, revocable subscription address for their calendar software."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import access, query_params
from ..access import agenda_required, counsellor_required
from ..dossiers.selectors import counsellor_dossiers
from ..forms import add_service_errors
from ..navigation import account_trail, agenda_trail, here
from . import calendar, emails, selectors, services
from .forms import AppointmentForm

NOT_SENT = gettext_lazy("Le candidat n'a pas pu être prévenu par courriel : pensez à le lui dire.")
UPCOMING_LIMIT = 20
ONE_DAY = datetime.timedelta(days=1)


def _when(appointment) -> str:
    return dateformat.format(timezone.localtime(appointment.start), "l d/m/Y à H:i")


def _monday(value: str | None) -> datetime.date:
    """The Monday of the week `?semaine=YYYY-MM-DD` falls in; this week if it is missing or invalid."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        day = None
    if day is None or query_params.year(str(day.year)) is None:  # year 1 or 9999: no week before or after
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def _week_url(appointment) -> str:
    monday = _monday(timezone.localtime(appointment.start).date().isoformat())
    return f"{reverse('agenda:week')}?semaine={monday:%Y-%m-%d}"


def _appointment_trail(appointment, *crumbs):
    """… › Agenda (the rendez-vous' week) › *Rendez-vous du 30/03/2026* › crumbs…"""
    label = _("Rendez-vous du %(day)s") % {"day": dateformat.format(timezone.localtime(appointment.start), "d/m/Y")}
    if not crumbs:
        return agenda_trail(here(label), week_url=_week_url(appointment))
    detail = (label, reverse("agenda:detail", args=[appointment.pk]))
    return agenda_trail(detail, *crumbs, week_url=_week_url(appointment))


def _notify(request, appointment, kind: str) -> None:
    if not emails.send_appointment(appointment, kind, request):
        messages.warning(request, NOT_SENT)


@require_safe
@agenda_required
def agenda(request):
    """The week (Monday to Sunday, `?semaine=`), the upcoming rendez-vous, and the subscription address."""
    monday = _monday(request.GET.get("semaine"))
    week = list(selectors.week_appointments(request.user, monday))
    days = [monday + i * ONE_DAY for i in range(7)]
    feed = selectors.calendar_feed_of(request.user)
    context = {
        "monday": monday,
        "sunday": days[-1],
        "days": [(day, [a for a in week if timezone.localtime(a.start).date() == day]) for day in days],
        "previous_week": monday - 7 * ONE_DAY,
        "next_week": monday + 7 * ONE_DAY,
        "this_week": _monday(None),
        "today": timezone.localdate(),
        "upcoming": selectors.upcoming_appointments(request.user, UPCOMING_LIMIT),
        "is_counsellor": access.follows_candidates(request.user),
        "feed_url": request.build_absolute_uri(reverse("agenda:feed", args=[feed.token])) if feed else None,
        "breadcrumb": account_trail(here(_("Agenda"))),
    }
    return render(request, "candidates/agenda/agenda.html", context)


def _form(request, *, appointment=None):
    """The form, bound to the POST if any; a new one starts tomorrow 09:00–10:00, for ?dossier=."""
    dossiers = counsellor_dossiers(request.user)
    data = request.POST if request.method == "POST" else None
    if appointment is not None:
        fields = ("modality", "meeting_link", "place", "subject", "phase", "notes")
        initial = {name: getattr(appointment, name) for name in fields}
        initial |= {"start": timezone.localtime(appointment.start), "end": timezone.localtime(appointment.end)}
        return AppointmentForm(data, initial=initial, dossiers=dossiers, appointment=appointment)
    requested = query_params.positive_int(request.GET.get("dossier"))
    dossier = dossiers.filter(pk=requested).first() if requested else None
    tomorrow = timezone.localdate() + ONE_DAY
    initial = {
        "dossier": dossier.pk if dossier else None,
        "start": datetime.datetime.combine(tomorrow, datetime.time(9, 0)),
        "end": datetime.datetime.combine(tomorrow, datetime.time(10, 0)),
    }
    if dossier and dossier.remote and not dossier.on_site:
        initial["modality"] = "a_distance"
    if dossier and request.GET.get("suivi"):  # « Proposer un rendez-vous de suivi » (dossier page)
        initial["subject"] = _("Entretien de suivi après le bilan")
    return AppointmentForm(data, initial=initial, dossiers=dossiers, dossier=dossier)


def _render_form(request, form, appointment=None):
    if appointment is None:
        breadcrumb = agenda_trail(here(_("Nouveau rendez-vous")))
    else:
        breadcrumb = _appointment_trail(appointment, here(_("Modifier le rendez-vous")))
    context = {"form": form, "appointment": appointment, "breadcrumb": breadcrumb}
    return render(request, "candidates/agenda/appointment_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@counsellor_required
def appointment_add(request):
    """*Nouveau rendez-vous*: the candidate is e-mailed, with the .ics attached."""
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_create(counsellor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            candidate = appointment.dossier.candidate
            messages.success(
                request,
                _("Le rendez-vous du %(when)s avec %(name)s est enregistré.")
                % {"when": _when(appointment), "name": candidate.get_full_name() or candidate.username},
            )
            _notify(request, appointment, "created")
            return redirect(_week_url(appointment))
    return _render_form(request, form)


@require_http_methods(["GET", "POST"])
@counsellor_required
def appointment_edit(request, pk):
    """*Modifier*: change or move a rendez-vous; the candidate is told, calendars are updated."""
    appointment = selectors.appointment_for(request.user, pk)
    if appointment.cancelled_at:
        messages.error(request, _("Ce rendez-vous est annulé : il ne peut plus être modifié."))
        return redirect("agenda:detail", pk=appointment.pk)
    form = _form(request, appointment=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_update(appointment=appointment, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
            appointment.refresh_from_db()
        else:
            messages.success(request, _("Le rendez-vous est modifié : le %(when)s.") % {"when": _when(appointment)})
            _notify(request, appointment, "changed")
            return redirect(_week_url(appointment))
    return _render_form(request, form, appointment)


@require_http_methods(["GET", "POST"])
@counsellor_required
def appointment_cancel(request, pk):
    """*Annuler le rendez-vous*, after a confirmation page; it stays in the agendas, marked *Annulé*."""
    appointment = selectors.appointment_for(request.user, pk)
    if appointment.cancelled_at:
        messages.info(request, _("Ce rendez-vous est déjà annulé."))
        return redirect("agenda:detail", pk=appointment.pk)
    if request.method == "POST":
        services.appointment_cancel(appointment=appointment)
        messages.success(request, _("Le rendez-vous du %(when)s est annulé.") % {"when": _when(appointment)})
        _notify(request, appointment, "cancelled")
        return redirect(_week_url(appointment))
    context = {
        "appointment": appointment,
        "breadcrumb": _appointment_trail(appointment, here(_("Annuler le rendez-vous"))),
    }
    return render(request, "candidates/agenda/appointment_cancel.html", context)


@require_safe
@agenda_required
def appointment_detail(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    counsellor = access.follows_candidates(request.user)
    context = {
        "appointment": appointment,
        "is_counsellor": counsellor,
        "is_past": appointment.end <= timezone.now(),
        "week_url": _week_url(appointment),
        "breadcrumb": _appointment_trail(appointment),
    }
    if counsellor and context["is_past"] and not appointment.cancelled_at:
        start, end = timezone.localtime(appointment.start), timezone.localtime(appointment.end)
        context["attestation_url"] = (
            f"{reverse('attestations:add')}?dossier={appointment.dossier_id}"
            f"&start={start:%Y-%m-%dT%H:%M}&end={end:%Y-%m-%dT%H:%M}"
        )
    return render(request, "candidates/agenda/appointment_detail.html", context)


def _calendar_response(data: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@agenda_required
def appointment_ics(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    return _calendar_response(calendar.appointment_ics(appointment), filename="rendez-vous.ics", attachment=True)


@require_POST
@agenda_required
def calendar_feed_create(request):
    services.calendar_feed_token(user=request.user)
    messages.success(request, _("Votre adresse d'abonnement est créée : copiez-la dans votre logiciel d'agenda."))
    return redirect(f"{reverse('agenda:week')}#abonnement")


@require_POST
@agenda_required
def calendar_feed_revoke(request):
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Cette adresse d'abonnement est révoquée : elle ne fonctionne plus."))
    return redirect(f"{reverse('agenda:week')}#abonnement")


@require_safe
def calendar_feed(request, token):
    """A subscription feed: no login, the token is the secret; a revoked address is a 404."""
    user = selectors.feed_user(token)
    data = calendar.feed_ics(selectors.feed_appointments(user), for_counsellor=access.follows_candidates(user))
    return _calendar_response(data, filename="agenda.ics", attachment=False)
