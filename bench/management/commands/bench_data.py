from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import data


class Command(BaseCommand):
    help = (
        "Génère des données de charge : N candidats (cand000001 …) répartis sur 30 DABM et N/40 conseillers "
        "(cons0001 …), avec réponses aux dix phases, attestations, rendez-vous, commentaires et notes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, required=True, help="Nombre de candidats (ex. 10000, 100000).")
        parser.add_argument("--reset", action="store_true", help="Supprimer d'abord les données générées existantes.")
        parser.add_argument("--seed", type=int, default=data.DEFAULT_SEED)
        parser.add_argument("--chunk", type=int, default=1000, help="Candidats écrits par transaction.")

    def handle(self, *args, candidates, reset, seed, chunk, **options):
        if candidates < 1:
            raise CommandError("--candidates doit être au moins 1.")
        existing = data.existing_candidates()
        if existing and not reset:
            if existing == candidates:
                self.stdout.write(f"{existing} candidats générés sont déjà là : rien à faire (--reset pour refaire).")
                return
            raise CommandError(
                f"La base contient déjà {existing} candidats générés. Relancez avec --reset pour les remplacer."
            )
        call_command("load_phases", stdout=self.stdout)
        if existing:
            data.reset(log=self.stdout.write)
        counts = data.generate(candidates, seed=seed, chunk=chunk, log=self.stdout.write)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # fresh statistics and visibility maps (index-only scans), as autovacuum gives them after a while
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                "Données générées en {seconds} s : {candidates} candidats, {counsellors} conseillers, "
                "{phase_responses} réponses, {attestations} attestations, {appointments} rendez-vous, "
                "{comments} commentaires, {synthesis_notes} notes de synthèse.".format(**counts)
            )
        )
        self.stdout.write(
            f"Mot de passe de tous les comptes : {data.PASSWORD} "
            f"(candidats {data.candidate_username(1)} … {data.candidate_username(candidates)}, "
            f"conseillers {data.counsellor_username(1)} … "
            f"{data.counsellor_username(data.counsellor_count(candidates))})"
        )
