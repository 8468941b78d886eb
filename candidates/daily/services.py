"""The day's scheduled work, run once a day by `manage.py run_daily_jobs` (cron or a systemd timer,
README *Déploiement*). Each step is a service of its own feature; this module only runs them in
order, once per day, and keeps the journal of the run (`DailyRun`)."""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from ..aftercare.services import ended_bilans_schedule
from ..background.services import finished_tasks_prune
from ..followup.services import followup_invitations_send
from ..journal import services as journal
from ..retention.services import purge_aftercare, purge_expired
from ..satisfaction.services import satisfaction_invitations_send
from .models import DailyRun

logger = logging.getLogger(__name__)


def _purge(*, today: datetime.date, now: datetime.datetime) -> str:
    reports = purge_expired(today=today)
    return f"{len(reports)} dossier(s) purgé(s) ; {purge_aftercare(today=today).summary()}"


def _journal_purge(*, today: datetime.date, now: datetime.datetime) -> str:
    return f"{journal.purge_older_than_retention(now)} entrée(s) du journal des accès effacée(s)"


# (name, step(today=, now=) -> what it did), in the order they run
STEPS: list[tuple[str, Callable[..., str]]] = [
    ("Bilans terminés : suivi et appréciation planifiés", ended_bilans_schedule),
    ("Appréciation de fin de bilan : invitations et relances", satisfaction_invitations_send),
    ("Suivi à six mois : invitations", followup_invitations_send),
    ("Purge des documents de travail des bilans terminés", _purge),
    ("Purge du journal des accès", _journal_purge),
    ("Tâches de fond finies effacées", finished_tasks_prune),
]


@dataclass
class Outcome:
    run: DailyRun
    ran: bool  # False: another run holds the day (running, or done), nothing was done


def _take_the_day(day: datetime.date, now: datetime.datetime, force: bool) -> DailyRun | None:
    """The day's row, created now in its own transaction (the lock), or None if another run has it.
    `force` replaces a finished run of the day, or one started long ago that never finished (crashed)."""
    if force:
        stale = now - datetime.timedelta(hours=settings.DAILY_RUN_STALE_HOURS)
        DailyRun.objects.filter(day=day).exclude(finished_at__isnull=True, started_at__gt=stale).delete()
    try:
        with transaction.atomic():
            return DailyRun.objects.create(day=day, started_at=now)
    except IntegrityError:
        return None


def daily_run(
    *, today: datetime.date, now: Callable[[], datetime.datetime], force: bool = False, steps=None
) -> Outcome:
    """Run the day's steps once. A step that fails is recorded and the next ones still run."""
    run = _take_the_day(today, now(), force)
    if run is None:
        return Outcome(DailyRun.objects.get(day=today), ran=False)
    for name, step in STEPS if steps is None else steps:
        try:
            detail, ok = step(today=today, now=now()), True
        except Exception as error:  # noqa: BLE001 - recorded, and the other steps still run
            logger.exception("Tâche quotidienne en échec : %s", name)
            detail, ok = f"{type(error).__name__} : {error}"[:500], False
        run.steps.append({"step": name, "ok": ok, "detail": detail})
        run.save(update_fields=["steps"])
    run.failed = not all(step["ok"] for step in run.steps)
    run.finished_at = now()
    run.save(update_fields=["failed", "finished_at"])
    return Outcome(run, ran=True)
