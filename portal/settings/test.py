import os
import tempfile

from .base import *  # noqa: F403

DEMO_CONTENT_ALLOWED = True  # seed_demo

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the request: unit tests stay deterministic and read mail.outbox.
# tests/test_mail_worker.py runs the database backend and a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: its table locks fail at once where a real file
    # waits, so tests that race two requests in threads would not behave as the portal does.
    # One file per test process, so that two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"monbilan-test-{os.getpid()}.sqlite3")}  # noqa: F405
