"""Time the rendering of one *Attestation de présence* PDF (no database needed).

DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/attestation_pdf.py
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from candidates.models import DABM, Attestation, Dossier, User  # noqa: E402
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


def main() -> None:
    attestation = sample_attestation()
    started = time.perf_counter()
    size = len(render_attestation_pdf(attestation))
    print(f"first render (cold): {time.perf_counter() - started:.3f} s, {size} bytes")
    for _ in range(WARM_UP - 1):
        render_attestation_pdf(attestation)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_attestation_pdf(attestation)
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    print(f"{RUNS} renders after {WARM_UP} warm-up: median {statistics.median(timings):.3f} s, p95 {p95:.3f} s")


if __name__ == "__main__":
    main()
