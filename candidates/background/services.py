"""Clearing the task queue of what is done: a finished task keeps its arguments (an e-mail's body, a
password-reset link), so it is kept only long enough to be read in *Tâches de fond*."""

import datetime

from django.conf import settings
from django_tasks_db.models import DBTaskResult


def finished_tasks_prune(*, today: datetime.date, now: datetime.datetime) -> str:
    """Delete the tasks that finished (done or failed) more than `TASK_RESULTS_KEPT_DAYS` days ago."""
    limit = now - datetime.timedelta(days=settings.TASK_RESULTS_KEPT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=limit).delete()
    return f"{deleted} tâche(s) finie(s) depuis plus de {settings.TASK_RESULTS_KEPT_DAYS} jours effacée(s)"
