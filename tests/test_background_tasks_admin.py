"""*Tâches de fond*: administrators see what the workers have to do and what failed, in the Wagtail
admin, without the tasks' arguments (an e-mail's body is in them); nobody else finds the screen."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.tasks import update_reference_index_task

from candidates import access
from candidates import mail as portal_mail

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
