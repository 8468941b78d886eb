from django.core.management.base import BaseCommand
from django.utils import timezone

from candidates.journal import services as journal
from candidates.retention.services import purge_aftercare, purge_expired


class Command(BaseCommand):
    help = (
        "Détruit les documents de travail des bilans terminés (réponses, commentaires, notes, fichiers) et les "
        "synthèses sans accord de conservation ou conservées depuis plus d'un an, puis les entrées du journal des "
        "accès plus anciennes que la durée de conservation réglée dans Paramètres. À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Lister sans rien détruire.")

    def handle(self, *args, dry_run=False, **options):
        reports = purge_expired(today=timezone.localdate(), dry_run=dry_run)
        verb = "serait détruit" if dry_run else "détruit"
        for report in reports:
            self.stdout.write(f"Dossier n° {report.dossier.pk} : {verb} — {report.summary()}")
        self.stdout.write(self.style.SUCCESS(f"{len(reports)} dossier(s) {'à purger' if dry_run else 'purgé(s)'}."))
        aftercare = purge_aftercare(today=timezone.localdate(), dry_run=dry_run)
        self.stdout.write(f"{aftercare.summary()}{' (simulation)' if dry_run else ''}.")
        entries = journal.purge_older_than_retention(timezone.now(), dry_run=dry_run)
        verb = "à effacer" if dry_run else "effacée(s)"
        self.stdout.write(self.style.SUCCESS(f"{entries} entrée(s) du journal des accès {verb}."))
