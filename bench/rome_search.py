"""How long do searches in the ROME référentiel take at its full size (#20)?

    [DATABASE_URL=postgres://…] .venv/bin/python bench/rome_search.py [--runs 200]

On a throwaway test database (created, migrated and dropped by this script), `manage.py load_rome`'s
loader is timed on the shipped v460 (then a second load of the same version, which must write nothing);
then `--runs` searches of typical prefixes, as people type them, taking turns between job titles,
competences, savoirs and fiches (`skills/search.py`), after a warm-up. Prints the load times, the
median, p95 and max of the searches, and fails (exit status 1) if p95 is over 30 ms.
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

from skills import search  # noqa: E402
from skills.loader import load_rome  # noqa: E402

LIMIT_MS = 30
QUERIES = [
    "dev",
    "developpeur",
    "développeur web",
    "aide soi",
    "aide soignante",
    "prof",
    "prof des ecoles",
    "infirm",
    "compta",
    "conduite de reunion",
    "animer une réunion",
    "cuisin",
    "chauffeur poids",
    "agent d'entretien",
    "vente",
    "gestion de projet",
    "soudure",
    "électricien bâtiment",
    "a",
    "secrétaire médicale",
]
FUNCTIONS = [search.search_appellations, search.search_competences, search.search_savoirs, search.search_fiches]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    args = parser.parse_args()

    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        load_rome()
        first_load = time.perf_counter() - started
        started = time.perf_counter()
        again = load_rome()
        second_load = time.perf_counter() - started
        assert not again.changed, again.lines()

        timings = {function.__name__: [] for function in FUNCTIONS}
        for index in range(args.warm_up + args.runs):
            function = FUNCTIONS[index % len(FUNCTIONS)]
            query = QUERIES[(index // len(FUNCTIONS)) % len(QUERIES)]  # every query through every function
            started = time.perf_counter()
            function(query, limit=20)
            elapsed = (time.perf_counter() - started) * 1000
            if index >= args.warm_up:
                timings[function.__name__].append(elapsed)
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)

    every = [value for values in timings.values() for value in values]
    print(f"machine: {os.cpu_count()} cœurs, Python {platform.python_version()}, base {connection.vendor}")
    print(f"load_rome v460 : {first_load:.1f} s ; à nouveau (rien à écrire) : {second_load:.1f} s")
    for name, values in timings.items():
        print(
            f"{name:22} médiane {statistics.median(values):5.1f} ms  p95 {percentile(values, 0.95):5.1f} ms"
            f"  max {max(values):5.1f} ms  ({len(values)} recherches)"
        )
    p95 = percentile(every, 0.95)
    print(f"{'toutes':22} médiane {statistics.median(every):5.1f} ms  p95 {p95:5.1f} ms  max {max(every):5.1f} ms")
    if p95 > LIMIT_MS:
        sys.exit(f"p95 de {p95:.1f} ms : au-delà de {LIMIT_MS} ms.")


if __name__ == "__main__":
    main()
