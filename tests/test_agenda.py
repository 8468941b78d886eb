"""*Agenda*: rendez-vous created, moved and cancelled by the counsellor, seen by the candidate, their
rules, the .ics (one rendez-vous, and the private subscription feed), the e-mails, who sees what, and
the attestation de présence prefilled from a past rendez-vous."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from candidates.agenda import services as agenda_services
from candidates.models import Appointment, AuditEvent, CalendarFeed

from .factories import CandidateFactory, CounsellorFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("serveur de courriel injoignable")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def days_from_today(days: int, hour: int = 10) -> datetime.datetime:
    """A rendez-vous `days` days from today at a fixed hour: an hour-long one never crosses midnight,
    whatever the time the tests run."""
    return at(timezone.localdate() + datetime.timedelta(days=days), hour)


TUESDAY = datetime.date(2026, 3, 31)  # summer time: 09:00 in Paris is 07:00 UTC


def form_data(dossier=None, day="31/03/2026", start="09:00", end="10:30", **extra):
    data = {
        "start_0": day,
        "start_1": start,
        "end_0": extra.pop("end_day", day),
        "end_1": end,
        "modality": "presentiel",
        "meeting_link": "",
        "place": "",
        "subject": "Entretien de suivi",
        "phase": "",
        "notes": "A relancé sa formation.",
    }
    if dossier is not None:
        data["dossier"] = dossier.pk
    return {**data, **extra}


def schedule(candidate, counsellor, start=None, end=None, **extra):
    start = start or at(TUESDAY, 9)
    fields = {
        "modality": "presentiel",
        "meeting_link": "",
        "place": "",
        "subject": "Entretien de suivi",
        "phase": None,
        "notes": "Notes privées du conseiller",
    }
    return agenda_services.appointment_create(
        counsellor=counsellor,
        dossier=candidate.dossier,
        start=start,
        end=end or start + datetime.timedelta(hours=1),
        **{**fields, **extra},
    )


def parse(data) -> tuple:
    calendar = Calendar.from_ical(data)
    return calendar, calendar.walk("VEVENT")[0]


# Creating ---------------------------------------------------------------------------------------


def test_a_counsellor_schedules_a_rendez_vous_and_the_candidate_gets_it_by_email(client, counsellor, candidate):
    client.force_login(counsellor)
    response = client.post(reverse("agenda:add"), form_data(candidate.dossier), follow=True)
    appointment = Appointment.objects.get()
    assert response.redirect_chain[-1][0] == reverse("agenda:week") + "?semaine=2026-03-30"
    assert appointment.start == datetime.datetime(2026, 3, 31, 7, 0, tzinfo=UTC)
    assert appointment.end == datetime.datetime(2026, 3, 31, 8, 30, tzinfo=UTC)
    assert appointment.counsellor == counsellor and appointment.sequence == 0 and appointment.cancelled_at is None
    page = response.content.decode()
    assert "Le rendez-vous du mardi 31/03/2026 à 09:00 avec Lucas BERNARD est enregistré." in page
    assert "09:00 – 10:30" in page and "Entretien de suivi" in page

    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert message.subject == "Rendez-vous le mardi 31/03/2026 à 09:00"
    assert "de 09:00 à 10:30" in message.body and "Entretien de suivi" in message.body
    assert "A relancé" not in message.body  # the counsellor's notes stay private
    # Sent from the portal's no-reply address: the counsellor is named, with an address to write to.
    assert f"prévenez votre conseiller au plus tôt : Claire BOAD, {counsellor.email}" in message.body
    assert message.reply_to == [counsellor.email]
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("rendez-vous.ics", "text/calendar")
    calendar, event = parse(content)
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == f"{appointment.uid}@monbilanenligne"


def test_the_form_preselects_the_candidate_of_the_dossier(client, counsellor, candidate):
    CandidateFactory(last_name="AUTRE", dossier__counsellor=counsellor)
    client.force_login(counsellor)
    page = client.get(reverse("agenda:add"), {"dossier": candidate.dossier.pk}).content.decode()
    assert "Nouveau rendez-vous" in page
    assert f'<option value="{candidate.dossier.pk}" selected>Lucas BERNARD' in page
    for label in (
        "Date de début",
        "Date de fin",
        "Modalité",
        "A distance",
        "Présentiel",
        "Lien de la visioconférence",
        "Lieu",
        "Par défaut, l'adresse du DABM",
        "Objet",
        "Phase",
        "Notes",
    ):
        assert label in page, label


def test_only_the_counsellors_own_candidates_are_offered(client, counsellor, candidate):
    stranger = CandidateFactory(last_name="ETRANGER")
    client.force_login(counsellor)
    page = client.get(reverse("agenda:add")).content.decode()
    assert "Lucas BERNARD" in page and "ETRANGER" not in page
    response = client.post(reverse("agenda:add"), form_data(stranger.dossier))
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_on_site_without_a_place_is_at_the_dabm(candidate, counsellor):
    dabm = candidate.dossier.dabm
    dabm.name, dabm.address = "NÎMES", "12 rue de la République\n30000 Nîmes"
    dabm.save()
    appointment = schedule(candidate, counsellor)
    assert appointment.place == "NÎMES, 12 rue de la République, 30000 Nîmes"
    assert schedule(candidate, counsellor, place="Salle 3").place == "Salle 3"
    remote = schedule(candidate, counsellor, modality="a_distance", meeting_link="https://visio.exemple.fr/abc")
    assert remote.place == ""


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"start": "10:00", "end": "09:00"}, "end", "La fin du rendez-vous doit être après son début."),
        ({"start": "10:00", "end": "10:00"}, "end", "La fin du rendez-vous doit être après son début."),
        ({"end_day": "01/04/2026"}, "end", "Un rendez-vous commence et finit le même jour."),
        ({"modality": "a_distance"}, "meeting_link", "Indiquez le lien de la visioconférence"),
        ({"modality": "a_distance", "meeting_link": "pas un lien"}, "meeting_link", "Saisissez une URL valide."),
        ({"subject": ""}, "subject", "Champ requis."),
        ({"modality": ""}, "modality", "Champ requis."),
    ],
)
def test_the_rules_are_explained_next_to_the_field(client, counsellor, candidate, extra, field, message):
    client.force_login(counsellor)
    response = client.post(reverse("agenda:add"), form_data(candidate.dossier, **extra))
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    page = response.content.decode()
    assert "Le formulaire contient" in page
    assert 'value="Entretien de suivi"' in page or not extra.get("subject", "x")  # what was typed stays
    assert not Appointment.objects.exists()
    assert not mail.outbox


def test_a_phase_outside_the_modularisation_is_refused(candidate, counsellor, phases):
    candidate.dossier.phases.set(phases[:2])
    assert schedule(candidate, counsellor, phase=phases[1]).phase == phases[1]
    with pytest.raises(ValidationError) as error:
        schedule(candidate, counsellor, phase=phases[5])
    assert "phase" in error.value.message_dict


def test_the_service_refuses_another_counsellors_dossier(candidate):
    with pytest.raises(ValidationError) as error:
        schedule(candidate, CounsellorFactory())
    assert error.value.message_dict["dossier"] == ["Ce candidat n'est pas l'un des vôtres."]
    assert not Appointment.objects.exists()


# Week view and upcoming list -----------------------------------------------------------------------


def test_the_week_view_goes_from_monday_to_sunday(client, counsellor, candidate):
    schedule(candidate, counsellor)  # Tuesday 31/03/2026
    schedule(candidate, counsellor, start=at(datetime.date(2026, 4, 6), 14), subject="Plus tard")
    client.force_login(counsellor)
    page = client.get(reverse("agenda:week"), {"semaine": "2026-04-02"}).content.decode()
    assert "Semaine du 30/03/2026 au 05/04/2026" in page
    for day in (
        "lundi 30/03",
        "mardi 31/03",
        "mercredi 01/04",
        "jeudi 02/04",
        "vendredi 03/04",
        "samedi 04/04",
        "dimanche 05/04",
    ):
        assert day in page, day
    assert "Entretien de suivi" in page and "Plus tard" not in page
    assert "?semaine=2026-03-23" in page and "?semaine=2026-04-06" in page
    assert "‹ Semaine précédente" in page and "Semaine suivante ›" in page


def test_an_invalid_week_shows_this_week(client, counsellor):
    client.force_login(counsellor)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    page = client.get(reverse("agenda:week"), {"semaine": "n'importe quoi"}).content.decode()
    assert f"Semaine du {monday:%d/%m/%Y}" in page


def test_upcoming_list_and_empty_states(client, counsellor, candidate):
    client.force_login(counsellor)
    page = client.get(reverse("agenda:week")).content.decode()
    assert "Aucun rendez-vous à venir." in page and "Nouveau rendez-vous" in page
    schedule(candidate, counsellor, start=days_from_today(2, hour=9), subject="A venir")
    schedule(candidate, counsellor, start=days_from_today(-8, hour=9), subject="Passé")
    page = client.get(reverse("agenda:week")).content.decode()
    upcoming = page.split('id="upcoming-title"')[1].split('id="abonnement"')[0]
    assert "A venir" in upcoming and "Passé" not in upcoming
    assert "Lucas BERNARD" in upcoming


def test_the_agenda_page_keeps_a_fixed_number_of_queries(client, counsellor, django_assert_max_num_queries):
    for _ in range(5):
        other = CandidateFactory(dossier__counsellor=counsellor)
        schedule(other, counsellor, start=days_from_today(1))
    client.force_login(counsellor)
    with django_assert_max_num_queries(12):
        client.get(reverse("agenda:week"))


# Who sees what -------------------------------------------------------------------------------------


@pytest.fixture
def appointment(candidate, counsellor):
    return schedule(candidate, counsellor)


@pytest.mark.parametrize(
    ("name", "post_status"),
    # a read-only page refuses POST before looking anything up (405 whatever the id: nothing confirmed)
    [("agenda:detail", 405), ("agenda:edit", 404), ("agenda:cancel", 404), ("agenda:ics", 405)],
)
def test_another_counsellor_gets_a_404(client, appointment, name, post_status):
    client.force_login(CounsellorFactory())
    assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    assert client.post(reverse(name, args=[appointment.pk])).status_code == post_status
    assert client.post(reverse(name, args=[appointment.pk + 1000])).status_code == post_status
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None and appointment.sequence == 0


@pytest.mark.parametrize("name", ["agenda:edit", "agenda:cancel"])
def test_a_candidate_cannot_change_their_rendez_vous(client, candidate, appointment, name):
    client.force_login(candidate)
    assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    assert client.post(reverse(name, args=[appointment.pk]), form_data()).status_code == 404
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None and appointment.sequence == 0


def test_a_candidate_cannot_create_one(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("agenda:add")).status_code == 404
    assert client.post(reverse("agenda:add"), form_data(candidate.dossier)).status_code == 404
    assert not Appointment.objects.exists()


def test_a_candidate_sees_only_theirs_read_only(client, counsellor, candidate):
    start = days_from_today(1)
    mine = schedule(candidate, counsellor, start=start, subject="Mon entretien")
    other = CandidateFactory(dossier__counsellor=counsellor)
    theirs = schedule(other, counsellor, start=start + datetime.timedelta(hours=2), subject="Pas le mien")
    client.force_login(candidate)
    page = client.get(reverse("agenda:week")).content.decode()
    assert "Mon entretien" in page and "Pas le mien" not in page
    assert "Nouveau rendez-vous" not in page and "Modifier" not in page
    detail = client.get(reverse("agenda:detail", args=[mine.pk])).content.decode()
    assert "Mon entretien" in detail and "Notes privées" not in detail
    assert "Annuler le rendez-vous" not in detail and "Modifier" not in detail
    assert client.get(reverse("agenda:ics", args=[mine.pk])).status_code == 200
    for name in ("agenda:detail", "agenda:ics"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_a_cancelled_rendez_vous_is_marked_for_the_candidate(client, counsellor, candidate):
    appointment = schedule(candidate, counsellor, start=days_from_today(1))
    agenda_services.appointment_cancel(appointment=appointment)
    client.force_login(candidate)
    page = client.get(reverse("agenda:week")).content.decode()
    assert "Annulé" in page


@pytest.mark.parametrize("name", ["agenda:week", "agenda:add"])
def test_anonymous_visitors_are_sent_to_the_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitors_cannot_download_an_ics(client, appointment):
    response = client.get(reverse("agenda:ics", args=[appointment.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_people_without_an_agenda_get_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("agenda:week")).status_code == 404


def test_links_from_my_account_and_the_candidate_page(client, counsellor, candidate):
    client.force_login(counsellor)
    assert reverse("agenda:week") in client.get(reverse("accounts:account")).content.decode()
    page = client.get(reverse("dossiers:candidate", args=[candidate.dossier.pk])).content.decode()
    assert f"{reverse('agenda:add')}?dossier={candidate.dossier.pk}" in page
    client.force_login(candidate)
    assert reverse("agenda:week") in client.get(reverse("accounts:account")).content.decode()


# The .ics ------------------------------------------------------------------------------------------


def test_the_ics_is_an_invitation_at_the_right_time_in_paris(client, counsellor, candidate, phases):
    candidate.dossier.phases.set(phases[:1])
    appointment = schedule(
        candidate, counsellor, modality="a_distance", meeting_link="https://visio.exemple.fr/abc", phase=phases[0]
    )
    client.force_login(counsellor)
    response = client.get(reverse("agenda:ics", args=[appointment.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="rendez-vous.ics"'
    calendar, event = parse(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] and calendar["METHOD"] == "REQUEST"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 3, 31, 7, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime.datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    assert event["UID"] == f"{appointment.uid}@monbilanenligne"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert event["LOCATION"] == "https://visio.exemple.fr/abc"
    assert str(event["ORGANIZER"]) == f"mailto:{counsellor.email}"
    description = str(event["DESCRIPTION"])
    assert "Entretien de suivi" in description and phases[0].title in description
    assert "https://visio.exemple.fr/abc" in description and "Notes privées" not in description
    assert "Notes privées" not in response.content.decode()


def test_winter_time_is_one_hour_from_utc(candidate, counsellor):
    from candidates.agenda.calendar import appointment_ics

    appointment = schedule(candidate, counsellor, start=at(datetime.date(2026, 1, 13), 9))
    _calendar, event = parse(appointment_ics(appointment))
    assert event.decoded("DTSTART") == datetime.datetime(2026, 1, 13, 8, 0, tzinfo=UTC)


# Changing and cancelling -----------------------------------------------------------------------------


def test_moving_a_rendez_vous_updates_the_sequence_and_tells_the_candidate(client, counsellor, appointment):
    client.force_login(counsellor)
    page = client.get(reverse("agenda:edit", args=[appointment.pk])).content.decode()
    assert 'value="31/03/2026"' in page and 'value="09:00"' in page and "Entretien de suivi" in page
    response = client.post(
        reverse("agenda:edit", args=[appointment.pk]), form_data(start="14:00", end="15:00"), follow=True
    )
    assert "Le rendez-vous est modifié : le mardi 31/03/2026 à 14:00." in response.content.decode()
    uid = appointment.uid
    appointment.refresh_from_db()
    assert appointment.uid == uid and appointment.sequence == 1
    assert appointment.start == datetime.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    (message,) = mail.outbox
    assert message.subject == "Rendez-vous modifié : le mardi 31/03/2026 à 14:00"
    _calendar, event = parse(message.attachments[0][1])
    assert event["SEQUENCE"] == 1 and event["UID"] == f"{uid}@monbilanenligne"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def test_an_invalid_move_changes_nothing(client, counsellor, appointment):
    client.force_login(counsellor)
    response = client.post(reverse("agenda:edit", args=[appointment.pk]), form_data(start="15:00", end="14:00"))
    assert response.status_code == 400
    appointment.refresh_from_db()
    assert appointment.sequence == 0 and appointment.start == at(TUESDAY, 9)
    assert not mail.outbox


def test_cancelling_asks_first_then_marks_it_cancelled(client, counsellor, candidate, appointment):
    client.force_login(counsellor)
    url = reverse("agenda:cancel", args=[appointment.pk])
    page = client.get(url).content.decode()
    assert "Annuler le rendez-vous du mardi 31/03/2026 de 09:00 à 10:00" in page
    assert "Lucas BERNARD" in page
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None

    response = client.post(url, follow=True)
    assert "Le rendez-vous du mardi 31/03/2026 à 09:00 est annulé." in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.cancelled_at is not None and appointment.sequence == 1
    (message,) = mail.outbox
    assert message.subject == "Rendez-vous annulé : le mardi 31/03/2026 à 09:00"
    calendar, event = parse(message.attachments[0][1])
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1

    _calendar, event = parse(client.get(reverse("agenda:ics", args=[appointment.pk])).content)
    assert event["STATUS"] == "CANCELLED"
    edit = client.get(reverse("agenda:edit", args=[appointment.pk]), follow=True)
    assert "il ne peut plus être modifié" in edit.content.decode()
    client.post(url)
    appointment.refresh_from_db()
    assert appointment.sequence == 1 and len(mail.outbox) == 1


def test_a_failing_mail_server_keeps_the_rendez_vous_and_tells_the_administrators(
    client, counsellor, candidate, settings, caplog
):
    """The message is a task, retried; the counsellor is not held up by the mail server, and once every
    try has failed (at once with the tests' immediate backend) the journal says so."""
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    client.force_login(counsellor)
    response = client.post(reverse("agenda:add"), form_data(candidate.dossier), follow=True)
    assert response.status_code == 200
    appointment = Appointment.objects.get()
    assert "pas pu être prévenu" not in response.content.decode()
    assert "abandonné après 5 essais" in caplog.text
    response = client.post(reverse("agenda:cancel", args=[appointment.pk]), follow=True)
    appointment.refresh_from_db()
    assert appointment.cancelled_at is not None
    failures = AuditEvent.objects.filter(action=AuditEvent.Action.EMAIL_FAILED).values_list("detail", flat=True)
    assert sorted(detail.split(" → ")[0] for detail in failures) == [
        "candidates/agenda/emails/appointment_cancelled.txt",
        "candidates/agenda/emails/appointment_created.txt",
    ]
    assert not mail.outbox


def test_a_message_that_cannot_be_queued_warns_the_counsellor(client, counsellor, candidate, monkeypatch):
    monkeypatch.setattr("candidates.mail.send_email", None)  # queuing fails (as with the database down)
    client.force_login(counsellor)
    response = client.post(reverse("agenda:add"), form_data(candidate.dossier), follow=True)
    assert Appointment.objects.exists()
    assert "Le candidat n&#x27;a pas pu être prévenu par courriel" in response.content.decode()


# The subscription address ----------------------------------------------------------------------------


def test_the_subscription_address_works_until_it_is_revoked(client, counsellor, candidate):
    kept = schedule(candidate, counsellor, start=days_from_today(3), subject="A venir")
    schedule(candidate, counsellor, start=days_from_today(-10), subject="Récent")
    schedule(candidate, counsellor, start=days_from_today(-40), subject="Trop ancien")
    agenda_services.appointment_cancel(
        appointment=schedule(candidate, counsellor, start=days_from_today(4), subject="Annulé")
    )
    client.force_login(candidate)
    page = client.get(reverse("agenda:week")).content.decode()
    assert "S'abonner à mon agenda" in page and "Créer mon adresse d'abonnement" in page
    client.post(reverse("agenda:feed_create"))
    token = CalendarFeed.objects.get(user=candidate).token
    assert len(token) >= 43
    url = f"http://testserver/agenda/{token}.ics"
    page = client.get(reverse("agenda:week")).content.decode()
    assert url in page and "Révoquer cette adresse" in page

    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Bilan de compétences : A venir", "Bilan de compétences : Récent"]
    assert f"{kept.uid}@monbilanenligne" in response.content.decode()
    assert "Notes privées" not in response.content.decode()

    client.force_login(candidate)
    client.post(reverse("agenda:feed_revoke"))
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(candidate)
    client.post(reverse("agenda:feed_create"))
    new_token = CalendarFeed.objects.get(user=candidate).token
    assert new_token != token
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(f"/agenda/{new_token}.ics").status_code == 200


def test_the_counsellors_feed_names_the_candidates(client, counsellor, candidate):
    schedule(candidate, counsellor, start=days_from_today(1))
    feed = agenda_services.calendar_feed_token(user=counsellor)
    assert agenda_services.calendar_feed_token(user=counsellor).token == feed.token  # created once
    calendar = Calendar.from_ical(client.get(reverse("agenda:feed", args=[feed.token])).content)
    assert "Lucas BERNARD" in str(calendar.walk("VEVENT")[0]["SUMMARY"])


def test_an_unknown_address_and_a_get_to_create_are_refused(client, candidate):
    assert client.get("/agenda/inconnu.ics").status_code == 404
    client.force_login(candidate)
    assert client.get(reverse("agenda:feed_create")).status_code == 405
    assert not CalendarFeed.objects.exists()


# Attestation de présence from a past rendez-vous --------------------------------------------------------


def test_a_past_rendez_vous_prefills_the_attestation(client, counsellor, candidate):
    day = timezone.localdate() - datetime.timedelta(days=2)
    past = schedule(candidate, counsellor, start=at(day, 14), end=at(day, 16, 30))
    future = schedule(candidate, counsellor, start=at(day + datetime.timedelta(days=5), 9))
    client.force_login(counsellor)
    detail = client.get(reverse("agenda:detail", args=[past.pk])).content.decode()
    href = (
        f"{reverse('attestations:add')}?dossier={candidate.dossier.pk}"
        f"&amp;start={day:%Y-%m-%d}T14:00&amp;end={day:%Y-%m-%d}T16:30"
    )
    assert "Créer l'attestation de présence" in detail and href in detail
    assert "Créer l'attestation" not in client.get(reverse("agenda:detail", args=[future.pk])).content.decode()

    page = client.get(href.replace("&amp;", "&")).content.decode()
    assert f'value="{day:%d/%m/%Y}"' in page and 'value="14:00"' in page and 'value="16:30"' in page
    assert f'<option value="{candidate.dossier.pk}" selected>' in page
    ignored = client.get(reverse("attestations:add"), {"start": "hier", "end": "2026-13-45T99:00"}).content.decode()
    assert 'value="09:00"' in ignored and 'value="12:00"' in ignored
