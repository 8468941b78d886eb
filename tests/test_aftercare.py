"""After the bilan: the daily job schedules the follow-up and the appreciation of ended bilans, invites
and reminds at their dates (once), the counsellor closes a bilan from its page, and reads the
appreciations only as aggregates of at least five answers."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from candidates.daily.models import DailyRun
from candidates.daily.services import STEPS, daily_run
from candidates.followup.models import FollowUp
from candidates.followup.selectors import followups_due
from candidates.followup.services import followup_due_on
from candidates.models import Dossier
from candidates.retention.services import purge_aftercare
from candidates.satisfaction import selectors as satisfaction_selectors
from candidates.satisfaction.models import SatisfactionResponse
from candidates.satisfaction.services import satisfaction_answer, satisfaction_schedule
from phases.models import FollowUpPage, SatisfactionPage

from .factories import PASSWORD, CandidateFactory

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 12, 31)  # the factories' bilans end on this day
PARIS = datetime.timezone(datetime.timedelta(hours=1))


def at(day: datetime.date, hour: int = 6) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def run(day: datetime.date, **kwargs):
    return daily_run(today=day, now=lambda: at(day), **kwargs)


def links_of(message) -> list[str]:
    return [word for word in message.body.split() if word.startswith("http")]


def test_the_daily_job_schedules_the_follow_up_of_an_ended_bilan_and_sends_it_at_its_date_once(candidate):
    assert run(END).ran  # the last day of the bilan: nothing to schedule yet
    assert not FollowUp.objects.exists()

    run(END + datetime.timedelta(days=1))
    followup = FollowUp.objects.get(dossier=candidate.dossier)
    assert followup.due_on == datetime.date(2027, 6, 30)  # six months (Paramètres) after the end
    assert (followup.dabm, followup.counsellor) == (candidate.dossier.dabm, candidate.dossier.counsellor)
    assert not [m for m in mail.outbox if candidate.email in m.to and "quelques mois" in m.subject]

    run(datetime.date(2027, 6, 29))
    assert not [m for m in mail.outbox if "quelques mois" in m.subject]
    run(datetime.date(2027, 6, 30))
    run(datetime.date(2027, 7, 1))
    run(datetime.date(2027, 6, 30), force=True)  # a day run again sends nothing twice
    invitations = [m for m in mail.outbox if "quelques mois" in m.subject]
    assert len(invitations) == 1 and invitations[0].to == [candidate.email]
    assert links_of(invitations[0]) == ["http://testserver" + reverse("followup:answer")]
    assert "Lucas" in invitations[0].body and FollowUp.objects.count() == 1


def test_the_counsellor_closes_a_bilan_and_its_aftercare_is_scheduled_at_once(client, candidate, counsellor):
    dossier = candidate.dossier
    client.force_login(counsellor)
    page = client.get(reverse("dossiers:candidate", args=[dossier.pk])).content.decode()
    assert "Clore le bilan" in page

    url = reverse("dossiers:candidate_close", args=[dossier.pk])
    confirmation = client.get(url).content.decode()
    assert "Bilan mené à son terme" in confirmation and "Bilan abandonné" in confirmation
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Choisissez comment le bilan s&#x27;est terminé." in refused.content.decode()
    assert not Dossier.objects.get(pk=dossier.pk).closed_on

    response = client.post(url, {"outcome": Dossier.Outcome.ABANDONED}, follow=True)
    page = response.content.decode()
    today = timezone.localdate()
    assert f"Bilan clos le {today:%d/%m/%Y} (Bilan abandonné)" in page and "Le bilan de Lucas BERNARD est clos." in page
    assert "Clore le bilan</a>" not in page
    followup = FollowUp.objects.get(dossier=dossier)
    assert followup.due_on == followup_due_on(today, 6)  # six months later (Paramètres)
    assert "Proposer un rendez-vous de suivi" in page and f"Prévu le <strong>{followup.due_on:%d/%m/%Y}" in page
    assert SatisfactionResponse.objects.filter(dossier=dossier, answered_at=None).exclude(invited_at=None).exists()
    invitations = [message.subject for message in mail.outbox if message.to == [candidate.email]]
    assert invitations == ["Votre avis sur votre bilan de compétences"]  # at once, not at the next daily run


def test_the_follow_up_is_answered_from_the_dashboard_and_joins_the_dossier(client, candidate, counsellor):
    due = FollowUp.objects.create(
        dossier=candidate.dossier, dabm=candidate.dossier.dabm, counsellor=counsellor, due_on=timezone.localdate()
    )
    assert list(followups_due(counsellor, timezone.localdate())) == [due]
    client.force_login(candidate)
    assert "Répondre au questionnaire de suivi" in client.get(reverse("dashboard")).content.decode()
    page = FollowUpPage.objects.get()
    steps = next(child for child in page.question_children if child.block.name == "long_text")
    url = reverse("followup:answer")
    assert client.post(url, {steps.id: "Une formation"}).status_code == 400  # the situation is asked first
    client.post(url, {"situation": "en_formation", steps.id: "Inscrit en CAP cuisine"})
    due.refresh_from_db()
    assert due.situation == FollowUp.Situation.EN_FORMATION and due.answers[steps.id] == "Inscrit en CAP cuisine"
    assert not followups_due(counsellor, timezone.localdate()).exists()

    client.force_login(counsellor)
    dossier_page = client.get(reverse("dossiers:candidate", args=[candidate.dossier.pk])).content.decode()
    assert "En formation" in dossier_page and "Inscrit en CAP cuisine" in dossier_page


def test_satisfaction_reminders_come_at_7_and_14_days_and_stop_once_answered(candidate):
    other = CandidateFactory(first_name="Inès")
    run(END + datetime.timedelta(days=1))
    subjects = lambda person: [m.subject for m in mail.outbox if m.to == [person.email]]  # noqa: E731
    assert subjects(candidate) == ["Votre avis sur votre bilan de compétences"]
    for day in range(2, 22):
        run(END + datetime.timedelta(days=day))
        if day == 10:
            response = SatisfactionResponse.objects.get(dossier=candidate.dossier)
            satisfaction_answer(candidate=candidate, response=response, answers={}, now=at(END))
    reminder = "Rappel : votre avis sur votre bilan de compétences"
    assert subjects(candidate) == ["Votre avis sur votre bilan de compétences", reminder]  # none after answering
    assert subjects(other) == ["Votre avis sur votre bilan de compétences", reminder, reminder]
    assert SatisfactionResponse.objects.get(dossier=other.dossier).reminders_sent == 2


def _answered(count: int, counsellor, rating: int = 4):
    page = SatisfactionPage.objects.get()
    scale = page.question_children[0]
    text = page.question_children[-1]
    item_id = scale.block.part_labels(scale.value)[0][0]
    for number in range(count):
        dossier = CandidateFactory(dossier__counsellor=counsellor).dossier
        response = satisfaction_schedule(dossier=dossier)
        answers = {scale.id: {item_id: rating if number else 2}, text.id: f"Mon avis secret {number}"}
        satisfaction_answer(candidate=dossier.candidate, response=response, answers=answers, now=timezone.now())


def test_four_answers_show_no_figures(client, counsellor):
    _answered(4, counsellor)
    client.force_login(counsellor)
    page = client.get(reverse("satisfaction:results")).content.decode()
    assert "Les résultats s'affichent à partir de 5 réponses (4 pour l'instant)." in page
    assert "Moyenne" not in page and "Mon avis secret" not in page


def test_five_answers_show_means_and_distributions_never_one_candidates_text(client, counsellor):
    _answered(5, counsellor)  # ratings 2, 4, 4, 4, 4
    client.force_login(counsellor)
    page = client.get(reverse("satisfaction:results")).content.decode()
    assert '<td role="cell" data-label="Moyenne"><strong>3,6</strong> / 5</td>' in page
    assert "<li>4 : 4 (80 %)</li>" in page and "<li>2 : 1 (20 %)</li>" in page
    assert "Mon avis secret" not in page and "5 réponses rédigées" in page


def test_without_anonymity_the_texts_are_listed_without_names(client, counsellor, settings_row):
    settings_row.satisfaction_anonymous = False
    settings_row.save()
    _answered(5, counsellor)
    client.force_login(counsellor)
    page = client.get(reverse("satisfaction:results")).content.decode()
    assert "Mon avis secret 3" in page


def test_the_summary_reads_the_answers_in_one_query(counsellor, django_assert_num_queries):
    _answered(6, counsellor)
    page = SatisfactionPage.objects.get()
    page.question_children  # noqa: B018 - parsed once per process, like a phase's
    with django_assert_num_queries(1):
        summaries = satisfaction_selectors.satisfaction_summary(SatisfactionResponse.objects.all(), page)
    assert len(summaries) == 10 and summaries[0].count == 6 and summaries[-1].texts == []


def test_the_daily_job_runs_once_a_day_and_refuses_a_run_that_holds_the_day(candidate, capsys):
    today = timezone.localdate()
    DailyRun.objects.create(day=today, started_at=timezone.now())  # another run holds the lock
    call_command("run_daily_jobs")
    assert "est en cours" in capsys.readouterr().out
    assert DailyRun.objects.get().steps == []

    DailyRun.objects.all().delete()
    call_command("run_daily_jobs")
    out = capsys.readouterr().out
    assert out.count("OK — ") == len(STEPS) and "terminées" in out
    done = DailyRun.objects.get()
    assert done.finished_at and not done.failed and [step["step"] for step in done.steps] == [s[0] for s in STEPS]
    call_command("run_daily_jobs")
    assert "a déjà eu lieu" in capsys.readouterr().out and DailyRun.objects.count() == 1


def test_a_failing_step_is_recorded_the_others_run_and_the_command_fails(candidate):
    def broken(**kwargs):
        raise RuntimeError("relais SMTP en panne")

    steps = [("Étape cassée", broken), *STEPS]
    outcome = run(END + datetime.timedelta(days=1), steps=steps)
    assert outcome.run.failed and outcome.run.steps[0] == {
        "step": "Étape cassée",
        "ok": False,
        "detail": "RuntimeError : relais SMTP en panne",
    }
    assert all(step["ok"] for step in outcome.run.steps[1:]) and FollowUp.objects.exists()


def test_the_command_exits_non_zero_when_a_step_fails(candidate, monkeypatch):
    from candidates.daily import services

    def broken(**kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(services, "STEPS", [("Étape cassée", broken)])
    with pytest.raises(CommandError, match="au moins une étape a échoué"):
        call_command("run_daily_jobs")


def test_the_purge_detaches_the_aftercare_and_an_ended_bilans_candidate_still_reaches_the_follow_up(client, candidate):
    dossier = candidate.dossier
    run(END + datetime.timedelta(days=1))
    run(END + datetime.timedelta(days=40))  # the working documents' purge
    satisfaction = SatisfactionResponse.objects.get()
    assert satisfaction.dossier is None and satisfaction.dabm == dossier.dabm
    followup = FollowUp.objects.get()
    assert followup.dossier == dossier  # not answered yet: still the candidate's

    FollowUp.objects.filter(pk=followup.pk).update(due_on=timezone.localdate())
    assert client.login(username=candidate.username, password=PASSWORD)
    assert client.get(reverse("followup:answer")).status_code == 200
    FollowUp.objects.filter(pk=followup.pk).update(
        situation="en_emploi", answers={"x": "texte"}, answered_at=at(datetime.date(2027, 7, 1))
    )
    assert purge_aftercare(today=datetime.date(2027, 7, 20)).followups == 0  # read by the counsellor meanwhile
    assert purge_aftercare(today=datetime.date(2027, 8, 15)).followups == 1
    followup.refresh_from_db()
    assert (followup.dossier, followup.answers, followup.situation) == (None, {}, "en_emploi")
