"""Where confidential files live (avatars, *Mes fichiers*, published synthèses): the storage
`STORAGES["private"]` of the settings, never served by URL, only through permission-checked views.

On one server it is the disk under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT); with several servers, a
private bucket or prefix of an S3-compatible store (portal/settings/production.py). The model fields
keep `private_storage` as their storage callable, so that migrations do not depend on the settings."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """The local disk under PRIVATE_MEDIA_ROOT, read when first used (as FileSystemStorage reads MEDIA_ROOT)."""

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used, and again after the settings change (tests)."""

    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


_private = PrivateStorage()


def private_storage():
    """The storage of the confidential files' model fields."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty
