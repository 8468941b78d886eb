"""The portal's texts and contacts (*Paramètres › Paramètres du portail*), and how the rest reads them."""

import base64
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.compiled_queries import CompiledOnce

from .storage import private_storage

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
    # The counsellors' alerts (« À suivre » on their dashboard, candidates/alerts/rules.py).
    alert_inactivity_days = models.PositiveSmallIntegerField(
        _("Alerte : jours sans activité du candidat"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Un bilan en cours est signalé quand le candidat n'a rien enregistré depuis ce nombre de jours."),
    )
    alert_no_appointment_days = models.PositiveSmallIntegerField(
        _("Alerte : jours sans rendez-vous prévu"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Un bilan en cours est signalé quand aucun rendez-vous n'est prévu dans ce nombre de jours."),
    )
    alert_ending_days = models.PositiveSmallIntegerField(
        _("Alerte : jours avant la fin du bilan"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Un bilan qui se termine dans ce nombre de jours est signalé s'il reste des phases non terminées."),
    )

    followup_delay_months = models.PositiveSmallIntegerField(
        _("Délai du suivi après la fin du bilan (mois)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_(
            "Le candidat reçoit le questionnaire « Suivi à six mois » ce nombre de mois après la fin de son bilan ; "
            "son conseiller le voit comme un rendez-vous de suivi à proposer."
        ),
    )
    satisfaction_anonymous = models.BooleanField(
        _("Réponses anonymes pour le conseiller"),
        default=True,
        help_text=_(
            "Appréciation de fin de bilan : le conseiller ne voit que des résultats d'ensemble, à partir de "
            "5 réponses, sans les réponses rédigées. Décochée : il lit aussi les réponses rédigées, sans nom."
        ),
    )

    class Meta:
        verbose_name = _("paramètres du portail")
        verbose_name_plural = _("paramètres du portail")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def _get_or_create(cls):
        """The one row (Wagtail's `load` and `for_request` come here), read on every page by the layout: its query
        is compiled once per process. With no row yet, the first is created, as Wagtail creates it."""
        found = _THE_ROW.fetch(None, probe=None, shape=())
        return found[0] if found else cls.objects.create()


_THE_ROW = CompiledOnce(lambda _: PortalSettings.base_queryset().order_by("pk")[:1])


# Reading them ------------------------------------------------------------------------------------


def portal_settings(request=None) -> PortalSettings:
    return PortalSettings.load(request_or_site=request)


def academie_name(request=None) -> str:
    return _academie(portal_settings(request))


def _academie(portal: PortalSettings) -> str:
    return portal.academie_name.strip() or settings.ACADEMIE_NAME


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
    return data, _mime(kind)


MIME_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def _mime(extension: str) -> str:
    return MIME_TYPES.get(extension, f"image/{extension}")


def logo_data_uri(logo: tuple[bytes, str] | None) -> str:
    """The logo (from `logo_bytes`) inlined as a data: URI (the PDF renderer fetches nothing else), or ""."""
    if not logo:
        return ""
    data, mime = logo
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


# The header and footer of every page ---------------------------------------------------------------

SITE_TITLE = "Mon bilan en ligne"


class SiteIdentity:
    """What django-dsfr's header and footer (and its base template) read as `SITE_CONFIG`, made from the
    Paramètres instead of its own `DsfrConfig` model: the académie's name is set in one place only."""

    site_title = SITE_TITLE
    header_brand = footer_brand = "République française"
    header_brand_html = footer_brand_html = "République<br>française"
    beta_tag = mourning = False
    notice_title = notice_description = ""
    operator_logo_file = operator_logo_alt = None

    def __init__(self, portal: PortalSettings):
        self.academie = _academie(portal)
        self.site_tagline = f"Bilan de compétences — {self.academie}"
        # Shown as HTML by django-dsfr's footer (`|safe`): the name is escaped here.
        self.footer_description = format_html("{} : le bilan de compétences des DABM — {}.", SITE_TITLE, self.academie)


def site_identity(request) -> SiteIdentity:
    """The header's and footer's identity, from the settings the request has loaded (or loads, once)."""
    return SiteIdentity(portal_settings(request))


# What an issued document shows ---------------------------------------------------------------------

LOGO_FOLDER = "documents/logos"


def document_identity(portal: PortalSettings | None = None) -> dict:
    """The académie's name, the documents' footer and the logo as they are now, to be kept with a document
    issued now (`Attestation.issued_with`), so that it reads the same when the settings change later.
    "logo" is the name, in the private storage, of a frozen copy of the logo (see `freeze_logo`), or ""."""
    portal = portal or portal_settings()
    return {"academie": _academie(portal), "footer": portal.document_footer, "logo": freeze_logo(logo_bytes(portal))}


def freeze_logo(logo: tuple[bytes, str] | None) -> str:
    """A copy of the logo (from `logo_bytes`) that nothing changes or deletes, named after its content: one
    file per logo ever used, however many documents show it (editing the Wagtail image, or choosing another,
    leaves it as it is). Returns its name in the private storage, or "" (no logo)."""
    if not logo:
        return ""
    data, mime = logo
    extension = {"image/jpeg": "jpg", "image/svg+xml": "svg"}.get(mime, mime.rsplit("/", 1)[-1])
    name = f"{LOGO_FOLDER}/{hashlib.sha256(data).hexdigest()}.{extension}"
    if private_storage().exists(name):
        return name
    return private_storage().save(name, ContentFile(data))


def frozen_logo(name: str) -> tuple[bytes, str] | None:
    """The logo kept by `freeze_logo` (bytes and MIME type, as `logo_bytes` returns them), or None."""
    if not name:
        return None
    try:
        with private_storage().open(name, "rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Frozen logo %s not readable", name)
        return None
    return data, _mime(name.rsplit(".", 1)[-1].lower())
