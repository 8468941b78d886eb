"""E-mail through the real database backend and a real worker: `manage.py db_worker`, started here as
another process on the test run's database (a file on SQLite, the test database on PostgreSQL), sends
to an SMTP sink on 127.0.0.1. The request only queues: with the sink down it still succeeds, the
worker's try fails and is queued again, and the message arrives once the sink is back."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from .factories import CandidateFactory
from .smtp_sink import SMTPSink

pytestmark = [pytest.mark.multiprocess, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parent.parent
DELIVERY_SECONDS = 30  # the worker starts (Django set-up), takes the reset, then the message it queued


@contextmanager
def db_worker(smtp_port: int, log_path: Path):
    """`manage.py db_worker` on this test's database, until the block ends (then stopped, or killed)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "WORKER_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "WORKER_SMTP_PORT": str(smtp_port),
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def ask_for_a_reset(client, email: str) -> str:
    response = client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_worker_delivers_and_retries_until_the_mail_server_is_back(client, database_tasks, tmp_path):
    first, second = CandidateFactory(), CandidateFactory()
    sink = SMTPSink().start()
    log_path = tmp_path / "worker.log"
    try:
        with db_worker(sink.port, log_path) as worker:
            # Mail server up: the reset asked for in a request reaches the sink, sent by the worker.
            assert "dans quelques minutes" in ask_for_a_reset(client, first.email)
            assert sink.wait_for(1, DELIVERY_SECONDS), log_path.read_text(errors="replace")
            recipients, text = sink.messages[0]
            assert recipients == [first.email] and "/mot-de-passe/nouveau/" in text

            # Mail server down: the request still succeeds; the worker's try fails and is queued again.
            sink.stop()
            assert "dans quelques minutes" in ask_for_a_reset(client, second.email)
            retried = DBTaskResult.objects.filter(
                task_path="candidates.mail.send_email", args_kwargs__kwargs__attempt=2
            )
            assert wait_until(retried.exists, DELIVERY_SECONDS), log_path.read_text(errors="replace")
            assert len(sink.messages) == 1

            # Back up: the retry delivers it.
            sink.start()
            assert sink.wait_for(2, DELIVERY_SECONDS), log_path.read_text(errors="replace")
            assert sink.messages[1][0] == [second.email]
            assert worker.poll() is None, log_path.read_text(errors="replace")
    finally:
        sink.stop()
    log = log_path.read_text(errors="replace")
    assert "Traceback" not in log, log
