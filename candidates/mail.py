"""Sending e-mail: one message rendered from a template (`deliver`), and work handed over to a thread
outside the request (`send_outside_request`). Each feature writes its own messages (its `emails.py`)."""

import logging
import queue
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connections
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def deliver(*, subject: str, template: str, context: dict, to: str, reply_to: list | None = None) -> bool:
    """Send a plain-text e-mail rendered from `template`; False (and a log entry) if it failed."""
    try:
        EmailMessage(subject, render_to_string(template, context), None, [to], reply_to=reply_to).send()
    except Exception:  # noqa: BLE001 - any transport error: the action stands, the failure is reported
        logger.exception("Échec de l'envoi du courriel %s", template)  # not the subject: it may hold typed text
        return False
    return True


# Work done outside the request: one thread per process, started on first use, runs the jobs one
# after the other and closes its database connections after each. Kept small and here on purpose:
# a later issue moves every e-mail to django-tasks. A job still waiting when the process stops is lost.

_jobs: queue.Queue = queue.Queue(maxsize=1000)
_worker_lock = threading.Lock()
_worker: threading.Thread | None = None


def send_outside_request(job: Callable[[], object]) -> None:
    """Run `job` (find the people, render and send their e-mail) in this process's e-mail thread,
    so that the request takes as long whatever the job finds: for the password reset, whether an
    account has the address. With `EMAIL_OUTSIDE_REQUEST` off (unit tests), now, in this thread."""
    if not settings.EMAIL_OUTSIDE_REQUEST:
        job()
        return
    _start_worker()
    try:
        _jobs.put_nowait(job)
    except queue.Full:
        logger.error("Trop de courriels en attente d'envoi : l'un d'eux est abandonné")


def wait_outside_request(timeout: float = 10) -> bool:
    """True once every job handed over so far is done (tests, bench); False after `timeout` seconds."""
    if _worker is None:
        return True
    done = threading.Event()
    try:
        _jobs.put(done.set, timeout=timeout)
    except queue.Full:
        return False
    return done.wait(timeout)


def _start_worker() -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():  # not alive: started before a fork
            _worker = threading.Thread(target=_work, name="courriels-hors-requete", daemon=True)
            _worker.start()


def _work() -> None:
    while True:
        job = _jobs.get()
        try:
            job()
        except Exception:  # noqa: BLE001 - one failed job must not stop the ones after it
            logger.exception("Échec d'un envoi de courriel hors requête")
        finally:
            connections.close_all()
