from django.core.management.base import BaseCommand

from candidates.models import PhaseResponse
from phases.models import PhasePage

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Recompte, pour chaque réponse enregistrée, les questions répondues de sa phase (ce que lisent les "
        "tableaux de bord). Facultatif : un compte périmé (questions modifiées depuis, ou réponses antérieures "
        "à ce compteur) est recalculé à chaque affichage ; le recompter une fois évite ce calcul. À lancer "
        "après la modification d'une phase."
    )

    def handle(self, *args, **options):
        total = 0
        for phase in PhasePage.objects.all():
            stale = PhaseResponse.objects.filter(phase=phase).exclude(answered_for=phase.structure.digest)
            batch, count = [], 0
            for response in stale.only("pk", "answers").iterator(chunk_size=BATCH):
                response.recount(phase)
                batch.append(response)
                if len(batch) == BATCH:
                    count += PhaseResponse.objects.bulk_update(batch, ["answered", "answered_for"])
                    batch = []
            count += PhaseResponse.objects.bulk_update(batch, ["answered", "answered_for"])
            total += count
            self.stdout.write(f"{phase.title} : {count} réponses recomptées.")
        self.stdout.write(self.style.SUCCESS(f"{total} réponses recomptées."))
