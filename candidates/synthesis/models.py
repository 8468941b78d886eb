import uuid

from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from phases.synthesis_sections import SynthesisSection

from .. import storage
from ..accounts.models import User
from ..dossiers.models import Dossier

# Characters of one section's HTML (about ten pages of the document).
SECTION_MAX_LENGTH = 40_000


def synthesis_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1]
    return f"syntheses/{uuid.uuid4().hex}.{extension}"


class Synthesis(models.Model):
    """The *document de synthèse* of a dossier as the counsellor writes it (four sections of rich
    text, the phases left out of its annex), the beneficiary's observations, and its published
    versions (`versions`)."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="synthesis", verbose_name=_("dossier")
    )
    circonstances = models.TextField(SynthesisSection.CIRCUMSTANCES.label, blank=True, max_length=SECTION_MAX_LENGTH)
    competences = models.TextField(SynthesisSection.SKILLS.label, blank=True, max_length=SECTION_MAX_LENGTH)
    projets = models.TextField(SynthesisSection.PROJECTS.label, blank=True, max_length=SECTION_MAX_LENGTH)
    etapes = models.TextField(SynthesisSection.STEPS.label, blank=True, max_length=SECTION_MAX_LENGTH)
    left_out = models.ManyToManyField(
        "phases.PhasePage",
        blank=True,
        related_name="+",
        verbose_name=_("phases laissées hors de l'annexe"),
        help_text=_("Les phases terminées que cette synthèse ne reprend pas dans « Réponses aux exercices »."),
    )
    version = models.PositiveIntegerField(_("version du brouillon"), default=0)
    last_save_id = models.CharField(max_length=40, blank=True, editable=False)
    updated_at = models.DateTimeField(_("brouillon modifié le"), null=True, blank=True)
    observations = models.TextField(_("Mes observations"), blank=True, max_length=20_000)
    observations_at = models.DateTimeField(_("observations du"), null=True, blank=True)

    class Meta:
        verbose_name = _("document de synthèse")
        verbose_name_plural = _("documents de synthèse")

    def __str__(self):
        return f"Synthèse du dossier {self.dossier_id}"

    def sections(self) -> list[tuple[SynthesisSection, str]]:
        """[(section, its HTML)] in the document's order."""
        return [(section, getattr(self, section.value)) for section in SynthesisSection]

    @property
    def latest(self):
        """The version the beneficiary sees: the last one published, or None."""
        return self.versions.first()

    @property
    def is_published(self) -> bool:
        return self.latest is not None

    def stored_files(self) -> list:
        """The files of every published version (deleted with the synthèse)."""
        return [stored for version in self.versions.all() for stored in (version.docx, version.pdf) if stored.name]


class SynthesisVersion(models.Model):
    """One publication of the synthèse: the document as it was that day, frozen (.docx, and the PDF
    when it could be laid out)."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("publiée par")
    )
    docx = models.FileField(_("document (.docx)"), storage=storage.private_storage, upload_to=synthesis_path)
    pdf = models.FileField(_("document (PDF)"), storage=storage.private_storage, upload_to=synthesis_path, blank=True)

    class Meta:
        verbose_name = _("version publiée de la synthèse")
        verbose_name_plural = _("versions publiées de la synthèse")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["synthesis", "number"], name="candidates_synthesis_version_number")
        ]

    def __str__(self):
        return f"Version {self.number}"


class SharingConsent(models.Model):
    """The beneficiary's consent that their synthèse be given to someone else (an employer, a CEP
    operator…): to whom, since when, until they revoke it. Without one, it is « Communicable à :
    personne »."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="sharing_consents", verbose_name=_("dossier")
    )
    recipient = models.CharField(
        _("Destinataire"),
        max_length=200,
        help_text=_("À qui votre synthèse peut être remise, par exemple « mon employeur, la société Dupont »."),
    )
    given_at = models.DateTimeField(_("accord donné le"))
    revoked_at = models.DateTimeField(_("accord retiré le"), null=True, blank=True)

    class Meta:
        verbose_name = _("accord de communication de la synthèse")
        verbose_name_plural = _("accords de communication de la synthèse")
        ordering = ["given_at", "pk"]

    def __str__(self):
        return self.recipient

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def communicable_to(consents) -> str:
    """The line the synthèse's header carries: « Communicable à : personne », or the recipients of the
    active consents with the day each was given."""
    recipients = [
        _("%(recipient)s (accord du %(day)s)")
        % {"recipient": consent.recipient, "day": f"{localtime(consent.given_at):%d/%m/%Y}"}
        for consent in consents
        if consent.is_active
    ]
    return _("Communicable à : %(recipients)s") % {"recipients": " ; ".join(recipients) or _("personne")}
