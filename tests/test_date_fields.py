"""Dates and times in French everywhere (#18): every date of the portal is typed jj/mm/aaaa and every time
HH:MM in text inputs with their format hint (never type="date" or "time", which a browser shows in its
own language), refused with a French message next to the field that shows back what was typed; the month
filter of the attestations reads « novembre 2026 »."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.agenda.forms import AppointmentForm
from candidates.attestations.forms import AttestationForm
from candidates.forms import FrenchDateField, FrenchTimeField, SessionDateTimeField
from candidates.models import Appointment, Attestation, Dossier

from .test_agenda import form_data as appointment_data
from .test_attestations import attest
from .test_attestations import form_data as attestation_data

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def field_errors(page: str, name: str) -> list[str]:
    """The messages shown under the fieldset `id_<name>`."""
    block = re.search(rf'id="id_{name}-desc-error"[^>]*>(.*?)</div>', page, re.S)
    return re.findall(r'fr-message--error">([^<]*)<', block[1]) if block else []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/11/2026", datetime.date(2026, 11, 3)),
        ("3/11/2026", datetime.date(2026, 11, 3)),
        ("2026-11-03", datetime.date(2026, 11, 3)),
    ],
)
def test_a_date_is_typed_the_french_way_or_iso(typed, expected):
    assert FrenchDateField().clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "La date 31/02/2026 n'existe pas : vérifiez le jour et le mois."),
        ("11/03/26", "Saisissez une date au format jj/mm/aaaa, par exemple 31/12/2026."),
        ("3 novembre", "Saisissez une date au format jj/mm/aaaa, par exemple 31/12/2026."),
    ],
)
def test_a_wrong_date_is_refused_in_french(typed, message):
    with pytest.raises(ValidationError) as refused:
        FrenchDateField().clean(typed)
    assert refused.value.messages == [message]


@pytest.mark.parametrize(("typed", "expected"), [("09:30", datetime.time(9, 30)), ("9h30", datetime.time(9, 30))])
def test_a_time_is_typed_hh_mm(typed, expected):
    assert FrenchTimeField().clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("25:00", "L'heure 25:00 n'existe pas : saisissez une heure entre 00:00 et 23:59."),
        ("9.30 AM", "Saisissez une heure au format HH:MM, par exemple 09:30."),
    ],
)
def test_a_wrong_time_is_refused_in_french(typed, message):
    with pytest.raises(ValidationError) as refused:
        FrenchTimeField().clean(typed)
    assert refused.value.messages == [message]


def test_a_missing_half_of_a_session_is_named():
    field = SessionDateTimeField(label="Date de début")
    with pytest.raises(ValidationError) as no_time:
        field.clean(["03/11/2026", ""])
    assert no_time.value.messages == ["Saisissez l'heure, au format HH:MM."]
    with pytest.raises(ValidationError) as nothing:
        field.clean(["", ""])
    assert nothing.value.messages == ["Saisissez la date et l'heure."]


@pytest.mark.parametrize("form_class", [AttestationForm, AppointmentForm])
def test_both_forms_show_text_inputs_with_their_format_hints(form_class, candidate):
    initial = {"start": datetime.datetime(2026, 11, 3, 9, 30), "end": datetime.datetime(2026, 11, 3, 12, 0)}
    html = str(form_class(initial=initial, dossiers=Dossier.objects.all())["start"].as_field_group())
    assert 'type="date"' not in html and 'type="time"' not in html
    assert 'name="start_0" id="id_start_0" value="03/11/2026"' in html
    assert 'name="start_1" id="id_start_1" value="09:30"' in html
    assert "Format attendu : jj/mm/aaaa" in html and "Format attendu : HH:MM, par exemple 09:30" in html
    assert html.count("fr-col-12 fr-col-sm-6") == 2  # « Date » and « Heure » on one row, stacked on a phone


def test_the_attestation_form_accepts_what_a_user_types(client, counsellor, candidate):
    client.force_login(counsellor)
    data = attestation_data(candidate.dossier, ("03/11/2026", "09:30"), ("03/11/2026", "11:00"))
    client.post(reverse("attestations:add"), data)
    attestation = Attestation.objects.get()
    assert attestation.start == datetime.datetime(2026, 11, 3, 9, 30, tzinfo=PARIS)
    assert attestation.duration_minutes == 90


def test_the_attestation_form_refuses_a_nonexistent_date_and_time_next_to_the_field(client, counsellor, candidate):
    client.force_login(counsellor)
    data = attestation_data(candidate.dossier, ("31/02/2026", "09:30"), ("03/11/2026", "25:00"))
    page = client.post(reverse("attestations:add"), data).content.decode()
    assert not Attestation.objects.exists()
    assert field_errors(page, "start") == ["La date 31/02/2026 n&#x27;existe pas : vérifiez le jour et le mois."]
    assert field_errors(page, "end") == [
        "L&#x27;heure 25:00 n&#x27;existe pas : saisissez une heure entre 00:00 et 23:59."
    ]
    assert 'value="31/02/2026"' in page and 'value="25:00"' in page  # what was typed, to correct it
    assert 'id="id_start_0" value="31/02/2026" autocomplete="off" spellcheck="false" aria-invalid="true"' in page
    assert 'id="id_start_1" value="09:30" autocomplete="off" spellcheck="false" required>' in page  # only the wrong one
    assert 'id="id_end_1" value="25:00" autocomplete="off" spellcheck="false" aria-invalid="true"' in page


def test_a_session_the_service_refuses_marks_both_inputs(client, counsellor, candidate):
    client.force_login(counsellor)
    data = attestation_data(candidate.dossier, ("03/11/2026", "12:00"), ("03/11/2026", "09:00"))
    page = client.post(reverse("attestations:add"), data).content.decode()
    assert field_errors(page, "end") == ["La fin de la séance doit être après son début."]
    assert 'id="id_end_0" value="03/11/2026" autocomplete="off" spellcheck="false" aria-invalid="true"' in page
    assert 'id="id_end_1" value="09:00" autocomplete="off" spellcheck="false" aria-invalid="true"' in page


def test_the_appointment_form_accepts_what_a_user_types(client, counsellor, candidate):
    client.force_login(counsellor)
    client.post(
        reverse("agenda:add"), appointment_data(candidate.dossier, day="03/11/2026", start="09:30", end="10:30")
    )
    appointment = Appointment.objects.get()
    assert appointment.start == datetime.datetime(2026, 11, 3, 9, 30, tzinfo=PARIS)
    assert appointment.end == datetime.datetime(2026, 11, 3, 10, 30, tzinfo=PARIS)


def test_the_appointment_form_refuses_a_nonexistent_date_and_time_next_to_the_field(client, counsellor, candidate):
    client.force_login(counsellor)
    data = appointment_data(candidate.dossier, day="31/02/2026", start="25:00", end="10:30", end_day="03/11/2026")
    page = client.post(reverse("agenda:add"), data).content.decode()
    assert not Appointment.objects.exists()
    assert field_errors(page, "start") == [
        "La date 31/02/2026 n&#x27;existe pas : vérifiez le jour et le mois.",
        "L&#x27;heure 25:00 n&#x27;existe pas : saisissez une heure entre 00:00 et 23:59.",
    ]
    assert field_errors(page, "end") == []
    assert 'value="31/02/2026"' in page and 'value="25:00"' in page


def test_the_month_filter_reads_novembre_2026(client, counsellor, candidate):
    attest(
        candidate,
        counsellor,
        datetime.datetime(2026, 11, 3, 9, tzinfo=PARIS),
        datetime.datetime(2026, 11, 3, 10, 30, tzinfo=PARIS),
    )
    client.force_login(counsellor)
    page = client.get(reverse("attestations:list"), {"mois": "2026-11"}).content.decode()
    assert '<option value="2026-11" selected>novembre 2026</option>' in page
    assert ">2026-11<" not in page
