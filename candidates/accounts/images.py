"""Uploaded pictures are checked by their content and re-encoded: only clean, small JPEGs are stored."""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
# An avatar is shown at most 512 pixels wide: 16 megapixels (a 12-megapixel phone photo fits) is
# plenty, and is checked from the header, before anything is decoded.
MAX_PIXELS = 16_000_000
MAX_SIDE = 512
JPEG_QUALITY = 85

WRONG_TYPE = _("Choisissez une image JPEG, PNG ou WebP.")
TOO_HEAVY = _("L'image ne doit pas dépasser 5 Mo.")
TOO_LARGE = _("L'image est trop grande : 16 mégapixels au plus (par exemple 4 000 × 4 000 pixels).")


def _open(uploaded_file) -> Image.Image:
    """Open by content (never by name), refusing anything whose header announces too many pixels."""
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded_file, formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(TOO_LARGE, code="too_large") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(WRONG_TYPE, code="invalid_image") from error
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(WRONG_TYPE, code="invalid_image")
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(TOO_LARGE, code="too_large")
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB copy with no metadata at all; transparency becomes white."""
    image = ImageOps.exif_transpose(image)
    rgba = image.convert("RGBA")
    clean = Image.new("RGB", rgba.size, "white")
    clean.paste(rgba, mask=rgba.getchannel("A"))
    return clean


def reencode_image(uploaded_file) -> ContentFile:
    """The upload as a JPEG of at most 512×512 pixels, without EXIF; ValidationError if it is refused."""
    if uploaded_file.size > settings.AVATAR_MAX_BYTES:
        raise ValidationError(TOO_HEAVY, code="too_heavy")
    image = _open(uploaded_file)
    try:
        with image:
            # Reduced first (a JPEG is even decoded at 1/2 to 1/8 scale), then flattened at 512 pixels.
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            clean = _flatten(image)
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(WRONG_TYPE, code="invalid_image") from error
    output = io.BytesIO()
    clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(output.getvalue(), name="avatar.jpg")
