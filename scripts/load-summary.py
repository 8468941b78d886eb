"""The load run's figures (scripts/load-run.sh): locust's CSV statistics as a Markdown table, with the
bounds checked: no failed request, and p95 under 300 ms for every page view (GET of a page).

    python scripts/load-summary.py OUT_DIR [--workers N --threads N --run-time 2m --users ... --data ...]

Writes OUT_DIR/summary.md and prints it; exits 1 when a bound is not met."""

import argparse
import csv
import datetime
import os
import platform
import sys
from pathlib import Path

PAGE_VIEW_P95_MS = 300


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} Gio de mémoire"
    return f"{os.cpu_count()} cœurs{f' ({model})' if model else ''}{memory}, {platform.system()} {platform.release()}"


def is_page_view(row) -> bool:
    return row["Type"] == "GET" and "/static/" not in row["Name"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", default="?")
    parser.add_argument("--threads", default="1")
    parser.add_argument("--run-time", default="?")
    parser.add_argument("--users", default="?")
    parser.add_argument("--data", default="?")
    parser.add_argument("--think", default="1", help="the think-time scale of the run (LOAD_THINK_SCALE)")
    args = parser.parse_args()

    with open(args.out / "locust_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests = [row for row in rows if row["Name"] != "Aggregated"]

    lines = [
        f"Run du {datetime.date.today():%d/%m/%Y} — machine : {machine()}.",
        f"Données : {args.data}. Utilisateurs simultanés : {args.users}, pendant {args.run_time}"
        + ("." if float(args.think) == 1 else f", temps de réflexion × {args.think}."),
        f"gunicorn : {args.workers} workers × {args.threads} thread(s), portal.settings.loopback (production en HTTP "
        "sur 127.0.0.1), PostgreSQL sur la même machine, locust aussi.",
        "",
        "| Requête | Nombre | Échecs | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | req/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in [*sorted(requests, key=lambda r: -int(r["Request Count"])), total]:
        name = "**Total**" if row is total else f"`{row['Name']}`"
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} | "
            f"{row['99%']} | {float(row['Max Response Time']):.0f} | {float(row['Requests/s']):.1f} |"
        )

    failures = int(total["Failure Count"])
    slow = [row["Name"] for row in requests if is_page_view(row) and float(row["95%"]) >= PAGE_VIEW_P95_MS]
    lines.append("")
    lines.append(
        f"Débit : {float(total['Requests/s']):.1f} requêtes/s ; {total['Request Count']} requêtes, {failures} en échec."
    )
    if slow:
        lines.append(f"**Pages dont le p95 atteint {PAGE_VIEW_P95_MS} ms** : {', '.join(slow)}.")
    else:
        lines.append(f"Toutes les pages (GET) ont un p95 sous {PAGE_VIEW_P95_MS} ms.")
    summary = "\n".join(lines) + "\n"
    (args.out / "summary.md").write_text(summary)
    print(summary)
    failures_csv = args.out / "locust_failures.csv"
    if failures and failures_csv.exists():
        print(failures_csv.read_text(), file=sys.stderr)
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
