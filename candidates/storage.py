"""Where confidential files live: outside MEDIA_ROOT, never served by URL, only through
permission-checked views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
