"""Demo content for `make run` and for trying the portal: DABM, staff, counsellors, candidates, and the
shipped ROME référentiel when none is loaded yet.

Idempotent: existing accounts and DABM are kept as they are, missing ones are created.
"""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from candidates import access
from candidates.accounts import services as account_services
from candidates.aftercare.services import bilan_aftercare_schedule
from candidates.dossiers import services
from candidates.followup.services import followup_answer
from candidates.models import DABM, Dossier, FollowUp, SatisfactionResponse, User
from candidates.satisfaction.services import satisfaction_answer
from phases.models import PhasePage, SatisfactionPage
from skills.models import RomeVersion

DEMO_PASSWORD = "demo-bilan-2026"  # noqa: S105 - printed on purpose: demo accounts only

DABM_LIST = [
    ("NÎMES", "Nîmes", "Lycée Albert Camus, 51 avenue Georges Pompidou, 30900 Nîmes"),
    ("MONTPELLIER", "Montpellier", "31 rue de l'Université, 34000 Montpellier"),
    ("PERPIGNAN", "Perpignan", "Lycée Arago, 22 avenue Paul Doumer, 66000 Perpignan"),
    ("BÉZIERS", "Béziers", "Lycée Jean Moulin, boulevard Joliot-Curie, 34500 Béziers"),
    ("ALÈS", "Alès", "Lycée Jean-Baptiste Dumas, place de Belgique, 30100 Alès"),
    ("CARCASSONNE", "Carcassonne", "Lycée Paul Sabatier, 36 rue Alfred de Musset, 11000 Carcassonne"),
    ("MENDE", "Mende", "Lycée Chaptal, avenue Paulin Daudé, 48000 Mende"),
]
STAFF = [  # (username, first name, last name, role, superuser)
    ("admin", "Aline", "MARTIN", access.ADMINISTRATEUR, True),
    ("editeur", "Étienne", "ROUX", access.EDITEUR, False),
]
COUNSELLORS = [
    ("conseiller1", "Claire", "BOAD"),
    ("conseiller2", "Karim", "BENALI"),
    ("conseiller3", "Sophie", "DURAND"),
]
CANDIDATES = [
    ("Lucas", "BERNARD"),
    ("Emma", "PETIT"),
    ("Hugo", "ROBERT"),
    ("Léa", "RICHARD"),
    ("Louis", "MOREAU"),
    ("Chloé", "SIMON"),
    ("Nathan", "LAURENT"),
    ("Manon", "LEFEBVRE"),
    ("Jules", "MICHEL"),
    ("Inès", "GARCIA"),
    ("Gabriel", "DAVID"),
    ("Camille", "BERTRAND"),
    ("Arthur", "ROUSSEAU"),
    ("Sarah", "VINCENT"),
    ("Raphaël", "FOURNIER"),
    ("Jade", "MOREL"),
    ("Théo", "GIRARD"),
    ("Zoé", "ANDRÉ"),
    ("Noah", "MERCIER"),
    ("Anaïs", "BLANC"),
]

# Bilans that ended seven months ago, all with Claire BOAD: their appreciations (enough for her aggregates)
# and their six-month follow-ups (answered, or to propose): (first name, last name, rating, situation).
PAST_BILANS = [
    ("Alice", "FONTAINE", 5, "en_emploi"),
    ("Bruno", "CHEVALIER", 4, "en_formation"),
    ("Céline", "GAUTHIER", 5, "en_projet"),
    ("Denis", "PERRIN", 3, "en_emploi"),
    ("Élodie", "MASSON", 4, ""),
    ("Fabien", "LEMAIRE", 5, ""),
]


def _account(username, first_name, last_name, role):
    existing = User.objects.filter(username=username).first()
    if existing:
        return existing
    return account_services.user_create(
        username=username,
        email=f"{username}@demo.monbilanenligne.fr",
        password=DEMO_PASSWORD,
        role=role,
        first_name=first_name,
        last_name=last_name,
    )


