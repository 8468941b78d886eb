"""Production settings pass Django's deployment checklist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x7#Qm2!vR9pL@4sT8wZ1&nB6yK3^hJ5eD0cF+gU*aX-oI=rE-production-check",
        "ALLOWED_HOSTS": "monbilanenligne.example.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "",
        "ALLOWED_HOSTS": "x.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_the_admin_never_asks_an_outside_server_for_wagtail_updates(client, django_user_model):
    """Wagtail's update check (a call to releases.wagtail.org from each superuser's browser) is off."""
    superuser = django_user_model.objects.create_superuser("superviseur", "superviseur@example.fr", "x")
    client.force_login(superuser)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Les phases du bilan" in page or "Tableau de bord" in page  # the admin's home, as a superuser
    assert "w-upgrade" not in page


def _python_prints(code: str, **env) -> str:
    """What this interpreter prints running `code` in the project, with these environment variables."""
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _database_options(**env) -> dict:
    """The database OPTIONS that portal/settings/base.py gives for this environment."""
    code = "import json, portal.settings.base as s; print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    return json.loads(_python_prints(code, **env))


def test_postgresql_statements_are_prepared_unless_a_pooler_forbids_it():
    """PostgreSQL plans a statement once per connection (server-side binding, psycopg's prepared
    statements after five runs); PG_PREPARE=off, for a pooler in transaction mode, sends each query whole."""
    url = "postgres://monbilan:secret@db.example.fr:5432/monbilan"
    assert _database_options(DATABASE_URL=url) == {"server_side_binding": True, "prepare_threshold": 5}
    assert _database_options(DATABASE_URL=url, PG_PREPARE="off") == {}
    assert "server_side_binding" not in _database_options(DATABASE_URL="sqlite:////tmp/x.sqlite3")


def test_the_server_process_sets_what_it_loaded_apart_from_the_garbage_collector(tmp_path):
    """portal.wsgi, as gunicorn loads it: Django, Wagtail and the views are frozen out of the collections."""
    frozen = _python_prints(
        "import gc, portal.wsgi; print(gc.get_freeze_count())",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'wsgi.sqlite3'}",
    )
    assert int(frozen) > 100_000
