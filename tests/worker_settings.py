"""Settings of the `db_worker` that tests/test_mail_worker.py starts: the test settings with the database
backend of production, the test run's database (WORKER_DATABASE_NAME), SMTP to the sink on 127.0.0.1
(WORKER_SMTP_PORT), and retries a few seconds apart rather than minutes."""

import os

from portal.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DATABASES["default"]["NAME"] = os.environ["WORKER_DATABASE_NAME"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["WORKER_SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 5
EMAIL_RETRY_DELAYS = [1, 2, 3, 5, 10]
