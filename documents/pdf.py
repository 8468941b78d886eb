"""PDF documents rendered with WeasyPrint through django-weasyprint: the *Attestation de présence* (and
`html_to_pdf` for the synthèse).

`PdfResponse` is the one rendering path: the views return it, and the functions that return PDF bytes
(`render_attestation_pdf` for the Mes données export, `html_to_pdf`) read its rendered content.
Rendering only: the caller has already checked who may see the attestation.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_weasyprint import WeasyTemplateResponse
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
        **document_identity(attestation.issued_with),
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


def document_identity(issued: dict | None = None) -> dict:
    """The académie's name, logo (a data: URI, or "") and document footer: those the attestation was issued
    with (`Attestation.issued_with`), so that its PDF never changes; the portal's settings now for a preview."""
    if issued:
        return {
            "academie": issued["academie"],
            "logo": portal_settings.logo_data_uri(portal_settings.frozen_logo(issued.get("logo", ""))),
            "footer": issued.get("footer", ""),
        }
    portal = portal_settings.portal_settings()
    return {
        "academie": portal.academie_name.strip() or settings.ACADEMIE_NAME,
        "logo": portal_settings.logo_data_uri(portal_settings.logo_bytes(portal)),
        "footer": portal.document_footer,
    }


def attestation_response(attestation, *, filename: str | None = None, attachment: bool = True) -> "PdfResponse":
    """The attestation as a PDF response; an unsaved attestation renders as a watermarked *APERÇU*."""
    return PdfResponse(ATTESTATION_TEMPLATE, attestation_context(attestation), filename=filename, attachment=attachment)


def render_attestation_pdf(attestation) -> bytes:
    """The attestation as PDF bytes (the same rendering as `attestation_response`)."""
    return attestation_response(attestation).rendered_content


def html_to_pdf(html: str) -> bytes:
    """A self-contained HTML document (the attestation, the synthèse) as PDF bytes."""
    return PdfResponse.from_html(html).rendered_content


class PdfResponse(WeasyTemplateResponse):
    """django-weasyprint's PDF response, laid out as every document of the portal is.

    The template is rendered as `render_to_string` renders it, without the request: it sees its context
    only, and no context processor runs (no navigation query, no CSP nonce drawn for a PDF). The
    templates are self-contained: nothing is ever fetched while rendering (no file, no network, no
    static or media file); only data: URIs (the académie's logo, inlined) are read.
    """

    def __init__(self, template, context=None, **kwargs):
        super().__init__(None, template, context, **kwargs)

    @classmethod
    def from_html(cls, html: str, **kwargs) -> "PdfResponse":
        """The response for an HTML document already rendered (laid out as it is, not read as a template)."""
        return cls(_RenderedHtml(html), **kwargs)

    def get_base_url(self):
        return str(settings.BASE_DIR)

    def get_url_fetcher(self):
        return URLFetcher(allowed_protocols=("data",))

    def get_font_config(self):
        return _font_config()


class _RenderedHtml:
    """Stands for a template in a `PdfResponse`: its HTML is already rendered."""

    def __init__(self, html: str):
        self.html = html

    def render(self, context=None, request=None) -> str:
        return self.html


@lru_cache(maxsize=1)
def _font_config():
    """Fontconfig is scanned once per process, not once per document."""
    return FontConfiguration()
