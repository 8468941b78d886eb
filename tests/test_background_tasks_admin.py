"""*Tâches de fond* and *Tâches quotidiennes*: administrators see what the workers have to do and what
failed, in the Wagtail admin, without the tasks' arguments (an e-mail's body is in them), and each day's
run of the daily jobs; nobody else finds the screens. The daily jobs clear the tasks finished long ago."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.tasks import update_reference_index_task

from candidates import access
from candidates import mail as portal_mail
from candidates.daily.models import DailyRun
from candidates.daily.services import daily_run

from .factories import PASSWORD, CounsellorFactory, UserFactory
from .test_mail_tasks import MESSAGE, RefusingBackend, run_queued_tasks

pytestmark = pytest.mark.django_db

LISTING = reverse("taches:index")


@pytest.fixture
def queue(database_tasks, settings):
    """A Wagtail task that fails (its model does not exist) and an e-mail the mail server refused once."""
    settings.EMAIL_BACKEND = f"{RefusingBackend.__module__}.RefusingBackend"
    update_reference_index_task.enqueue("nulle_part", "inconnu", 1)
    portal_mail.send_email.enqueue(**{**MESSAGE, "body": "Texte confidentiel du message."})
    run_queued_tasks()


def test_an_administrator_sees_the_failed_task_and_the_e_mail_waiting_for_its_second_try(client, administrator, queue):
    client.force_login(administrator)
    listing = client.get(LISTING).content.decode()
    assert "Wagtail : index des références" in listing and "En échec" in listing and "LookupError" in listing
    assert "Envoi d&#x27;un courriel" in listing and "En attente" in listing
    assert "Texte confidentiel" not in listing

    failed = client.get(LISTING, {"status": "FAILED"}).content.decode()
    assert "LookupError" in failed and "Envoi d&#x27;un courriel" not in failed

    task = DBTaskResult.objects.get(status="FAILED")
    inspect = client.get(reverse("taches:inspect", args=[task.pk])).content.decode()
    assert "Trace de l'erreur" in inspect and "Traceback" in inspect and "nulle_part" in inspect
    retry = DBTaskResult.objects.get(status="READY")
    inspect = client.get(reverse("taches:inspect", args=[retry.pk])).content.decode()
    assert "essai 2" in inspect and "Texte confidentiel" not in inspect


def test_an_editor_finds_no_such_screen_and_a_counsellor_is_sent_back_to_the_portal(client, queue):
    task = reverse("taches:inspect", args=[DBTaskResult.objects.first().pk])
    client.login(username=UserFactory(role=access.EDITEUR).username, password=PASSWORD)
    assert client.get(LISTING).status_code == 404 and client.get(task).status_code == 404
    client.login(username=CounsellorFactory().username, password=PASSWORD)
    assert client.get(LISTING).url == reverse("dashboard") and client.get(task).url == reverse("dashboard")


def test_the_daily_jobs_delete_the_tasks_finished_a_month_ago_with_their_arguments(database_tasks, queue):
    month_ago = timezone.now() - datetime.timedelta(days=31)
    old = DBTaskResult.objects.get(status="FAILED")
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=month_ago)
    outcome = daily_run(today=timezone.localdate(), now=timezone.now)
    assert outcome.run.steps[-1] == {
        "step": "Tâches de fond finies effacées",
        "ok": True,
        "detail": "1 tâche(s) finie(s) depuis plus de 30 jours effacée(s)",
    }
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").exists()  # the e-mail's first try, yesterday's work
    assert DBTaskResult.objects.filter(status="READY").exists()  # its second try, still to come


def test_an_administrator_reads_each_days_run_and_its_steps(client, administrator):
    daily_run(today=datetime.date(2026, 11, 30), now=timezone.now)
    client.force_login(administrator)
    listing = client.get(reverse("taches_quotidiennes:index")).content.decode()
    assert "30/11/2026" in listing and "Terminée" in listing
    run = DailyRun.objects.get()
    inspect = client.get(reverse("taches_quotidiennes:inspect", args=[run.pk])).content.decode()
    assert "<strong>OK — Purge du journal des accès</strong>" in inspect
    client.force_login(UserFactory(role=access.EDITEUR))
    assert client.get(reverse("taches_quotidiennes:index")).status_code == 404
