"""*Mes fichiers*: what may be uploaded is decided by the file's content, never by its name or by
what the browser says; the extension must then agree with the content."""

import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

LABELS = {PDF: "PDF", DOCX: "DOCX", ODT: "ODT", JPEG: "JPEG", PNG: "PNG"}
TYPE_OF_EXTENSION = {".pdf": PDF, ".docx": DOCX, ".odt": ODT, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
ACCEPT = ",".join([*TYPE_OF_EXTENSION, *LABELS])  # the file input's `accept` attribute

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_NAME_LENGTH = 255
KILO, MEGA = 1024, 1024 * 1024


def size_label(size: int) -> str:
    """A size as people read it, in French: "12 Ko", "1,5 Mo", "10 Mo"."""
    if size < MEGA:
        return f"{max(1, -(-size // KILO))} Ko" if size else "0 Ko"
    megabytes = round(size / MEGA, 1)
    number = f"{megabytes:.0f}" if megabytes == int(megabytes) else f"{megabytes:.1f}".replace(".", ",")
    return f"{number} Mo"


def wrong_type_message() -> str:
    return _("Type de fichier non accepté : PDF, DOCX, ODT, JPEG ou PNG seulement.")


def too_big_message() -> str:
    return _("Le fichier dépasse %(max)s.") % {"max": size_label(settings.PRIVATE_FILE_MAX_BYTES)}


def folder_full_message() -> str:
    return _("Ce dossier est plein : %(max)s au plus. Supprimez des fichiers pour en ajouter.") % {
        "max": size_label(settings.PRIVATE_FOLDER_QUOTA_BYTES)
    }


def help_text() -> str:
    return _(
        "Formats acceptés : PDF, DOCX, ODT, JPEG ou PNG. %(file)s au plus par fichier, %(folder)s pour tout le dossier."
    ) % {
        "file": size_label(settings.PRIVATE_FILE_MAX_BYTES),
        "folder": size_label(settings.PRIVATE_FOLDER_QUOTA_BYTES),
    }


def clean_name(name: str) -> str:
    """The uploaded name, fit for display and for a download header: its last path part, without
    control or invisible formatting characters (e.g. right-to-left overrides), 255 characters at
    most (the extension kept)."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    name = name.strip().strip(".").strip()
    if not name:
        return "fichier"
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) < 10:
            name = f"{stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip()}.{extension}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def _zip_type(uploaded) -> str | None:
    """DOCX or ODT by the archive's structure; only the directory and the tiny `mimetype` entry are read."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            if entries and entries[0].filename == "mimetype" and entries[0].file_size < 100:
                with archive.open(entries[0]) as mimetype:
                    if mimetype.read(100) == ODT.encode():
                        return ODT
            names = {entry.filename for entry in entries}
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    return None


def detect_type(uploaded) -> str | None:
    """The accepted type this file's content is, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(PNG_SIGNATURE):
        return PNG
    if head.startswith(ZIP_SIGNATURE):
        return _zip_type(uploaded)
    return None


def check_upload(uploaded) -> str:
    """The content type of an acceptable upload (detected from its bytes); ValidationError otherwise."""
    if uploaded.size > settings.PRIVATE_FILE_MAX_BYTES:
        raise ValidationError(too_big_message(), code="too_big")
    if not uploaded.size:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    expected = TYPE_OF_EXTENSION.get(extension_of(clean_name(uploaded.name)))
    if expected is None:
        raise ValidationError(wrong_type_message(), code="wrong_type")
    detected = detect_type(uploaded)
    uploaded.seek(0)
    if detected != expected:
        raise ValidationError(
            _("Ce fichier n'est pas un %(type)s valide.") % {"type": LABELS[expected]}, code="wrong_content"
        )
    return detected
