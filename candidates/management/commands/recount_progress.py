from django.core.management.base import BaseCommand
from django.db import transaction

from candidates.models import PhaseResponse
from phases.models import PhasePage
from phases.progress import AnsweredCount


class Command(BaseCommand):
    help = (
        "Recompte, pour chaque réponse enregistrée, les questions répondues de sa phase (ce que lisent les "
        "tableaux de bord). Facultatif : un compte périmé (questions modifiées depuis, ou réponses antérieures "
        "à ce compteur) est recalculé à la volée par la base ; le recompter évite ce calcul à chaque affichage."
    )

    def handle(self, *args, **options):
        total = 0
        for phase in PhasePage.objects.all():
            stale = PhaseResponse.objects.filter(phase=phase).exclude(answered_for=phase.structure.rules_digest)
            with transaction.atomic():
                count = stale.update(
                    answered=AnsweredCount({phase.pk: phase.structure}), answered_for=phase.structure.rules_digest
                )
            total += count
            self.stdout.write(f"{phase.title} : {count} réponses recomptées.")
        self.stdout.write(self.style.SUCCESS(f"{total} réponses recomptées."))
