"""Production: every secret comes from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY doit être défini dans l'environnement.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS doit être défini dans l'environnement.")

DEBUG = False
# Persistent database connections (one per gunicorn worker), checked before each reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Uploads in an S3-compatible object store (several servers behind a load balancer share it) when
# S3_BUCKET is set; otherwise on the local disk, MEDIA_ROOT and PRIVATE_MEDIA_ROOT (one server, or a
# shared volume). Keys: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or boto3's own (AWS_*, instance role).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    _s3 = {
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # e.g. https://s3.fr-par.scw.cloud
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,  # "path" for some providers
        "file_overwrite": False,  # a name already taken gets a suffix, as on disk
        "querystring_auth": True,  # the bucket need not be public: URLs are signed
    }
    _private_bucket = os.environ.get("S3_PRIVATE_BUCKET") or S3_BUCKET
    _media_location = os.environ.get("S3_MEDIA_LOCATION", "media")
    _private_location = os.environ.get("S3_PRIVATE_LOCATION", "private")
    if _private_bucket == S3_BUCKET and _private_location == _media_location:
        raise ImproperlyConfigured("S3_PRIVATE_LOCATION doit différer de S3_MEDIA_LOCATION dans un même bucket.")
    # Editors' images and documents (Wagtail).
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "bucket_name": S3_BUCKET, "location": _media_location},
    }
    # Confidential files: private objects, read only through the portal's permission-checked views
    # (a signed URL, if ever asked for, expires within a minute).
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": _private_bucket,
            "location": _private_location,
            "default_acl": "private",
            "querystring_expire": 60,
            "custom_domain": None,
        },
    }
    # Wagtail documents through the portal (collection privacy applies), not by redirection to the store.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Several instances share the cache (Wagtail's site root paths, the redirects import between its two
# steps): a table of the database, created by `manage.py createcachetable`.
CACHES["default"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_cache",
}
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"  # not a temporary file on the instance that got the upload

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

LOGGING["root"]["level"] = "INFO"  # noqa: F405
