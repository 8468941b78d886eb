import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from candidates import access
from candidates.alerts.selectors import counsellor_alerts
from candidates.models import DABM, Dossier, FollowUp, User
from candidates.satisfaction import selectors as satisfaction_selectors
from home.management.commands.seed_demo import DEMO_PASSWORD
from skills.models import Appellation, RomeVersion

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_academie_and_is_idempotent(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    names = set(DABM.objects.values_list("name", flat=True))
    assert {"NÎMES", "MONTPELLIER", "PERPIGNAN", "BÉZIERS", "ALÈS", "CARCASSONNE", "MENDE"} <= names
    assert User.objects.filter(groups__name=access.CONSEILLER).count() == 3
    assert User.objects.filter(groups__name=access.CANDIDAT).count() == 26  # 20 running or recent, 6 long ended
    assert Dossier.objects.count() == 26
    claire = User.objects.get(username="conseiller1")
    assert satisfaction_selectors.counsellor_results(claire).shown  # six appreciations: her aggregates show
    assert FollowUp.objects.filter(counsellor=claire, situation="").count() == 2  # two follow-ups to propose
    assert [alert.reasons[0].rule.key for alert in counsellor_alerts(claire, now=timezone.now())].count("suivi") == 2
    assert Dossier.objects.values("counsellor").distinct().count() == 3
    assert Dossier.objects.values("dabm").distinct().count() == 7
    assert User.objects.get(username="editeur").role == access.EDITEUR
    assert User.objects.get(username="admin").role == access.ADMINISTRATEUR
    assert User.objects.get(username="conseiller1").check_password(DEMO_PASSWORD)
    assert RomeVersion.objects.get().number == 460 and Appellation.objects.count() == 13120  # loaded once
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "conseiller1" in out and "candidat01" in out


def test_seed_demo_refuses_production_settings_unless_forced(settings, capsys):
    settings.DEMO_CONTENT_ALLOWED = False  # as in portal.settings.production
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()
    call_command("seed_demo", "--force")
    assert User.objects.get(username="admin").check_password(DEMO_PASSWORD)