class Command(BaseCommand):
    help = "Crée (ou complète) les données de démonstration et affiche les identifiants."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Créer les comptes de démonstration même avec les réglages de production.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEMO_CONTENT_ALLOWED and not force:
            raise CommandError(
                "Réglages de production : seed_demo créerait un administrateur et des comptes dont le mot de "
                f"passe est public ({DEMO_PASSWORD}). Refusé. Ajoutez --force pour un serveur de démonstration."
            )
        call_command("load_phases", stdout=self.stdout)
        if not RomeVersion.objects.exists():  # the shipped référentiel, once
            call_command("load_rome", stdout=self.stdout)
        phases = list(PhasePage.objects.live().order_by("path"))
        dabms = [
            DABM.objects.get_or_create(name=name, defaults={"city": city, "address": address})[0]
            for name, city, address in DABM_LIST
        ]
        for username, first, last, role, superuser in STAFF:
            user = _account(username, first, last, role)
            if superuser and not user.is_superuser:
                User.objects.filter(pk=user.pk).update(is_superuser=True)
        counsellors = [_account(u, f, last, access.CONSEILLER) for u, f, last in COUNSELLORS]

        today = timezone.localdate()
        for index, (first, last) in enumerate(CANDIDATES, start=1):
            candidate = _account(f"candidat{index:02d}", first, last, access.CANDIDAT)
            if Dossier.objects.filter(candidate=candidate).exists():
                continue
            start = today - datetime.timedelta(days=7 * index)
            dossier = services.dossier_create(
                candidate=candidate,
                counsellor=counsellors[index % len(counsellors)],
                dabm=dabms[index % len(dabms)],
                start_date=start,
                end_date=start + datetime.timedelta(days=90),
                remote=index % 3 != 1,
                on_site=index % 3 != 0,
                phone=f"04 66 {index:02d} 89 78",
            )
            # Most candidates work on every phase; every fourth one on a shorter modularisation.
            dossier.phases.set(phases if index % 4 else phases[:5])
            joined = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
            User.objects.filter(pk=candidate.pk).update(date_joined=joined)
        self._past_bilans(counsellors[0], dabms[0], phases, today)
        self._print_logins()

    def _past_bilans(self, counsellor, dabm, phases, today):
        """PAST_BILANS: ended 210 days ago, appreciation given, follow-up due 27 days ago."""
        page = SatisfactionPage.objects.live().first()
        now = timezone.now()
        for index, (first, last, rating, situation) in enumerate(PAST_BILANS, start=1):
            candidate = _account(f"ancien{index:02d}", first, last, access.CANDIDAT)
            if Dossier.objects.filter(candidate=candidate).exists():
                continue
            end = today - datetime.timedelta(days=210)
            dossier = services.dossier_create(
                candidate=candidate,
                counsellor=counsellor,
                dabm=dabm,
                start_date=end - datetime.timedelta(days=80),
                end_date=end,
            )
            dossier.phases.set(phases)
            Dossier.objects.filter(pk=dossier.pk).update(closed_on=end, outcome=Dossier.Outcome.COMPLETED)
            bilan_aftercare_schedule(dossier=dossier)
            invited = timezone.make_aware(datetime.datetime.combine(end, datetime.time(18)))
            SatisfactionResponse.objects.filter(dossier=dossier).update(invited_at=invited)
            if page is not None:
                answers = {
                    child.id: {
                        item: max(1, rating - (index + question) % 3)
                        for item, _label in child.block.part_labels(child.value)
                    }
                    for question, child in enumerate(page.question_children)
                    if child.block.name == "scale"
                }
                satisfaction_answer(candidate=candidate, response=dossier.satisfaction, answers=answers, now=now)
            FollowUp.objects.filter(dossier=dossier).update(invited_at=now)
            if situation:
                followup_answer(
                    candidate=candidate, followup=dossier.followup, situation=situation, answers={}, now=now
                )

    def _print_logins(self):
        out = self.stdout
        out.write(self.style.SUCCESS("Données de démonstration prêtes."))
        out.write(f"Identifiants de démonstration (mot de passe pour tous : {DEMO_PASSWORD})")
        out.write("  Administrateur : admin")
        out.write("  Éditeur        : editeur")
        out.write("  Conseillers    : conseiller1, conseiller2, conseiller3")
        out.write("  Candidats      : candidat01 … candidat20 (candidat01 est suivi par conseiller2)")
        out.write("  Bilans finis   : ancien01 … ancien06 (conseiller1 ; appréciation donnée, suivi à six mois)")
