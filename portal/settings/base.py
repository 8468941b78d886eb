"""Settings shared by every environment. Secrets and the database come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "home",
    "phases",
    "skills",
    "candidates",
    "documents",
    "dsfr",
    "widget_tweaks",
    "wagtail_modeladmin",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users, whose Utilisateurs manage the académie's staff only (Wagtail 8 has no WAGTAIL_USER_* forms)
    "candidates.accounts.users_app.StaffUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "portal.frame_stack.FrameStackMiddleware",  # first: the request's frames in a chunk of their own
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "candidates.accounts.middleware.MinuteSessionMiddleware",  # Django's, the expiry slid once a minute
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "candidates.accounts.middleware.NullCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "candidates.accounts.middleware.AdminAccessMiddleware",
    "candidates.accounts.middleware.SessionLifetimeMiddleware",
    "candidates.accounts.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_config",  # the Paramètres, not DsfrConfig
                "home.context_processors.navigation",
                "portal.context_processors.csp_nonce",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The layout's parts that are the same for everyone (templates/base.html), rendered once per process and
    # keyed by what they show: nothing there expires, a new key replaces it.
    "layout": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "layout",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 100},
    },
}

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes the write lock when it begins: two requests writing at once queue up
    # (for up to 20 s) instead of the second failing with "database is locked" half-way through.
    # Write-ahead log: readers never wait for a writer, and a commit appends to the log instead of
    # rewriting a journal file (fsynced all the same: `synchronous` stays FULL, nothing is lost).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("PG_PREPARE", "on") != "off":
    # Parameters sent apart from the SQL (server-side binding), so that psycopg prepares a statement its
    # connection has run five times: PostgreSQL then parses and plans it once per connection, not at every
    # request (docs/performance.md, change 19). A pooler in transaction mode cannot keep prepared
    # statements: PG_PREPARE=off for one.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "candidates.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "candidates.accounts.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): 5 failures for one username from one address lock that pair
# for 15 minutes; the lock-out page explains it in French (HTTP 429, candidates/accounts/lockout.py).
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "candidates.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies (load balancer, TLS front end), the client's address is the one the
# outermost trusted proxy saw: set TRUSTED_PROXY_COUNT to the number of proxies in front of Django.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "candidates.accounts.lockout.client_ip"

# Sessions: 30 minutes of inactivity end a session; whatever the activity, it ends 10 hours after
# login (candidates.accounts.middleware.SessionLifetimeMiddleware). Django gives a new key at each login.
# An unchanged session is rewritten, its expiry slid, once a minute at most (MinuteSessionMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = 10 * 60 * 60

# Security headers. The portal serves its scripts from /static/ only: no inline script.
# The Wagtail admin needs inline scripts and styles: it keeps X-Frame-Options only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Confidential files (avatars, *Mes fichiers*, published synthèses): PRIVATE_MEDIA_ROOT, or a
    # private S3 bucket in production (candidates/storage.py, portal/settings/production.py).
    "private": {"BACKEND": "candidates.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mon bilan en ligne <ne-pas-repondre@monbilanenligne.fr>")
# Every e-mail is a task (candidates/mail.py, send_email) stored in the database and run by a worker
# beside the server (`manage.py db_worker`, README *Déploiement*); Wagtail's own background tasks use
# the same backend. On an SMTP failure the task tries again after each of these delays (seconds),
# then the failure is journalled for the administrators.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60]
TASK_RESULTS_KEPT_DAYS = 30  # then the daily jobs delete a finished task, and its arguments (an e-mail's body)

# The académie running this portal; shown in the header and on documents.
ACADEMIE_NAME = os.environ.get("ACADEMIE_NAME", "Académie de Montpellier")
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@monbilanenligne.fr")

WAGTAIL_SITE_NAME = "Mon bilan en ligne"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/connexion/"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # never send staff e-mail hashes to a third party
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would call an outside server at every login
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

DSFR_MARK_OPTIONAL_FIELDS = False

# `manage.py seed_demo` creates accounts with a published password: development and tests only.
DEMO_CONTENT_ALLOWED = False

# Largest avatar a person may upload (it is then re-encoded as a small JPEG).
AVATAR_MAX_BYTES = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Confidential files (published synthèses, candidates' files): never under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))

# *Mes fichiers*: the largest file one may upload, and the most one person's folder may hold.
PRIVATE_FILE_MAX_BYTES = 10 * 1024 * 1024
PRIVATE_FOLDER_QUOTA_BYTES = 100 * 1024 * 1024

# Days after the end of a bilan before its working documents are destroyed (purge_expired, daily).
RETENTION_DELAY_DAYS = int(os.environ.get("RETENTION_DELAY_DAYS", "30"))

# *Appréciation de fin de bilan*: the reminders, in days after the invitation (none once answered).
SATISFACTION_REMINDER_DAYS = (7, 14)
# `run_daily_jobs --force` takes over a run of the day that started this long ago and never finished.
DAILY_RUN_STALE_HOURS = 6
