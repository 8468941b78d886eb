"""Production settings served over plain HTTP on this machine only (127.0.0.1, localhost), for the
two-instance test (tests/test_two_instances.py) and the load run (`make load`).

Everything else is production's: DEBUG off, secrets, database and media from the environment,
WhiteNoise, the database cache, PBKDF2 passwords. Only what needs TLS is relaxed (HTTPS redirect,
HSTS, Secure cookies), and only for loopback hosts: any other host in ALLOWED_HOSTS is refused.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .production import *  # noqa: F403

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
if set(ALLOWED_HOSTS) - LOOPBACK_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("portal.settings.loopback sert en HTTP sans TLS : 127.0.0.1 et localhost seulement.")

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
CSRF_TRUSTED_ORIGINS = [f"http://{host}" for host in ALLOWED_HOSTS]  # noqa: F405

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", STATIC_ROOT))  # noqa: F405
if os.environ.get("LOOPBACK_STATIC") == "finders":
    # Static files straight from the apps' folders, without `collectstatic` (a test that does not
    # look at them saves half a minute); the load run collects and compresses them as in production.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
    WHITENOISE_USE_FINDERS = True

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405  (the load run generates its data: manage.py bench_data)
