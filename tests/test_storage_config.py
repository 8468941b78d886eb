"""Uploads go through Django's storage API only: with both storages (`STORAGES["default"]` and
`STORAGES["private"]`) replaced by an in-memory one, which has no file-system path, every upload and
download still works and nothing reaches the disk; and the production settings with S3 variables
put both in S3-compatible buckets (the private one private, with signed, short-lived URLs only)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils._os import safe_join
from PIL import Image

from candidates import portal_settings
from candidates.models import PortalSettings, PrivateFile, Synthesis, SynthesisVersion, User

from .phase_builders import complete_phase
from .samples import PDF_BYTES

ROOT = Path(__file__).resolve().parent.parent
IN_MEMORY = {"BACKEND": "tests.test_storage_config.ObjectStoreLikeStorage"}


class ObjectStoreLikeStorage(InMemoryStorage):
    """Django's in-memory storage without its make-believe file-system path, as S3: whatever still
    needs `.path` (or the disk) fails here."""

    def path(self, name):
        raise NotImplementedError("This storage has no file-system path.")

    def _relative_path(self, name):  # InMemoryStorage's own bookkeeping went through path()
        return os.path.relpath(safe_join(self.location, name), self.location)


def png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def files_on_disk(root) -> list[Path]:
    root = Path(root)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def in_memory(settings, tmp_path):
    """Both upload storages in memory (no `.path`, no disk); the disk folders must stay empty."""
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private-media"
    settings.STORAGES = {**settings.STORAGES, "default": IN_MEMORY, "private": IN_MEMORY}
    yield storages
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert files_on_disk(root) == [], f"something was written under {root}"


@pytest.mark.django_db
def test_a_private_file_is_uploaded_downloaded_and_deleted_through_the_storage_api(
    client, candidate, counsellor, in_memory, django_capture_on_commit_callbacks
):
    client.force_login(candidate)
    response = client.post(reverse("files:mine"), {"uploaded": SimpleUploadedFile("cv.pdf", PDF_BYTES)})
    assert response.status_code == 302
    private_file = PrivateFile.objects.get(owner=candidate)
    assert isinstance(private_file.file.storage._wrapped, ObjectStoreLikeStorage)
    assert in_memory["private"].exists(private_file.file.name)
    assert not in_memory["default"].exists(private_file.file.name)

    download = client.get(reverse("files:download", args=[private_file.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Length"] == str(len(PDF_BYTES))
    client.force_login(counsellor)  # the counsellor reads the candidate's folder
    assert b"".join(client.get(reverse("files:download", args=[private_file.pk])).streaming_content) == PDF_BYTES

    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("files:delete", args=[private_file.pk]), {"confirm": "on"})
    assert not PrivateFile.objects.exists()
    assert not in_memory["private"].exists(private_file.file.name)


@pytest.mark.django_db
def test_an_avatar_is_stored_and_served_through_the_storage_api(client, candidate, counsellor, in_memory):
    client.force_login(candidate)
    data = {"first_name": "Lucas", "last_name": "BERNARD", "email": candidate.email, "phone": "0466568978"}
    photo = SimpleUploadedFile("photo.png", png(), content_type="image/png")
    assert client.post(reverse("accounts:profile_edit"), {**data, "avatar": photo}).status_code == 302
    candidate.refresh_from_db()
    assert in_memory["private"].exists(candidate.avatar.name)
    for person in (candidate, counsellor):
        client.force_login(person)
        picture = client.get(reverse("accounts:avatar", args=[candidate.pk]))
        assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
        assert Image.open(io.BytesIO(picture.content)).format == "JPEG"
    # The counsellor's form shows the picture through the permission-checked view, not a storage URL.
    page = client.get(reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])).content.decode()
    assert reverse("accounts:avatar", args=[candidate.pk]) in page


@pytest.mark.django_db
def test_a_published_synthesis_is_stored_and_downloaded_through_the_storage_api(
    client, counsellor, modular_candidate, phases, in_memory
):
    complete_phase(modular_candidate, phases[0], "Je souhaite me reconvertir dans le social")
    dossier = modular_candidate.dossier
    client.force_login(counsellor)
    assert (
        client.post(reverse("synthesis_publish", args=[dossier.pk]), {"number": 1, "empty_confirmed": "on"}).status_code
        == 302
    )
    stored = Synthesis.objects.get(dossier=dossier).latest.docx
    assert in_memory["private"].exists(stored.name)
    client.force_login(modular_candidate)
    download = client.get(reverse("synthesis_published", args=[dossier.pk]))
    assert download.status_code == 200
    assert download.content == in_memory["private"].open(stored.name).read()
    assert download.content.startswith(b"PK")


@pytest.mark.django_db
def test_wagtail_images_and_documents_use_the_default_storage(client, administrator, settings, in_memory):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image as WagtailImage

    image = WagtailImage.objects.create(title="Logo", file=ContentFile(png(), name="logo.png"))
    assert in_memory["default"].exists(image.file.name)
    rendition = image.get_rendition("fill-16x16")
    assert in_memory["default"].exists(rendition.file.name)
    portal = PortalSettings.load()
    portal.logo = image
    portal.save()
    logo = portal_settings.logo_bytes(PortalSettings.load())  # read back for the PDF and .docx documents
    assert logo is not None and logo[0] == png() and logo[1] == "image/png"

    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"  # as production sets it with S3
    document = Document.objects.create(title="Guide", file=ContentFile(PDF_BYTES, name="guide.pdf"))
    assert in_memory["default"].exists(document.file.name)
    client.force_login(administrator)
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF_BYTES


def test_the_private_storage_comes_from_the_settings():
    field_storage = PrivateFile._meta.get_field("file").storage
    assert field_storage is User._meta.get_field("avatar").storage
    assert field_storage is SynthesisVersion._meta.get_field("docx").storage
    assert field_storage.location == os.path.abspath(django_settings.PRIVATE_MEDIA_ROOT)
    # The fields name the callable, not the storage: migrations do not depend on the settings.
    assert PrivateFile._meta.get_field("file").deconstruct()[3]["storage"].__name__ == "private_storage"


# Production settings, imported in a fresh interpreter ------------------------------------------------------------

PROBE = """
import json
import django

