"""*À suivre* on the counsellor's dashboard (its rows, filter and empty state) and *Envoyer un rappel*: a friendly
e-mail to the candidate, one per dossier in seven days, journalled; nobody else's dossier."""

import datetime
import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from candidates.alerts import services
from candidates.alerts.models import Reminder
from candidates.models import AuditEvent, Dossier

from .factories import CandidateFactory, CounsellorFactory

pytestmark = pytest.mark.django_db


def idle_candidate(counsellor, **fields):
    """A candidate whose running bilan started a month ago: nothing answered, no rendez-vous."""
    today = timezone.localdate()
    return CandidateFactory(
        dossier__counsellor=counsellor,
        dossier__start_date=today - datetime.timedelta(days=30),
        dossier__end_date=today + datetime.timedelta(days=60),
        **fields,
    )


def to_follow(client, **params) -> str:
    """The « À suivre » section of the dashboard."""
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index('id="a-suivre"') : page.index('id="beneficiaries-title"')]


def remind(client, dossier, **data):
    return client.post(reverse("alerts:remind", args=[dossier.pk]), data, follow=True)


# The section -----------------------------------------------------------------------------------------------------


def test_the_dashboard_lists_the_dossiers_to_follow_with_their_reasons_and_a_link(client, counsellor):
    candidate = idle_candidate(counsellor, last_name="MARTIN")
    client.force_login(counsellor)
    section = to_follow(client)
    assert "À suivre (1)" in section
    assert "MARTIN" in section
    assert reverse("dossiers:candidate", args=[candidate.dossier.pk]) in section
    assert "Aucune activité depuis le début du bilan" in section
    assert "Aucun rendez-vous prévu dans les 21 prochains jours" in section
    assert "Envoyer un rappel" in section


def test_nothing_to_follow_says_so(client, counsellor):
    client.force_login(counsellor)
    assert "Aucun dossier ne demande d'attention." in to_follow(client)


