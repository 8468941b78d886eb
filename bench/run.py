"""Server time and SQL queries of the portal's main pages, on data from `manage.py bench_data`.

    DATABASE_URL=postgres://… .venv/bin/python bench/run.py [--runs 40] [--warm-up 5] [--json out.json]
                                                            [--only TEXT] [--profile TEXT]

Each page (bench/scenario.py) is requested in-process through Django's test client, with the production
middleware, DEBUG off, the default password hasher and persistent connections (`bench.settings`).
After a warm-up, the page views go round `--runs` times, each page once per round (a burst of load on
a shared machine then slows every page alike); the heavy requests (login and its deliberate password
hashing, the PDF, the .docx) have their own rounds. Median and p95 of the server time, and the SQL
queries of one more request (CaptureQueriesContext).

Every page is reported as a ratio to the floor: a logged-in view that returns an empty response through
the same middleware (`bench/urls.py`, bench-only). The floor is also measured alone, in a burst (warmest
caches, lowest time): the second, stricter ratio. `make bench N=10000` generates the data on a throwaway
PostgreSQL and runs this; docs/performance.md has the figures.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import data  # noqa: E402
from bench.scenario import Page, scenario  # noqa: E402
from candidates.models import (  # noqa: E402
    Appointment,
    Attestation,
    AuditEvent,
    Comment,
    Dossier,
    PhaseResponse,
    SynthesisNote,
    User,
)


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def measure(pages: list[Page], *, runs: int, warm_up: int) -> list[dict]:
    """Warm-up, then `runs` rounds requesting each page once in turn (a burst of load on the machine
    then slows every page alike, not one), then one more under CaptureQueriesContext per page.
    The page views go round together; the heavy requests (login with its password hashing, documents)
    have their own round."""
    light = [page for page in pages if not page.heavy]
    heavy = [page for page in pages if page.heavy]
    return _measure(light, runs=runs, warm_up=warm_up) + _measure(heavy, runs=runs, warm_up=warm_up)


def _measure(pages: list[Page], *, runs: int, warm_up: int) -> list[dict]:
    for page in pages:
        for _ in range(warm_up):
            page.call()
    timings = {page.name: [] for page in pages}
    sizes = {}
    for _ in range(runs):
        for page in pages:
            started = time.perf_counter()
            response = page.call()
            timings[page.name].append(time.perf_counter() - started)
            sizes[page.name] = len(response.content)
    results = []
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            page.call()
        results.append(
            {
                "page": page.name,
                "median_ms": statistics.median(timings[page.name]) * 1000,
                "p95_ms": p95(timings[page.name]) * 1000,
                "queries": len(queries),
                "bytes": sizes[page.name],
            }
        )
    return results


def machine() -> dict:
    def run(*command):
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603
        except OSError:
            return ""

    model = next(
        (line.split(":", 1)[1].strip() for line in run("lscpu").splitlines() if line.startswith("Model name")), ""
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "database": database,
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def table_sizes() -> dict:
    models = [User, Dossier, PhaseResponse, Attestation, Appointment, Comment, SynthesisNote, AuditEvent]
    return {model._meta.db_table: model.objects.count() for model in models}


def password_hash_ms() -> float:
    encoded = make_password(data.PASSWORD)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        check_password(data.PASSWORD, encoded)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def floor_in_a_burst(page: Page, *, runs: int) -> float:
    """The floor requested `runs` times in a row (caches as warm as they get): the strictest floor."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        page.call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def markdown(results: list[dict], floor_ms: float, burst_ms: float) -> str:
    lines = [
        "| Page | Médiane (ms) | p95 (ms) | Requêtes SQL | Ratio au plancher | Ratio au plancher en rafale |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        ratio, strict = row["median_ms"] / floor_ms, row["median_ms"] / burst_ms
        lines.append(
            f"| {row['page']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | {row['queries']} "
            f"| {ratio:.1f} × | {strict:.1f} × |"
        )
    lines.append(f"| Plancher, mesuré seul en rafale | {burst_ms:.1f} | | | | 1.0 × |")
    return "\n".join(lines)


def profile(page: Page, *, runs: int) -> None:
    import cProfile
    import pstats

    page.call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        page.call()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    parser.add_argument("--only", help="Measure only the pages whose name contains this text (and the floor).")
    parser.add_argument("--profile", help="Profile (cProfile) the first page whose name contains this text.")
    parser.add_argument(
        "--repeat", type=int, default=1, help="Measure this many times; report the median of each figure."
    )
    options = parser.parse_args()

    try:
        pages, context = scenario()
    except RuntimeError as error:
        sys.exit(str(error))
    if options.profile:
        profile(next(page for page in pages if options.profile in page.name), runs=options.runs)
        return
    if options.only:
        pages = [page for page in pages if page.name.startswith("Plancher") or options.only in page.name]
    repeats = []
    for _ in range(options.repeat):
        results = measure(pages, runs=options.runs, warm_up=options.warm_up)
        repeats.append((results, floor_in_a_burst(pages[0], runs=options.runs)))
    results = [
        {
            **rows[0],
            "median_ms": statistics.median(row["median_ms"] for row in rows),
            "p95_ms": statistics.median(row["p95_ms"] for row in rows),
        }
        for rows in zip(*(results for results, _burst in repeats), strict=True)
    ]
    floor_ms = results[0]["median_ms"]
    burst_ms = statistics.median(burst for _results, burst in repeats)
    report = {
        "machine": machine(),
        "scenario": context,
        "rows": table_sizes(),
        "runs": options.runs,
        "warm_up": options.warm_up,
        "repeat": options.repeat,
        "repeats": [{"results": results, "floor_burst_ms": burst} for results, burst in repeats],
        "password_check_ms": password_hash_ms(),
        "floor_burst_ms": burst_ms,
        "results": results,
    }
    print()
    print(
        json.dumps(
            {key: report[key] for key in ("machine", "scenario", "rows", "password_check_ms")},
            indent=2,
            ensure_ascii=False,
        )
    )
    print()
    print(markdown(results, floor_ms, burst_ms))
    if options.json:
        options.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
