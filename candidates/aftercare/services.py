"""When a bilan ends — its end date passes, or its counsellor closes it — the portal schedules what
comes after: the *Suivi à six mois* (`followup`) and the *Appréciation de fin de bilan* (`satisfaction`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..dossiers.services import dossier_close
from ..followup.services import followup_schedule
from ..portal_settings import portal_settings
from ..satisfaction.services import satisfaction_invite, satisfaction_schedule


@transaction.atomic
def bilan_aftercare_schedule(*, dossier: Dossier) -> None:
    """Schedule the ended bilan's follow-up and appreciation (each once, whoever asks again)."""
    followup_schedule(dossier=dossier)
    satisfaction_schedule(dossier=dossier)


@transaction.atomic
def dossier_close_with_aftercare(*, actor: User, dossier: Dossier, outcome: str, today: datetime.date) -> Dossier:
    """« Clore le bilan »: closed today (`dossier_close`), its follow-up scheduled and the candidate invited
    to give their appreciation at once."""
    dossier = dossier_close(actor=actor, dossier=dossier, outcome=outcome, today=today)
    bilan_aftercare_schedule(dossier=dossier)
    anonymous = portal_settings().satisfaction_anonymous
    satisfaction_invite(response=dossier.satisfaction, now=timezone.now(), anonymous=anonymous)
    return dossier


def ended_bilans_schedule(*, today: datetime.date, now: datetime.datetime | None = None) -> str:
    """The daily step: the bilans that ended (end date passed, or closed) and have no follow-up or
    appreciation yet get them. Bilans that ended more than the retention delay ago are left alone:
    their working documents are gone, and the first run after installation invites nobody from the
    past (nor schedules again what the purge detached from its dossier)."""
    since = today - datetime.timedelta(days=settings.RETENTION_DELAY_DAYS)
    ended = Dossier.objects.filter(Q(end_date__lt=today) | Q(closed_on__isnull=False), end_date__gte=since)
    missing = ended.filter(Q(followup__isnull=True) | Q(satisfaction__isnull=True))
    count = 0
    for dossier in missing.only("pk", "dabm_id", "counsellor_id", "end_date"):
        bilan_aftercare_schedule(dossier=dossier)
        count += 1
    return f"{count} bilan(s) terminé(s) : suivi et appréciation planifiés"