def test_the_filter_shows_the_dossiers_of_one_reason_and_ignores_crafted_values(client, counsellor):
    idle_candidate(counsellor, last_name="MARTIN")
    ending = idle_candidate(counsellor, last_name="DURAND")
    Dossier.objects.filter(pk=ending.dossier.pk).update(end_date=timezone.localdate() + datetime.timedelta(days=20))
    Dossier.objects.filter(pk=ending.dossier.pk).update(start_date=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(counsellor)

    everything = to_follow(client)
    assert "MARTIN" in everything and "DURAND" in everything
    assert "Sans activité (1)" in everything and "Sans rendez-vous (2)" in everything

    idle = to_follow(client, motif="inactivite")
    assert "MARTIN" in idle and "DURAND" not in idle
    assert 'href="?motif=inactivite#a-suivre" aria-current="true"' in idle

    for crafted in ("<script>", "inactivite' OR 1=1", "x" * 500, ""):
        section = to_follow(client, motif=crafted)
        assert "MARTIN" in section and "DURAND" in section
        assert "<script>" not in section


def test_a_filter_without_dossiers_says_so(client, counsellor):
    idle_candidate(counsellor)
    client.force_login(counsellor)
    assert "Aucun dossier pour ce motif." in to_follow(client, motif="heures")


# The reminder ----------------------------------------------------------------------------------------------------


def test_a_reminder_is_a_friendly_mail_replying_to_the_counsellor(client, counsellor):
    candidate = idle_candidate(counsellor, first_name="Lucas", last_name="BERNARD")
    client.force_login(counsellor)

    response = remind(client, candidate.dossier)

    assert "Rappel envoyé à Lucas BERNARD." in response.content.decode()
    [message] = mail.outbox
    assert message.to == [candidate.email]
    assert message.reply_to == [counsellor.email]
    assert message.subject == "Mon bilan en ligne : votre bilan de compétences vous attend"
    assert "Bonjour Lucas," in message.body and "Claire BOAD" in message.body
    assert "http://testserver/" in message.body
    assert "activité" not in message.body and "rendez-vous" not in message.body  # nothing of the reasons
    entry = AuditEvent.objects.get(action=AuditEvent.Action.REMINDER_SENT)
    assert (entry.actor, entry.dossier_id, entry.detail) == (counsellor, candidate.dossier.pk, "")


def test_after_a_reminder_the_row_says_when_and_a_second_submit_sends_nothing(client, counsellor):
    candidate = idle_candidate(counsellor)
    client.force_login(counsellor)
    remind(client, candidate.dossier)
    second = remind(client, candidate.dossier)

    assert len(mail.outbox) == 1
    today = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Un rappel a déjà été envoyé le {today}" in html.unescape(second.content.decode())
    section = to_follow(client)
    assert f"Rappel envoyé le {today}" in section
    assert "Envoyer un rappel" not in section
    assert Reminder.objects.count() == 1


def test_the_limit_is_one_reminder_per_dossier_in_seven_days(counsellor):
    dossier = idle_candidate(counsellor).dossier
    sent = timezone.make_aware(datetime.datetime(2026, 11, 2, 10, 0))
    services.reminder_send(counsellor=counsellor, dossier=dossier, now=sent)
    with pytest.raises(ValidationError) as refused:
        services.reminder_send(
            counsellor=counsellor, dossier=dossier, now=sent + datetime.timedelta(days=7, seconds=-1)
        )
    assert refused.value.messages == [
        "Un rappel a déjà été envoyé le 02/11/2026 ; le prochain pourra l'être à partir du 09/11/2026."
    ]
    services.reminder_send(counsellor=counsellor, dossier=dossier, now=sent + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    other = idle_candidate(counsellor).dossier  # the limit is per dossier
    services.reminder_send(counsellor=counsellor, dossier=other, now=sent + datetime.timedelta(days=7, seconds=2))
    assert len(mail.outbox) == 3


def test_a_candidate_without_an_email_cannot_be_reminded(client, counsellor):
    candidate = idle_candidate(counsellor, email="")
    client.force_login(counsellor)
    assert "Pas d'adresse de courriel pour un rappel" in to_follow(client)
    response = remind(client, candidate.dossier)
    assert "n'a pas d'adresse de courriel" in html.unescape(response.content.decode())
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_the_filter_is_kept_after_a_reminder(client, counsellor):
    candidate = idle_candidate(counsellor)
    client.force_login(counsellor)
    response = client.post(reverse("alerts:remind", args=[candidate.dossier.pk]), {"motif": "inactivite"})
    assert response.url == reverse("dashboard") + "?motif=inactivite#a-suivre"
    crafted = client.post(reverse("alerts:remind", args=[candidate.dossier.pk]), {"motif": "https://ailleurs.fr"})
    assert crafted.url == reverse("dashboard") + "#a-suivre"


def test_another_counsellors_dossier_is_not_found(client, counsellor):
    theirs = idle_candidate(CounsellorFactory())
    client.force_login(counsellor)
    assert client.post(reverse("alerts:remind", args=[theirs.dossier.pk])).status_code == 404
    assert client.get(reverse("alerts:remind", args=[theirs.dossier.pk])).status_code == 405
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_a_candidate_cannot_send_reminders(client, counsellor):
    candidate = idle_candidate(counsellor)
    client.force_login(candidate)
    assert client.post(reverse("alerts:remind", args=[candidate.dossier.pk])).status_code == 404
    assert mail.outbox == []


def test_the_ten_most_urgent_rows_then_a_link_to_all(client, counsellor):
    for index in range(12):
        idle_candidate(counsellor, last_name=f"NOM{index:02d}")
    client.force_login(counsellor)
    first = to_follow(client)
    assert first.count("data-alert=") == 10
    assert "Afficher tous les dossiers à suivre (2 de plus)" in first
    assert 'href="?tout=1#a-suivre"' in first
    assert to_follow(client, tout="1").count("data-alert=") == 12
    assert 'href="?motif=inactivite&amp;tout=1#a-suivre"' in to_follow(client, motif="inactivite")
