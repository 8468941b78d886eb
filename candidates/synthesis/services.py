"""The document de synthèse: the counsellor's draft, its publication in versions, the beneficiary's
observations, and their consents (communication to someone else; keeping it after the bilan, R6313-8)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phases.synthesis_sections import SynthesisSection

from ..accounts.models import User
from ..dossiers.models import Dossier
from ..dossiers.services import StaleVersion
from ..journal import services as journal
from . import emails
from .models import SharingConsent, Synthesis, SynthesisVersion
from .rich_text import clean_html, is_empty


class AlreadyPublished(Exception):
    """The version a confirmation was for is already published (a double submit, another tab)."""

    def __init__(self, latest: SynthesisVersion | None):
        super().__init__(latest)
        self.latest = latest


def _locked(dossier: Dossier) -> Synthesis:
    synthesis, _created = Synthesis.objects.select_for_update().get_or_create(dossier=dossier)
    return synthesis


@transaction.atomic
def synthesis_save(
    *, actor: User, dossier: Dossier, sections: dict, left_out, version: int, save_id: str = ""
) -> Synthesis:
    """Save the counsellor's draft — `sections` {SynthesisSection value: HTML}, the phases `left_out`
    of the annex — if `version` is still the saved one (else StaleVersion: the caller keeps the text).
    A repeated `save_id` (an autosave retried after a lost reply) is answered without saving twice."""
    synthesis = _locked(dossier)
    if save_id and save_id == synthesis.last_save_id and synthesis.version == version + 1:
        return synthesis
    if synthesis.version != version:
        raise StaleVersion(synthesis.version)
    for section in SynthesisSection:
        if section.value in sections:
            setattr(synthesis, section.value, clean_html(sections[section.value]))
    synthesis.version += 1
    synthesis.last_save_id = save_id
    synthesis.updated_at = timezone.now()
    synthesis.full_clean(exclude=["dossier"], validate_unique=False, validate_constraints=False)
    synthesis.save()
    if left_out is not None:
        synthesis.left_out.set(left_out)
    journal.record(actor, journal.Action.SYNTHESIS_SAVED, dossier=dossier, obj=synthesis)
    return synthesis


def empty_sections(synthesis: Synthesis | None) -> list[SynthesisSection]:
    """The sections the counsellor has not written (publishing them asks for a confirmation)."""
    if synthesis is None:
        return list(SynthesisSection)
    return [section for section, text in synthesis.sections() if is_empty(text)]


@transaction.atomic
def synthesis_publish(
    *,
    actor: User,
    dossier: Dossier,
    docx: bytes,
    pdf: bytes | None,
    empty_confirmed: bool,
    absolute_url: Callable[[str], str],
    number: int | None = None,
) -> SynthesisVersion:
    """Publish a new version: the document as generated now is frozen (.docx, and the PDF when it
    could be laid out), dated, and the beneficiary is told by e-mail (without its content). A section
    left empty must be confirmed as meant to be empty (`empty_confirmed`), else ValidationError.
    `number`, when given, is the version the counsellor confirmed: if it is already published (the
    same confirmation sent twice), nothing is published again (AlreadyPublished)."""
    synthesis = _locked(dossier)
    latest = synthesis.versions.first()
    if number is not None and number != (latest.number if latest else 0) + 1:
        raise AlreadyPublished(latest)
    if empty_sections(synthesis) and not empty_confirmed:
        raise ValidationError(
            _("Une rubrique est vide : confirmez qu'elle doit le rester, ou rédigez-la avant de publier."),
            code="empty_section",
        )
    version = SynthesisVersion(
        synthesis=synthesis,
        number=(latest.number if latest else 0) + 1,
        published_at=timezone.now(),
        published_by=actor,
    )
    version.docx.save("synthese.docx", ContentFile(docx), save=False)
    if pdf is not None:
        version.pdf.save("synthese.pdf", ContentFile(pdf), save=False)
    version.full_clean(exclude=["synthesis"], validate_unique=False, validate_constraints=False)
    version.save()
    journal.record(
        actor, journal.Action.SYNTHESIS_PUBLISHED, dossier=dossier, obj=synthesis, detail=f"version {version.number}"
    )
    transaction.on_commit(lambda: emails.send_synthesis_published(dossier, version, absolute_url))
    return version


@transaction.atomic
def synthesis_observe(*, actor: User, dossier: Dossier, observations: str) -> Synthesis:
    """The beneficiary's observations on their published synthèse (Code du travail R6313-8)."""
    synthesis = Synthesis.objects.select_for_update().filter(dossier=dossier, versions__isnull=False).first()
    if synthesis is None:
        raise ValidationError(_("Votre synthèse n'est pas encore publiée."))
    synthesis.observations = observations.replace("\x00", "").strip()
    synthesis.observations_at = timezone.now()
    synthesis.full_clean(exclude=["dossier"], validate_unique=False, validate_constraints=False)
    synthesis.save(update_fields=["observations", "observations_at"])
    journal.record(actor, journal.Action.SYNTHESIS_SAVED, dossier=dossier, obj=synthesis, detail="observations")
    return synthesis


@transaction.atomic
def synthesis_consent(*, dossier: Dossier, keep: bool) -> None:
    """The beneficiary's choice: keep the synthèse one year after the bilan, or not (R6313-8)."""
    Dossier.objects.filter(pk=dossier.pk).update(keep_synthesis=keep)


@transaction.atomic
def sharing_consent_give(*, actor: User, dossier: Dossier, recipient: str) -> SharingConsent:
    """The beneficiary agrees that their synthèse be given to `recipient`; dated and journalled."""
    consent = SharingConsent(dossier=dossier, recipient=" ".join(recipient.split()), given_at=timezone.now())
    consent.full_clean(exclude=["dossier"])
    consent.save()
    journal.record(actor, journal.Action.SYNTHESIS_SHARED, dossier=dossier, obj=consent, detail=consent.recipient[:200])
    return consent


@transaction.atomic
def sharing_consent_revoke(*, actor: User, consent: SharingConsent) -> SharingConsent:
    """The beneficiary takes their consent back; the record stays, with the date it ended."""
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
        journal.record(
            actor,
            journal.Action.SYNTHESIS_SHARING_REVOKED,
            dossier=consent.dossier,
            obj=consent,
            detail=consent.recipient[:200],
        )
    return consent


def draft_downloaded(*, actor: User, dossier: Dossier, file_format: str) -> None:
    """The synthèse as it would be now (`file_format`: ".docx" or "PDF") was downloaded by `actor`."""
    journal.record(actor, journal.Action.DOCUMENT_DOWNLOADED, dossier=dossier, detail=f"synthèse ({file_format})")


def published_read(*, actor: User, version: SynthesisVersion, file_format: str) -> bytes:
    """A published (frozen) version, .docx or PDF (`file_format`: "docx" or "pdf"), read for `actor`;
    journalled."""
    stored = version.pdf if file_format == "pdf" else version.docx
    journal.record(
        actor,
        journal.Action.DOCUMENT_DOWNLOADED,
        dossier=version.synthesis.dossier,
        obj=version.synthesis,
        detail=f"synthèse publiée, version {version.number} ({file_format})",
    )
    with stored.open("rb") as opened:
        return opened.read()
