"""Every e-mail is a task (candidates/mail.py): queued by the request, sent by a worker; on an SMTP failure
it queues itself again, later each time, and after the last try the administrators read the failure in
the journal. Here in-process, with the database backend; tests/test_mail_worker.py runs a real worker."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from candidates import mail as portal_mail
from candidates.models import AuditEvent

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db

SUPPORT = {"template": "emails/support_request.txt", "context": {"sender": {"username": "lucas"}, "message": "Aide"}}
MESSAGE = {"subject": "Objet", "body": "Bonjour.", "to": ["lucas@exemple.fr"], "kind": "emails/essai.txt"}


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connexion refusée")


def run_queued_tasks() -> None:
    """What `manage.py db_worker --batch` does, in this process: every task due now, then return. (It
    would close the connection between two tasks: here that is the test's transaction, kept.)"""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test",
            excluded_queue_names=[],
        )
        worker.run()


def test_deliver_only_queues_the_message(database_tasks):
    assert portal_mail.deliver(subject="Objet", **SUPPORT, to="a@exemple.fr")
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "candidates.mail.send_email" and queued.args_kwargs["kwargs"]["to"] == ["a@exemple.fr"]
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["a@exemple.fr"]]


def test_an_smtp_failure_queues_the_message_again_later_each_time(database_tasks, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    for attempt, delay in enumerate(settings.EMAIL_RETRY_DELAYS, start=1):
        before = timezone.now()
        portal_mail.send_email.call(**MESSAGE, attempt=attempt)
        retry = DBTaskResult.objects.get(args_kwargs__kwargs__attempt=attempt + 1)
        assert retry.args_kwargs["kwargs"] == {**MESSAGE, "reply_to": None, "attachments": None, "attempt": attempt + 1}
        expected = before + datetime.timedelta(seconds=delay)
        assert expected <= retry.run_after <= expected + datetime.timedelta(seconds=5)
    assert not AuditEvent.objects.exists()


def test_after_the_last_try_the_failure_is_journalled_for_the_administrators(database_tasks, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    portal_mail.send_email.call(**MESSAGE, attempt=len(settings.EMAIL_RETRY_DELAYS) + 1)
    assert not DBTaskResult.objects.exists()  # not queued again
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.EMAIL_FAILED and event.actor is None
    assert event.detail == "emails/essai.txt → lucas@exemple.fr : 5 essais (SMTPServerDisconnected)"
    assert "abandonné après 5 essais" in caplog.text
    assert "Bonjour" not in event.detail + caplog.text  # never the message itself


def test_a_message_that_gets_through_on_a_later_try_is_sent_once(database_tasks, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    portal_mail.send_email.call(**MESSAGE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.update(run_after=timezone.now())  # its time has come
    run_queued_tasks()
    assert [message.subject for message in mail.outbox] == ["Objet"]
    assert not AuditEvent.objects.exists()


def test_with_the_immediate_backend_of_the_tests_every_try_is_made_at_once(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert portal_mail.deliver(subject="Objet", **SUPPORT, to="a@exemple.fr")
    assert AuditEvent.objects.get().detail.endswith(": 5 essais (SMTPServerDisconnected)")


def test_the_password_reset_request_queues_the_same_work_for_any_address(client, database_tasks):
    """The request looks nothing up: for a known and an unknown address it queues one task alike, sends
    nothing, and answers alike; run by the worker, the one account gets its link."""
    person = CandidateFactory()
    known = client.post(reverse("accounts:password_reset"), {"email": person.email.upper()})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert mail.outbox == []
    queued = DBTaskResult.objects.exclude(task_path__startswith="wagtail.")  # the account's reference index
    assert list(queued.values_list("task_path", flat=True)) == ["candidates.accounts.emails.send_password_reset"] * 2
    run_queued_tasks()  # the resets, then the one message they queued
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "/mot-de-passe/nouveau/" in mail.outbox[0].body
    assert "dans quelques minutes" in client.get(known.url).content.decode()
