import time

from django.core.management.base import BaseCommand, CommandError

from skills.loader import SHIPPED, RomeDataError, load_rome


class Command(BaseCommand):
    help = (
        "Charge le référentiel ROME (par défaut la version livrée, skills/data/rome-v460) en une transaction. "
        "Une version plus récente remplace l'ancienne : les codes disparus sont gardés, marqués retirés."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SHIPPED), help="Dossier des fichiers unix_*_utf8.csv.xz")

    def handle(self, *args, path, verbosity=1, **options):
        started = time.perf_counter()
        try:
            report = load_rome(path)
        except RomeDataError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        if verbosity > 1 or report.changed:
            for line in report.lines():
                self.stdout.write(f"  {line}")
        state = "chargé" if report.changed else "déjà à jour"
        self.stdout.write(self.style.SUCCESS(f"ROME v{report.version} {state} en {elapsed:.1f} s."))
