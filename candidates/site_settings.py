"""The portal's settings as edited by administrators (`PortalSettings`), with the server's settings as fallback."""

import base64
import logging

from django.conf import settings

from .models import PortalSettings

logger = logging.getLogger(__name__)


def portal_settings(request=None) -> PortalSettings:
    return PortalSettings.load(request_or_site=request)


def academie_name(request=None) -> str:
    return portal_settings(request).academie_name.strip() or settings.ACADEMIE_NAME


def support_email(request=None) -> str:
    return portal_settings(request).support_email.strip() or settings.SUPPORT_EMAIL


def logo_bytes(portal: PortalSettings) -> tuple[bytes, str] | None:
    """The logo's original file and its MIME type, or None (no logo, or its file is missing)."""
    if not portal.logo_id:
        return None
    image = portal.logo
    try:
        with image.open_file() as handle:
            data = handle.read()
    except OSError:
        logger.warning("Logo file of image %s not readable", portal.logo_id)
        return None
    kind = (image.file.name.rsplit(".", 1)[-1] or "png").lower()
    return data, {"jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}.get(kind, f"image/{kind}")


def logo_data_uri(logo: tuple[bytes, str] | None) -> str:
    """The logo (from `logo_bytes`) inlined as a data: URI (the PDF renderer fetches nothing else), or ""."""
    if not logo:
        return ""
    data, mime = logo
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
