"""PDF documents rendered with WeasyPrint: the *Attestation de présence* (and `html_to_pdf` for the synthèse).

Rendering only: the caller has already checked who may see the attestation.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from candidates import portal_settings
from candidates.attestations import durations

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
ATTESTATION_TEMPLATE = "documents/attestation.html"


def day_label(day: datetime.date) -> str:
    """mardi 30/03/2021 (whatever the active language: the document is French)."""
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}"


def attestation_context(attestation) -> dict:
    """What the attestation template shows; works for an unsaved attestation (preview) too."""
    dossier = attestation.dossier
    candidate = dossier.candidate
    counsellor = attestation.counsellor
    start, end = attestation.start.astimezone(PARIS), attestation.end.astimezone(PARIS)
    minutes = attestation.duration_minutes
    if minutes is None:
        minutes = durations.minutes_between(attestation.start, attestation.end)
    preview = attestation.pk is None or not attestation.reference
    if attestation.created_at and not preview:
        issued = attestation.created_at.astimezone(PARIS).date()
    else:
        issued = timezone.localdate(timezone=PARIS)
    return {
        **document_identity(),
        "preview": preview,
        "reference": "" if preview else attestation.reference,
        "dabm": dossier.dabm,
        "beneficiary_first_name": candidate.first_name,
        "beneficiary_last_name": candidate.last_name.upper(),
        "phone": dossier.phone,
        "same_day": start.date() == end.date(),
        "start_day": day_label(start.date()),
        "end_day": day_label(end.date()),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "duration": durations.hours_minutes(minutes),
        "bilan_start": f"{dossier.start_date:%d/%m/%Y}",
        "bilan_end": f"{dossier.end_date:%d/%m/%Y}",
        "modalites": dossier.modalites_label,
        "counsellor_name": f"{counsellor.first_name} {counsellor.last_name.upper()}".strip() or counsellor.username,
        "issued": f"{issued:%d/%m/%Y}",
    }


def document_identity() -> dict:
    """The académie's name, logo (a data: URI, or "") and document footer, from the portal's settings."""
    portal = portal_settings.portal_settings()
    return {
        "academie": portal.academie_name.strip() or settings.ACADEMIE_NAME,
        "logo": portal_settings.logo_data_uri(portal_settings.logo_bytes(portal)),
        "footer": portal.document_footer,
    }


def render_attestation_html(attestation) -> str:
    return render_to_string(ATTESTATION_TEMPLATE, attestation_context(attestation))


def render_attestation_pdf(attestation) -> bytes:
    """The attestation as PDF bytes; an unsaved attestation renders as a watermarked *APERÇU*."""
    return html_to_pdf(render_attestation_html(attestation))


def html_to_pdf(html: str) -> bytes:
    """A self-contained HTML document (the attestation, the synthèse) as PDF bytes."""
    document = HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        # The templates are self-contained: nothing is ever fetched while rendering (no file, no network);
        # only data: URIs (the académie's logo, inlined) are read.
        url_fetcher=URLFetcher(allowed_protocols=("data",)),
    )
    return document.write_pdf(font_config=_font_config())


@lru_cache(maxsize=1)
def _font_config():
    """Fontconfig is scanned once per process, not once per document."""
    return FontConfiguration()
