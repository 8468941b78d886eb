"""Time one *Attestation de présence* PDF: `render_attestation_pdf` (the bytes the Mes données export
holds) and the download view's response rendered to bytes (what a browser gets).

The attestation and its dossier are unsaved instances; only the portal's settings (académie, logo,
footer) are read from a migrated database, e.g. a scratch one:

    export DJANGO_SETTINGS_MODULE=portal.settings.dev DATABASE_URL=sqlite:////tmp/bench.sqlite3
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python bench/attestation_pdf.py
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import RequestFactory  # noqa: E402

from candidates.attestations import services as attestation_services  # noqa: E402
from candidates.models import DABM, Attestation, Dossier, User  # noqa: E402
from documents import views  # noqa: E402
from documents.pdf import render_attestation_pdf  # noqa: E402

WARM_UP, RUNS = 3, 20


def sample_attestation() -> Attestation:
    """Unsaved instances with their relations assigned: nothing touches the database."""
    paris = ZoneInfo("Europe/Paris")
    candidate = User(username="fmartin", first_name="Françoise", last_name="LEFÈVRE")
    counsellor = User(username="cboad", first_name="Claire", last_name="BOAD")
    dabm = DABM(name="NÎMES", city="Nîmes", address="12 rue du Cœur-de-Ville\n30000 Nîmes")
    dossier = Dossier(
        candidate=candidate,
        counsellor=counsellor,
        dabm=dabm,
        phone="04 66 56 89 78",
        remote=True,
        on_site=True,
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    return Attestation(
        pk=42,
        dossier=dossier,
        counsellor=counsellor,
        start=datetime.datetime(2021, 3, 30, 9, 0, tzinfo=paris),
        end=datetime.datetime(2021, 3, 30, 12, 0, tzinfo=paris),
        duration_minutes=180,
        reference="ATT-2021-000042",
        created_at=datetime.datetime(2021, 3, 30, 12, 5, tzinfo=paris),
    )


def download_view(attestation: Attestation):
    """`attestation_download` called as the URL would, its response rendered to bytes.

    Who may see the attestation (`attestation_for`) and the journal entry are stubbed:
    they are database queries, not rendering."""
    request = RequestFactory().get(f"/telechargements/attestations/{attestation.pk}/")
    request.user = attestation.counsellor

    def render() -> bytes:
        with (
            mock.patch.object(views, "attestation_for", return_value=attestation),
            mock.patch.object(attestation_services, "attestation_downloaded"),
        ):
            response = views.attestation_download(request, attestation.pk)
        if hasattr(response, "render"):  # a TemplateResponse renders lazily, as the handler would
            response.render()
        assert response.content.startswith(b"%PDF-"), response
        return response.content

    return render


def timed(label: str, render) -> None:
    started = time.perf_counter()
    size = len(render())
    print(f"{label}: first render (cold): {1000 * (time.perf_counter() - started):.0f} ms, {size} bytes")
    for _ in range(WARM_UP - 1):
        render()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render()
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    median = statistics.median(timings)
    print(f"{label}: {RUNS} renders after {WARM_UP} warm-up: median {1000 * median:.1f} ms, p95 {1000 * p95:.1f} ms")


def main() -> None:
    attestation = sample_attestation()
    timed("render_attestation_pdf", lambda: render_attestation_pdf(attestation))
    timed("attestation_download view", download_view(attestation))


if __name__ == "__main__":
    main()
