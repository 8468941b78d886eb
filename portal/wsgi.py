import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Import the URLconf, and through it every view (WeasyPrint is the heavy one), while the server process
# starts rather than during its first request: that request took 0.7 s alone, 2 s when the five workers
# of a fresh gunicorn got theirs at once (docs/load-run.md).
import_module(settings.ROOT_URLCONF)
