import gc
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

# What is loaded by now (Django, Wagtail, the views: some 250 000 objects) lives as long as the process: set
# apart from the garbage collector, whose collections walked it again during requests, 1.4 ms a request on
# average, a full collection taking tens of milliseconds (docs/performance.md, change 20).
gc.freeze()
