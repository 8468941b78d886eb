"""Settings for benchmarks: production-like (DEBUG off, the real middleware, the default password
hasher, persistent database connections as a production server keeps them), plus the bench-only
URLconf with the floor views. Never used to serve the portal."""

import os

from portal.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405  (manage.py bench_data: generated data)
