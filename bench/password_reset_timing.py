"""Does *Mot de passe oublié* answer as fast for an address without an account as for one with? (#15)

    [DATABASE_URL=postgres://…] .venv/bin/python bench/password_reset_timing.py [--runs 20] [--warm-up 5]

The form is posted in-process through Django's test client, with the production middleware, DEBUG off,
the default password hasher and persistent connections (`bench.settings`), to a throwaway test database
(created, migrated and dropped by this script) that holds one account. E-mail goes through Django's SMTP
backend to a sink on 127.0.0.1 in another process (a real relay is further away: slower still). The known
and the unknown address take turns, in alternating order, after a warm-up; between two tries the e-mail
thread is waited on, outside the timing, so that each answer is measured with its own reset running behind
it, not the one before. Each try checks what reached the sink: one e-mail for the known address, none for
the other.

Measured twice: as the portal runs (EMAIL_OUTSIDE_REQUEST on: the request hands the reset over), then,
for comparison, with the reset done inside the request (the portal before #15). Median and max of
each address, and the difference of the medians, which must stay within 10 ms (exit status 1 if not).
"""

import argparse
import multiprocessing
import os
import socketserver
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

from candidates import mail  # noqa: E402
from candidates.models import User  # noqa: E402

KNOWN, UNKNOWN = "lucas.bernard@exemple.fr", "personne@exemple.fr"
LIMIT_MS = 10


class SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a message and count it (`server.received`)."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        in_data = False
        for line in self.rfile:
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    with self.server.received.get_lock():
                        self.server.received.value += 1
                    self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            self.wfile.write({b"DATA": b"354 go\r\n", b"QUIT": b"221 bye\r\n"}.get(verb, b"250 OK\r\n"))
            in_data = verb == b"DATA"
            if verb == b"QUIT":
                return


def serve_sink(port, received) -> None:
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPSink) as server:
        server.received = received
        port.value = server.server_address[1]
        server.serve_forever()


def post_reset(client: Client, address: str, received) -> float:
    """One try: the server time of the request, in ms; then the reset done behind it, and checked."""
    sent_before = received.value
    started = time.perf_counter()
    response = client.post(reverse("accounts:password_reset"), {"email": address})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, f"HTTP {response.status_code}"
    assert mail.wait_outside_request(timeout=30), "the e-mail thread did not finish"
    sent = received.value - sent_before
    assert sent == (1 if address == KNOWN else 0), f"{sent} e-mail(s) for {address}"
    cache.clear()  # outside the timing: the next try is a first request again (one e-mail per 5 minutes)
    return elapsed


def measure(received, *, runs: int, warm_up: int) -> dict[str, list[float]]:
    client = Client()
    for _ in range(warm_up):
        post_reset(client, KNOWN, received)
        post_reset(client, UNKNOWN, received)
    timings = {KNOWN: [], UNKNOWN: []}
    for run in range(runs):
        for address in (KNOWN, UNKNOWN) if run % 2 == 0 else (UNKNOWN, KNOWN):
            timings[address].append(post_reset(client, address, received))
    return timings


def report(title: str, timings: dict[str, list[float]]) -> float:
    medians = {address: statistics.median(values) for address, values in timings.items()}
    print(f"\n{title}\n")
    print("| Adresse | Médiane (ms) | Max (ms) |\n|---|---:|---:|")
    for label, address in (("avec un compte", KNOWN), ("sans compte", UNKNOWN)):
        print(f"| {label} | {medians[address]:.1f} | {max(timings[address]):.1f} |")
    difference = medians[KNOWN] - medians[UNKNOWN]
    print(f"\nÉcart des médianes (avec − sans) : {difference:+.1f} ms")
    return difference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=5)
    options = parser.parse_args()

    port, received = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    sink = multiprocessing.Process(target=serve_sink, args=(port, received), daemon=True)
    sink.start()
    while not port.value:
        time.sleep(0.01)
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port.value,
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
        with override_settings(EMAIL_OUTSIDE_REQUEST=True, **smtp):
            difference = report("Hors requête (le portail) :", measure(received, **tries))
        with override_settings(EMAIL_OUTSIDE_REQUEST=False, **smtp):
            report("Dans la requête (avant #15), pour comparer :", measure(received, **tries))
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)
        sink.terminate()
    if abs(difference) > LIMIT_MS:
        sys.exit(f"\nÉcart de {difference:+.1f} ms : au-delà de {LIMIT_MS} ms.")
    print(f"\nÉcart dans la limite de {LIMIT_MS} ms.")


if __name__ == "__main__":
    main()