django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages

from candidates.models import PrivateFile

default, private = storages["default"], storages["private"]
field = PrivateFile._meta.get_field("file").storage
print(json.dumps({
    "default": type(default).__module__ + "." + type(default).__name__,
    "private": type(private).__module__ + "." + type(private).__name__,
    "field": field.__class__.__name__,
    "default_storage": default_storage.__class__.__name__,
    "default_bucket": getattr(default, "bucket_name", None),
    "default_location": getattr(default, "location", None),
    "private_bucket": getattr(private, "bucket_name", None),
    "private_location": getattr(private, "location", None),
    "private_acl": getattr(private, "default_acl", None),
    "private_querystring_auth": getattr(private, "querystring_auth", None),
    "private_expire": getattr(private, "querystring_expire", None),
    "private_custom_domain": getattr(private, "custom_domain", "absent"),
    "private_overwrite": getattr(private, "file_overwrite", None),
    "private_url": private.url("fichiers/1/abc") if hasattr(private, "bucket_name") else None,
    "docs_serve": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None),
    "cache": settings.CACHES["default"]["BACKEND"],
}))
"""


def production_probe(tmp_path, **variables) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "S3_"))}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7#Qm2!vR9pL@4sT8wZ1&nB6yK3^hJ5eD0cF+gU*aX-oI=rE-storage-check",
        ALLOWED_HOSTS="monbilanenligne.example.fr",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        **variables,
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, with the probe above
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_VARIABLES = {
    "S3_BUCKET": "monbilan-media",
    "S3_PRIVATE_BUCKET": "monbilan-prive",
    "S3_ENDPOINT_URL": "https://s3.fr-par.example.test",
    "S3_REGION": "fr-par",
    "S3_ACCESS_KEY_ID": "AKIAEXEMPLE",
    "S3_SECRET_ACCESS_KEY": "secret-exemple-pour-le-test",
}


def test_production_with_s3_variables_stores_uploads_in_s3(tmp_path):
    probe = production_probe(tmp_path, **S3_VARIABLES)
    assert probe["default"] == probe["private"] == "storages.backends.s3.S3Storage"
    assert probe["field"] == probe["default_storage"] == "S3Storage"
    assert (probe["default_bucket"], probe["default_location"]) == ("monbilan-media", "media")
    assert (probe["private_bucket"], probe["private_location"]) == ("monbilan-prive", "private")
    assert probe["private_acl"] == "private"
    assert probe["private_querystring_auth"] is True and probe["private_expire"] == 60
    assert probe["private_custom_domain"] is None and probe["private_overwrite"] is False
    url = probe["private_url"]  # computed locally: signed, short-lived, never a public address
    assert "monbilan-prive" in url and "private/fichiers/1/abc" in url
    assert "X-Amz-Signature=" in url or "Signature=" in url
    assert probe["docs_serve"] == "serve_view"


def test_production_with_one_bucket_keeps_private_files_under_their_own_prefix(tmp_path):
    variables = {key: value for key, value in S3_VARIABLES.items() if key != "S3_PRIVATE_BUCKET"}
    probe = production_probe(tmp_path, **variables)
    assert probe["default_bucket"] == probe["private_bucket"] == "monbilan-media"
    assert probe["default_location"] != probe["private_location"]


def test_production_without_s3_keeps_the_local_disk(tmp_path):
    probe = production_probe(tmp_path)
    assert probe["default"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert probe["private"] == "candidates.storage.PrivateFileSystemStorage"
    assert probe["docs_serve"] is None
    assert probe["cache"] == "django.core.cache.backends.db.DatabaseCache"
