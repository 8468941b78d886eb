"""Does *Mot de passe oublié* answer as fast for an address without an account as for one with? (#15, #21)

    [DATABASE_URL=postgres://…] .venv/bin/python bench/password_reset_timing.py [--runs 40] [--warm-up 5]

The form is posted in-process through Django's test client, with the production middleware, DEBUG off,
the default password hasher and persistent connections (`bench.settings`), to a throwaway test database
(created, migrated and dropped by this script) that holds one account, with the database task backend of
production: the request only queues the reset. Between two tries, outside the timing, the queued tasks are
run as `manage.py db_worker` runs them, through Django's SMTP backend to a sink on 127.0.0.1, and what
reached the sink is checked: one e-mail for the known address, none for the other. The known and the
unknown address take turns, in alternating order, after a warm-up.

Measured twice: as the portal runs (database backend: nothing looked up or sent in the request), then,
for comparison, with the reset run inside the request (immediate backend, as the portal before #15).
Median, p95 and max of each address, and the difference of the medians, which must stay within 10 ms
(exit status 1 if not).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_tasks_db.management.commands.db_worker import Worker  # noqa: E402

from candidates.models import User  # noqa: E402
from tests.smtp_sink import SMTPSink  # noqa: E402

KNOWN, UNKNOWN = "lucas.bernard@exemple.fr", "personne@exemple.fr"
LIMIT_MS = 10
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def run_queued_tasks() -> None:
    """What `manage.py db_worker --batch` does: every task due, then return."""
    options = {"queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default"}
    Worker(**options, startup_delay=False, max_tasks=None, worker_id="bench", excluded_queue_names=[]).run()


def post_reset(client: Client, address: str, sink: SMTPSink) -> float:
    """One try: the server time of the request, in ms; then the queued work done, and checked."""
    sent_before = len(sink.messages)
    started = time.perf_counter()
    response = client.post(reverse("accounts:password_reset"), {"email": address})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, f"HTTP {response.status_code}"
    run_queued_tasks()
    expected = 1 if address == KNOWN else 0
    assert sink.wait_for(sent_before + expected, timeout=10), "the sink did not receive the e-mail"
    sent = len(sink.messages) - sent_before
    assert sent == expected, f"{sent} e-mail(s) for {address}"
    cache.clear()  # outside the timing: the next try is a first request again (one e-mail per 5 minutes)
    return elapsed


def measure(sink, *, runs: int, warm_up: int) -> dict[str, list[float]]:
    client = Client()
    for _ in range(warm_up):
        post_reset(client, KNOWN, sink)
        post_reset(client, UNKNOWN, sink)
    timings = {KNOWN: [], UNKNOWN: []}
    for run in range(runs):
        for address in (KNOWN, UNKNOWN) if run % 2 == 0 else (UNKNOWN, KNOWN):
            timings[address].append(post_reset(client, address, sink))
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report(title: str, timings: dict[str, list[float]]) -> float:
    medians = {address: statistics.median(values) for address, values in timings.items()}
    print(f"\n{title}\n")
    print("| Adresse | Médiane (ms) | p95 (ms) | Max (ms) |\n|---|---:|---:|---:|")
    for label, address in (("avec un compte", KNOWN), ("sans compte", UNKNOWN)):
        values = timings[address]
        print(f"| {label} | {medians[address]:.1f} | {p95(values):.1f} | {max(values):.1f} |")
    difference = medians[KNOWN] - medians[UNKNOWN]
    print(f"\nÉcart des médianes (avec − sans) : {difference:+.1f} ms")
    return difference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warm-up", type=int, default=5)
    options = parser.parse_args()

    sink = SMTPSink().start()
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": sink.port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        User.objects.create_user("lbernard", KNOWN, "bench-bilan-2026", first_name="Lucas", last_name="BERNARD")
        print(
            f"Base : {connection.vendor} ({test_database}), {options.runs} essais par adresse "
            f"après {options.warm_up} d'échauffement"
        )
        tries = {"runs": options.runs, "warm_up": options.warm_up}
        with override_settings(TASKS=DATABASE_TASKS, **smtp):
            run_queued_tasks()  # the account's own (Wagtail's reference index)
            difference = report("Tâche en file (le portail) :", measure(sink, **tries))
        with override_settings(TASKS=IMMEDIATE_TASKS, **smtp):
            report("Dans la requête (avant #15), pour comparer :", measure(sink, **tries))
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
        sink.stop()
    if abs(difference) > LIMIT_MS:
        sys.exit(f"\nÉcart de {difference:+.1f} ms : au-delà de {LIMIT_MS} ms.")
    print(f"\nÉcart dans la limite de {LIMIT_MS} ms.")


if __name__ == "__main__":
    main()
