"""How long do the figures of *L'activité de l'académie* take, on data from `manage.py bench_data`?

    DATABASE_URL=postgres://… .venv/bin/python bench/activity_stats.py [--runs 30] [--warm-up 3]

On the generated académie (`manage.py bench_data --candidates 100000`: 30 DABM, 2 500 counsellors, ten
phases each), the figures (`candidates.activity.selectors.academy_activity`, what the page and the export
compute) are computed `--runs` times for each filter combination: none, the year, a DABM, a counsellor,
the year and a DABM, all three. Prints, per combination, the number of queries, the median and p95 of the
whole computation and of its slowest query; fails (exit status 1) if a query's p95 is over 300 ms or if
the number of queries differs between combinations.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import data  # noqa: E402
from candidates.activity.selectors import academy_activity  # noqa: E402
from candidates.models import DABM, Dossier, User  # noqa: E402

LIMIT_MS = 300


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def combinations() -> dict[str, str]:
    today = timezone.localdate()
    dabm = DABM.objects.order_by("name").first()
    counsellor = User.objects.get(username=data.counsellor_username(1))
    counsellor_dabm = Dossier.objects.filter(counsellor=counsellor).values_list("dabm_id", flat=True).first()
    return {
        "aucun filtre": "",
        f"année {today.year}": f"annee={today.year}",
        "une DABM": f"dabm={dabm.pk}",
        "un conseiller": f"conseiller={counsellor.pk}",
        "année + DABM": f"annee={today.year}&dabm={dabm.pk}",
        "année + DABM + conseiller": f"annee={today.year}&dabm={counsellor_dabm}&conseiller={counsellor.pk}",
    }


def measure(query: str, *, runs: int, warm_up: int) -> dict:
    params = QueryDict(query)
    for _ in range(warm_up):
        academy_activity(params)
    totals, slowest, counts = [], [], set()
    per_query: dict[int, list[float]] = {}
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            academy_activity(params)
            totals.append(time.perf_counter() - started)
        counts.add(len(queries))
        times = [float(q["time"]) for q in queries.captured_queries]
        slowest.append(max(times))
        for number, seconds in enumerate(times):
            per_query.setdefault(number, []).append(seconds)
    return {
        "queries": counts,
        "total": totals,
        "slowest": slowest,
        "per_query": [
            (statistics.median(values), percentile(values, 0.95)) for _number, values in sorted(per_query.items())
        ],
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warm-up", type=int, default=3)
    args = parser.parse_args()

    candidates, dossiers = data.existing_candidates(), Dossier.objects.count()
    machine = platform.processor() or platform.machine()
    print(
        f"{connection.vendor}, {candidates} candidats générés, {dossiers} dossiers, {machine}, {os.cpu_count()} cœurs"
    )
    print(f"{args.runs} calculs par combinaison après {args.warm_up} de chauffe\n")
    failures, query_counts = [], set()
    header = f"{'filtres':<28} {'requêtes':>8} {'total p50':>10} {'total p95':>10} {'plus lente p50':>15} {'p95':>8}"
    print(header)
    for name, query in combinations().items():
        result = measure(query, runs=args.runs, warm_up=args.warm_up)
        query_counts |= result["queries"]
        print(
            f"{name:<28} {'/'.join(map(str, sorted(result['queries']))):>8} "
            f"{ms(statistics.median(result['total'])):>10} {ms(percentile(result['total'], 0.95)):>10} "
            f"{ms(statistics.median(result['slowest'])):>15} {ms(percentile(result['slowest'], 0.95)):>8}"
        )
        each = ", ".join(f"{ms(p50)}/{ms(p95)}" for p50, p95 in result["per_query"])
        print(f"{'':<28} par requête (p50/p95) : {each}")
        if percentile(result["slowest"], 0.95) * 1000 > LIMIT_MS:
            failures.append(f"{name}: une requête au-delà de {LIMIT_MS} ms (p95)")
    if len(query_counts) > 1:
        failures.append(f"le nombre de requêtes varie : {sorted(query_counts)}")
    if failures:
        print("\nÉCHEC : " + " ; ".join(failures))
        sys.exit(1)
    print(f"\nChaque requête sous {LIMIT_MS} ms (p95), {query_counts.pop()} requêtes quelle que soit la combinaison.")


if __name__ == "__main__":
    main()
