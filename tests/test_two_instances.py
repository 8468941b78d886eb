"""Two instances of the portal, as behind a load balancer: two gunicorn processes with the production
settings (portal.settings.loopback: plain HTTP on 127.0.0.1) sharing one database and one media
directory, and no other state. A session opened on one is valid on the other, an answer autosaved
through one is read back through the other, a file uploaded through one downloads through the other.

On the PostgreSQL pass (DATABASE_URL is a postgres:// URL) the instances use a database of their own
created on the same server, migrated, and dropped at the end; otherwise a temporary SQLite file."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from .samples import PDF_BYTES

pytestmark = pytest.mark.multiprocess

ROOT = Path(__file__).resolve().parent.parent
USERNAME, PASSWORD = "jumeau", "deux-instances-2026"
PHASE = "contexte-de-la-demande"

# Run once in a subprocess with the instances' settings: schema, cache table, the ten phases, and one
# candidate (production password hashing) followed by one counsellor.
SETUP = f"""
import datetime
import django

django.setup()
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("load_phases", verbosity=0)

from candidates import access

from candidates.accounts import services as account_services

from candidates.dossiers import services as dossier_services
from candidates.models import DABM
from phases.models import PhasePage

counsellor = account_services.user_create(username="conseil", email="conseil@exemple.fr", password={PASSWORD!r},
                                  role=access.CONSEILLER, first_name="Claire", last_name="BOAD")
candidate = account_services.user_create(username={USERNAME!r}, email="jumeau@exemple.fr", password={PASSWORD!r},
                                 role=access.CANDIDAT, first_name="Lucas", last_name="BERNARD")
today = datetime.date.today()
dossier = dossier_services.dossier_create(candidate=candidate, counsellor=counsellor,
                                  dabm=DABM.objects.create(name="NÎMES", city="Nîmes"),
                                  start_date=today, end_date=today + datetime.timedelta(days=90))
dossier.phases.set(PhasePage.objects.live())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def shared_database(tmp_path):
    """The URL of an empty database the two instances share, removed afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg

    name = f"twin_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def instance(env, port, log_path):
    """One gunicorn process serving the portal on 127.0.0.1:port, until the block ends."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_serving(base_url, process, log_path, timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped ({process.returncode}):\n{log_path.read_text(errors='replace')}")
        try:
            if requests.get(f"{base_url}/connexion/", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"{base_url} does not answer:\n{log_path.read_text(errors='replace')}")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_session_an_answer_and_a_file_cross_from_one_instance_to_the_other(tmp_path):
    with shared_database(tmp_path) as database_url:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
            "DJANGO_SETTINGS_MODULE": "portal.settings.loopback",
            "SECRET_KEY": "deux-instances-une-cle-commune-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
            "LOOPBACK_STATIC": "finders",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        setup = subprocess.run(  # noqa: S603 - this interpreter, with the setup above
            [sys.executable, "-c", SETUP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
        )
        assert setup.returncode == 0, setup.stdout + setup.stderr

        port_a, port_b = free_port(), free_port()
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
        with instance(env, port_a, log_a) as process_a, instance(env, port_b, log_b) as process_b:
            wait_until_serving(a, process_a, log_a)
            wait_until_serving(b, process_b, log_b)
            browser = requests.Session()  # cookies belong to the host, whatever the port: as behind one address

            # Log in on A (CSRF token from A's form); the session is valid on B.
            login = browser.get(f"{a}/connexion/")
            response = browser.post(
                f"{a}/connexion/",
                data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(login.text)},
                allow_redirects=False,
            )
            assert response.status_code == 302, response.text[:2000]
            assert response.headers["Location"].endswith("/tableau-de-bord/")
            dashboard = browser.get(f"{b}/tableau-de-bord/", allow_redirects=False)
            assert dashboard.status_code == 200
            assert "BERNARD" in dashboard.text or "Lucas" in dashboard.text

            # Autosave through A with the form read on B; B shows the answer and the new version.
            page = browser.get(f"{b}/mon-bilan/phases/{PHASE}/").text
            field = re.search(r'<textarea[^>]*name="([^"]+)"', page).group(1)
            answer = "Je veux devenir éducatrice spécialisée — écrit sur A."
            saved = browser.post(
                f"{a}/mon-bilan/phases/{PHASE}/autosave/",
                data={"csrfmiddlewaretoken": csrf_token(page), "version": "0", "save_id": "twin-1", field: answer},
                headers={"X-Requested-With": "XMLHttpRequest"},
            )
            assert saved.status_code == 200, saved.text[:2000]
            assert saved.json()["version"] == 1
            again = browser.get(f"{b}/mon-bilan/phases/{PHASE}/").text
            assert "Je veux devenir éducatrice spécialisée — écrit sur A." in again
            assert 'name="version" value="1"' in again

            # Upload through A, find and download through B.
            folder = browser.get(f"{a}/mon-compte/fichiers/").text
            uploaded = browser.post(
                f"{a}/mon-compte/fichiers/",
                data={"csrfmiddlewaretoken": csrf_token(folder)},
                files={"uploaded": ("mon-cv.pdf", PDF_BYTES, "application/pdf")},
                allow_redirects=False,
            )
            assert uploaded.status_code == 302, uploaded.text[:2000]
            listing = browser.get(f"{b}/mon-compte/fichiers/").text
            assert "mon-cv.pdf" in listing
            download_url = re.search(r'href="(/fichiers/\d+/)"', listing).group(1)
            download = browser.get(f"{b}{download_url}")
            assert download.status_code == 200
            assert download.content == PDF_BYTES
            assert "mon-cv.pdf" in download.headers["Content-Disposition"]

            # Log out on B: the session is gone on A too.
            logout = browser.post(
                f"{b}/deconnexion/", data={"csrfmiddlewaretoken": csrf_token(listing)}, allow_redirects=False
            )
            assert logout.status_code == 302
            after = browser.get(f"{a}/tableau-de-bord/", allow_redirects=False)
            assert after.status_code == 302 and "/connexion/" in after.headers["Location"]

        for log in (log_a, log_b):  # both instances served requests, none failed
            lines = log.read_text(errors="replace")
            assert '" 200 ' in lines
            assert '" 500 ' not in lines and "Traceback" not in lines
