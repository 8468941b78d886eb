import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from candidates.daily.services import daily_run


class Command(BaseCommand):
    help = (
        "Les tâches quotidiennes, dans l'ordre : planifier le suivi et l'appréciation des bilans terminés, "
        "envoyer les invitations et relances à l'appréciation, les invitations au suivi à six mois, puis purger "
        "les documents de travail et le journal. Une fois par jour (cron ou minuteur systemd) : une seconde "
        "exécution le même jour, même simultanée, ne fait rien. Code de sortie 1 si une étape a échoué."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Relancer un jour déjà traité (ou une exécution interrompue depuis plusieurs heures).",
        )
        parser.add_argument("--date", help="Le jour à traiter, AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris).")

    def handle(self, *args, force=False, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date : une date au format AAAA-MM-JJ est attendue.") from None
        outcome = daily_run(today=today, now=timezone.now, force=force)
        run = outcome.run
        if not outcome.ran:
            state = "est en cours" if run.finished_at is None else "a déjà eu lieu"
            started = timezone.localtime(run.started_at)
            self.stdout.write(
                f"Les tâches du {today:%d/%m/%Y} {state} (commencées le {started:%d/%m/%Y à %H:%M}) : rien à faire."
            )
            return
        for step in run.steps:
            line = f"{'OK' if step['ok'] else 'ÉCHEC'} — {step['step']} : {step['detail']}"
            self.stdout.write(self.style.SUCCESS(line) if step["ok"] else self.style.ERROR(line))
        if run.failed:
            raise CommandError(f"Tâches du {today:%d/%m/%Y} : au moins une étape a échoué (voir ci-dessus).")
        self.stdout.write(self.style.SUCCESS(f"Tâches du {today:%d/%m/%Y} terminées."))
