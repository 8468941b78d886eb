"""The end of a bilan (Code du travail R6313-7 and R6313-8): working documents are destroyed once
the bilan has ended; the synthèse is kept only if the beneficiary agreed, and for one year at most."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction

from ..journal import services as journal
from ..models import (
    Comment,
    Dossier,
    FollowUp,
    PhaseResponse,
    PrivateFile,
    SatisfactionResponse,
    Synthesis,
    SynthesisNote,
)

SYNTHESIS_KEPT_DAYS = 365


@dataclass
class PurgeReport:
    dossier: Dossier
    responses: int = 0
    comments: int = 0
    notes: int = 0
    files: int = 0
    synthesis: bool = False
    stored: list = field(default_factory=list)  # files to remove from storage once committed

    def summary(self) -> str:
        parts = [
            f"{self.responses} réponse(s) aux phases",
            f"{self.comments} commentaire(s)",
            f"{self.notes} note(s) de synthèse",
            f"{self.files} fichier(s)",
        ]
        if self.synthesis:
            parts.append("la synthèse")
        return ", ".join(parts)

    @property
    def destroys_anything(self) -> bool:
        return bool(self.responses or self.comments or self.notes or self.files or self.synthesis)


def expired_dossiers(today: datetime.date):
    """Dossiers whose bilan ended more than the configured delay ago."""
    limit = today - datetime.timedelta(days=settings.RETENTION_DELAY_DAYS)
    return Dossier.objects.filter(end_date__lt=limit).select_related("candidate")


def _report(dossier: Dossier, today: datetime.date) -> PurgeReport:
    candidate = dossier.candidate
    files = list(PrivateFile.objects.filter(owner=candidate))
    synthesis = Synthesis.objects.filter(dossier=dossier).first()
    synthesis_expired = not dossier.keep_synthesis or (today - dossier.end_date).days > SYNTHESIS_KEPT_DAYS
    return PurgeReport(
        dossier=dossier,
        responses=PhaseResponse.objects.filter(candidate=candidate).exclude(answers={}).count(),
        comments=Comment.objects.filter(candidate=candidate).count(),
        notes=SynthesisNote.objects.filter(candidate=candidate).count(),
        files=len(files),
        synthesis=bool(synthesis and synthesis_expired),
        stored=[f.file for f in files] + (synthesis.stored_files() if synthesis and synthesis_expired else []),
    )


@transaction.atomic
def _destroy(report: PurgeReport) -> None:
    candidate = report.dossier.candidate
    PhaseResponse.objects.filter(candidate=candidate).delete()
    Comment.objects.filter(candidate=candidate).delete()
    SynthesisNote.objects.filter(candidate=candidate).delete()
    PrivateFile.objects.filter(owner=candidate).delete()
    if report.synthesis:
        Synthesis.objects.filter(dossier=report.dossier).delete()
    journal.record(None, journal.Action.PURGED, dossier=report.dossier, detail=report.summary())
    for stored in report.stored:
        if stored.name:
            transaction.on_commit(lambda storage=stored.storage, name=stored.name: storage.delete(name))


def purge_expired(*, today: datetime.date, dry_run: bool = False) -> list[PurgeReport]:
    """Destroy what the law says must go; with `dry_run`, only say what would be destroyed."""
    reports = [report for d in expired_dossiers(today) if (report := _report(d, today)).destroys_anything]
    if not dry_run:
        for report in reports:
            _destroy(report)
    return reports


@dataclass
class AftercareReport:
    followups: int = 0  # follow-ups whose answers were cleared and dossier detached
    appreciations: int = 0  # appreciations detached from their dossier (their answers stay, anonymous)

    def summary(self) -> str:
        return f"{self.followups} suivi(s) à six mois et {self.appreciations} appréciation(s) détachés de leur dossier"


def expired_followups(today: datetime.date):
    """Follow-ups past the retention delay, counted from their answer (their day, if never answered):
    the follow-up comes months after the bilan, so the candidate can still reach it once the bilan's
    other working documents are destroyed, and their counsellor read the answers for the delay."""
    limit = today - datetime.timedelta(days=settings.RETENTION_DELAY_DAYS)
    answered_long_ago = models.Q(answered_at__date__lt=limit)
    never_answered = models.Q(answered_at__isnull=True, due_on__lt=limit)
    return FollowUp.objects.filter(answered_long_ago | never_answered, dossier__isnull=False)


def purge_aftercare(*, today: datetime.date, dry_run: bool = False) -> AftercareReport:
    """Clear the answers of expired follow-ups and detach them from their dossier (the situation, the
    DABM and the dates stay, for the figures); detach the appreciations of the purged bilans (their
    answers stay, anonymous)."""
    followups = expired_followups(today)
    appreciations = SatisfactionResponse.objects.filter(dossier__in=expired_dossiers(today).values("pk"))
    if dry_run:
        return AftercareReport(followups.count(), appreciations.count())
    with transaction.atomic():
        return AftercareReport(followups.update(answers={}, dossier=None), appreciations.update(dossier=None))
