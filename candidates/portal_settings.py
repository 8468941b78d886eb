"""The portal's texts and contacts (*Paramètres › Paramètres du portail*), and how the rest reads them."""

import base64
import logging

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

logger = logging.getLogger(__name__)

DEFAULT_ACCOUNT_EMAIL_TEXT = (
    "{conseiller} vient de créer votre compte sur Mon bilan en ligne, pour votre bilan de compétences."
)


DEFAULT_DOCUMENT_FOOTER = "Document établi par « Mon bilan en ligne »"


@register_setting(icon="cog")
class PortalSettings(BaseGenericSetting):
    """The portal's texts and contacts, edited by administrators in *Paramètres*."""

    academie_name = models.CharField(_("Nom de l'académie"), max_length=150, default="Académie de Montpellier")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Logo"),
        help_text=_("Affiché en tête des attestations et des documents de synthèse."),
    )
    support_email = models.EmailField(
        _("Adresse de courriel du support"),
        blank=True,
        help_text=_("Reçoit les demandes de « Support technique ». Vide : l'adresse de la configuration du serveur."),
    )
    support_phone = models.CharField(_("Téléphone du support"), max_length=30, blank=True)
    account_email_text = models.TextField(
        _("Texte du courriel de création de compte"),
        default=DEFAULT_ACCOUNT_EMAIL_TEXT,
        help_text=_(
            "{conseiller} est remplacé par le nom du conseiller. Le nom d'utilisateur et le lien pour choisir "
            "le mot de passe sont ajoutés automatiquement."
        ),
    )
    document_footer = models.CharField(
        _("Pied de page des documents"), max_length=255, default=DEFAULT_DOCUMENT_FOOTER, blank=True
    )
    journal_retention_months = models.PositiveSmallIntegerField(
        _("Durée de conservation du journal des accès (mois)"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Les entrées plus anciennes sont effacées par la purge quotidienne."),
    )

    class Meta:
        verbose_name = _("paramètres du portail")
        verbose_name_plural = _("paramètres du portail")

    def __str__(self):
        return str(self._meta.verbose_name)


# Reading them ------------------------------------------------------------------------------------


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
