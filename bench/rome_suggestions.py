"""How long do job suggestions and job gaps take on the full ROME référentiel?

    [DATABASE_URL=postgres://…] .venv/bin/python bench/rome_suggestions.py [--runs 200]

On a throwaway test database (created, migrated and dropped by this script), the shipped v460 is
loaded; then, after a warm-up, `--runs` calls of `skills.suggestions.suggest()` for realistic
candidates (the competences of a fiche mixed with random ones, 10 to 40 codes, a RIASEC profile, a job
held and one considered; a fixed seed), each followed by `skills.gap.fiche_gap()` on the best
suggestion. Prints the median, p95 and max of both, and fails (exit status 1) if the suggestions' p95
is over 200 ms.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from skills.gap import fiche_gap  # noqa: E402
from skills.loader import load_rome  # noqa: E402
from skills.models import Competence, Fiche, FicheCompetence, Savoir  # noqa: E402
from skills.riasec import DIMENSIONS, InterestProfile  # noqa: E402
from skills.suggestions import suggest  # noqa: E402

LIMIT_MS = 200
CANDIDATES = 20
SEED = 460


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def candidates(count: int, seed: int) -> list[dict]:
    """People as a bilan knows them: most competences from their job, some from elsewhere."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    fiches = list(Fiche.objects.current().order_by("code").values_list("code", flat=True))
    every_competence = list(Competence.objects.current().order_by("code").values_list("code", flat=True))
    savoirs = list(Savoir.objects.current().order_by("code").values_list("code", flat=True))
    people = []
    for _ in range(count):
        held, considered = rng.sample(fiches, 2)
        own = list(FicheCompetence.objects.filter(fiche_id=held).order_by("pk").values_list("competence_id", flat=True))
        size = rng.randint(10, 40)
        from_job = rng.sample(own, min(len(own), size * 2 // 3))
        codes = from_job + rng.sample(every_competence, size - len(from_job))
        people.append(
            {
                "competences": codes,
                "profile": InterestProfile({letter: rng.randint(0, 100) for letter in DIMENSIONS}),
                "held": [held],
                "considered": [considered],
                "exclude": rng.sample(fiches, 2),
                "have": codes + rng.sample(savoirs, 10),
            }
        )
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    args = parser.parse_args()

    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        load_rome()
        load_time = time.perf_counter() - started
        people = candidates(CANDIDATES, SEED)
        sizes = [len(person["competences"]) for person in people]
        suggestion_times, gap_times = [], []
        for index in range(args.warm_up + args.runs):
            person = people[index % len(people)]
            started = time.perf_counter()
            found = suggest(
                competences=person["competences"],
                profile=person["profile"],
                held=person["held"],
                considered=person["considered"],
                exclude=person["exclude"],
            )
            suggested = time.perf_counter()
            gap = fiche_gap(found[0].fiche.code, person["have"])
            gapped = time.perf_counter()
            assert len(found) == 10 and gap is not None, person
            if index >= args.warm_up:
                suggestion_times.append((suggested - started) * 1000)
                gap_times.append((gapped - suggested) * 1000)
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)

    print(f"machine: {os.cpu_count()} cœurs, Python {platform.python_version()}, base {connection.vendor}")
    print(f"load_rome v460 : {load_time:.1f} s ; {CANDIDATES} candidats de {min(sizes)} à {max(sizes)} compétences")
    for name, values in (("suggest", suggestion_times), ("fiche_gap", gap_times)):
        print(
            f"{name:10} médiane {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms"
            f"  max {max(values):6.1f} ms  ({len(values)} appels)"
        )
    p95 = percentile(suggestion_times, 0.95)
    if p95 > LIMIT_MS:
        sys.exit(f"p95 des suggestions de {p95:.1f} ms : au-delà de {LIMIT_MS} ms.")


if __name__ == "__main__":
    main()
