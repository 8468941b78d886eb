from django.core.management.base import BaseCommand
from wagtail.models import Site

from phases.bilan_content import load_bilan


class Command(BaseCommand):
    help = "Crée les dix phases du bilan (contenu livré avec le portail) si elles n'existent pas encore."

    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        bilan = load_bilan(site.root_page.specific)
        count = bilan.get_children().count()
        self.stdout.write(self.style.SUCCESS(f"« {bilan.title} » : {count} phases."))
