"""Throughput of the pages people use all day, under load (docs/performance.md, « Sous charge »).

    .venv/bin/python bench/load.py --data demo   [--before REV] [--duration 15] [--json F]
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py --data bench [--candidates 10000] [--before REV]

`make load-bench` runs both (the demo on SQLite, then 10 000 generated candidates on a throwaway
PostgreSQL). What is measured, for each page in turn: gunicorn with 2 sync workers and the production
settings on plain HTTP (`portal.settings.loopback`: the database cache, the compressed static files,
DEBUG off), and wrk with 8 connections for 15 s after 3 s of warm-up (`--latency`: p50 and p99 as the
client sees them). Each connection is its own logged-in session (8 candidates; the counsellor logged in
8 times), so that the autosave chains its versions as a browser tab does: every save posts the version
the previous one answered, and a fresh save id. Any answer other than the expected status, or without its
page's marker (the dashboard's title, the searched name, the phase form…: the page asked for, not another
one), fails the run.

`--before REV` measures the code of a git revision too (`git archive` into .cache/), on the same data
and in the same run: each tree in turn, `--rounds` times, the best round of each kept. The data is
created by the current tree's migrations; the older code must run on that schema.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DEMO_PASSWORD = "demo-bilan-2026"  # noqa: S105 - home/management/commands/seed_demo.py, demo accounts only


@dataclass
class Session:
    """One logged-in browser: its cookies, and what it asks for."""

    cookie: str = ""
    csrf: str = ""
    path: str = "/"
    body: str = ""  # the autosave's form, with @VERSION@ and @SAVE_ID@ to fill in
    version: int = 0
    username: str = ""

    def read_version(self) -> None:
        """The version the candidate's answers are at now (another run may have saved them since)."""
        from django.db import connection

        from candidates.models import PhaseResponse

        slug = self.path.rstrip("/").rsplit("/", 1)[-1]
        response = PhaseResponse.objects.filter(candidate__username=self.username, phase__slug=slug).first()
        self.version = response.version if response else 0
        connection.close()


@dataclass
class Page:
    key: str
    name: str
    method: str = "GET"
    sessions: list[Session] = field(default_factory=list)
    marker: str = ""  # a text every answer must contain: the page asked for, not another one


# The workload ------------------------------------------------------------------------------------


def manage(tree: Path, *args: str, env: dict) -> None:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} a échoué :\n{done.stderr[-3000:]}")


def prepare_data(kind: str, candidates: int, env: dict) -> None:
    print(f"=== Données : {'démonstration (seed_demo)' if kind == 'demo' else f'{candidates} candidats générés'}")
    manage(ROOT, "migrate", "--noinput", "-v", "0", env=env)
    manage(ROOT, "createcachetable", env=env)  # production's cache is a table of the database
    # seed_demo refuses the production settings (its passwords are public); bench_data needs its app.
    if kind == "demo":
        manage(ROOT, "seed_demo", env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"})
    else:
        manage(
            ROOT, "bench_data", "--candidates", str(candidates), env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        )


def workload(kind: str) -> dict:
    """Who logs in, and which pages they ask for: read from the data (Django, in this process)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    # This script's own reads leave SQLite's journal mode as the measured tree has it (`journal_mode`).
    connection.settings_dict.get("OPTIONS", {}).pop("init_command", None)

    from bench import data
    from bench.scenario import form_data
    from candidates.models import Dossier, PhaseResponse, User

    if kind == "demo":
        counsellor, password = "conseiller1", DEMO_PASSWORD
    else:
        counsellor, password = (
            data.counsellor_username(data.counsellor_of(data.existing_candidates() // 2)),
            data.PASSWORD,
        )
    # Eight candidates with a phase to type in: the counsellor's own first, then others (the demo's
    # counsellors follow six to seven bilans under way each).
    open_dossiers = Dossier.objects.filter(closed_on=None).select_related("candidate")
    pool = [
        *open_dossiers.filter(counsellor__username=counsellor).order_by("candidate__username")[:40],
        *open_dossiers.exclude(counsellor__username=counsellor).order_by("candidate__username")[:40],
    ]
    candidates = []
    for dossier in pool:
        phase = _phase_to_type_in(dossier.candidate)
        if phase is not None:
            candidates.append((dossier.candidate, phase))
        if len(candidates) == 8:
            break
    if len(candidates) < 8:
        raise SystemExit("Moins de 8 candidats ont une phase à remplir.")
    searched = open_dossiers.filter(counsellor__username=counsellor).first().candidate
    typing = []
    for candidate, phase in candidates:
        response = PhaseResponse.objects.filter(candidate=candidate, phase=phase).first()
        answers = dict(response.answers) if response else {}
        long_id = next(child.id for child in phase.question_children if child.block_type == "long_text")
        answers[long_id] = (answers.get(long_id) or data.SENTENCES[0])[:900]
        posted = {**form_data(phase, answers), "version": "@VERSION@", "save_id": "@SAVE_ID@"}
        posted[long_id] += " @SAVE_ID@"  # a different text at every save
        body = (
            urllib.parse.urlencode(posted, doseq=True)
            .replace("%40VERSION%40", "@VERSION@")
            .replace("%40SAVE_ID%40", "@SAVE_ID@")
        )
        typing.append(
            {
                "username": candidate.username,
                "phase": f"/mon-bilan/phases/{phase.slug}/",
                "body": body,
            }
        )
    facts = {
        "password": password,
        "counsellor": counsellor,
        "counsellor_dossiers": Dossier.objects.filter(counsellor__username=counsellor).count(),
        "search": searched.last_name,
        "search_username": searched.username,
        "candidates": typing,
        "users": User.objects.count(),
        "responses": PhaseResponse.objects.count(),
    }
    connection.close()
    return facts


def journal_mode(tree: Path, database_url: str) -> None:
    """On SQLite, the journal mode this tree's code runs with: the write-ahead log if its settings ask for
    it, else the rollback journal a database made by that code has (the mode is kept in the file)."""
    if not database_url.startswith("sqlite:///"):
        return
    wal = "journal_mode=WAL" in (tree / "portal" / "settings" / "base.py").read_text()
    database = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    database.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
    database.close()


def _phase_to_type_in(candidate):
    """The candidate's open phase with the most questions that has a written answer to type in."""
    from candidates.dossiers.selectors import candidate_phases
    from candidates.models import PhaseResponse

    done = set(
        PhaseResponse.objects.filter(candidate=candidate, status=PhaseResponse.Status.DONE).values_list(
            "phase", flat=True
        )
    )
    phases = [page.specific for page in candidate_phases(candidate) if page.pk not in done]
    phases = [page for page in phases if any(child.block_type == "long_text" for child in page.question_children)]
    return max(phases, key=lambda page: len(page.question_children), default=None)


# The server --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn on one code tree: 2 sync workers, production settings on plain HTTP."""

    def __init__(self, tree: Path, env: dict, log: Path):
        self.tree, self.env, self.log = tree, env, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "portal.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            cwd=self.tree,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/connexion/", timeout=10)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit(f"gunicorn ne répond pas (voir {self.log})") from None
                time.sleep(0.3)
        for _ in range(4):  # both workers up and warm
            urllib.request.urlopen(f"{self.base}/connexion/", timeout=10)  # noqa: S310
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def login(self, username: str, password: str) -> Session:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(f"{self.base}/connexion/", timeout=30).read().decode()
        token = CSRF_FIELD.search(form).group(1)
        posted = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        reply = opener.open(f"{self.base}/connexion/", posted.encode(), timeout=30)
        cookies = {cookie.name: cookie.value for cookie in jar}
        if reply.url.rstrip("/").endswith("connexion") or len(cookies) < 2:
            raise SystemExit(f"connexion de {username} refusée")
        return Session(cookie="; ".join(f"{k}={v}" for k, v in cookies.items()), csrf=cookies.get("csrftoken", ""))


def pages_for(server: Server, work: dict) -> list[Page]:
    counsellor = [server.login(work["counsellor"], work["password"]) for _ in range(8)]
    candidates = []
    for typing in work["candidates"]:
        session = server.login(typing["username"], work["password"])
        session.path, session.body, session.username = typing["phase"], typing["body"], typing["username"]
        candidates.append(session)
    dashboard = "/tableau-de-bord/"
    search = dashboard + "?" + urllib.parse.urlencode({"q": work["search"]})

    def at(sessions, path=None):
        return [Session(s.cookie, s.csrf, path or s.path, s.body, username=s.username) for s in sessions]

    return [
        Page(
            "login_form",
            "Connexion (formulaire, GET)",
            sessions=[Session(path="/connexion/")] * 8,
            marker='name="csrfmiddlewaretoken"',
        ),
        Page(
            "counsellor_dashboard",
            "Conseiller : tableau de bord, page 1",
            sessions=at(counsellor, dashboard),
            marker='id="beneficiaries-title"',
        ),
        Page(
            "counsellor_search",
            "Conseiller : recherche (nom)",
            sessions=at(counsellor, search),
            marker=f'<span class="fr-text--xs">{work["search_username"]}</span>',
        ),
        Page(
            "candidate_dashboard",
            "Candidat : tableau de bord",
            sessions=at(candidates, dashboard),
            marker='id="phases-title"',
        ),
        Page("phase", "Candidat : page de phase (GET)", sessions=at(candidates), marker='id="phase-form"'),
        Page(
            "autosave",
            "Candidat : enregistrement automatique (POST)",
            method="POST",
            sessions=at(candidates),
            marker='"version"',
        ),
    ]


# wrk ---------------------------------------------------------------------------------------------

LUA = r"""
local sessions = %(sessions)s
local method = "%(method)s"
local marker = %(marker)s
local count = 0

function setup(thread)
  count = count + 1
  thread:set("number", count)
end

function init(args)
  session = sessions[((number - 1) %% #sessions) + 1]
  headers = {}
  if session.cookie ~= "" then headers["Cookie"] = session.cookie end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = session.csrf
    headers["Referer"] = "http://127.0.0.1/"
  end
  saves = 0
end

function request()
  if method == "GET" then return wrk.format("GET", session.path, headers) end
  if save_id == nil then  -- as phase-form.js: a save whose reply was lost goes again with its id
    saves = saves + 1
    save_id = string.format("%%d-%%d-%%d", number, saves, math.random(1, 1000000000))
  end
  local body = session.body:gsub("@VERSION@", tostring(session.version)):gsub("@SAVE_ID@", save_id)
  return wrk.format("POST", session.path .. "autosave/", headers, body)
end

local told = false
local told_marker = false

function response(status, headers, body)
  if status ~= 200 and not told then  -- the first unexpected answer, for the record
    told = true
    io.stderr:write(string.format("HTTP %%d on %%s: %%s\n", status, session.path, body:sub(1, 300)))
  end
  if status == 200 and not told_marker and not body:find(marker, 1, true) then  -- another page than asked
    told_marker = true
    io.stderr:write(string.format("MARQUEUR ABSENT on %%s: %%s\n", session.path, body:sub(1, 300)))
  end
  save_id = nil
  if method == "POST" and (status == 200 or status == 409) then  -- a 409 counts as an error, says the version
    local version = body:match('"version": *(%%d+)')
    if version then session.version = tonumber(version) end
  end
end
"""


def lua_string(text: str) -> str:
    """A Lua string literal of the text's UTF-8 bytes (Lua knows no \\u escapes)."""
    printable = {byte for byte in range(32, 127)} - {ord('"'), ord("\\")}
    return '"' + "".join(chr(b) if b in printable else f"\\{b:03d}" for b in text.encode()) + '"'


def lua_script(page: Page) -> str:
    sessions = ",\n".join(
        f"{{cookie={lua_string(s.cookie)}, csrf={lua_string(s.csrf)}, path={lua_string(s.path)}, "
        f"body={lua_string(s.body)}, version={s.version}}}"
        for s in page.sessions
    )
    return LUA % {"sessions": "{\n" + sessions + "\n}", "method": page.method, "marker": lua_string(page.marker)}


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(base: str, page: Page, *, duration: int, connections: int, script: Path) -> dict:
    if page.method == "POST":
        time.sleep(1)  # the last saves of the run before (wrk stops without waiting for their replies)
        for session in page.sessions:
            session.read_version()
    script.write_text(lua_script(page))
    command = [
        "wrk",
        f"-t{connections}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        base,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    output = done.stdout
    if done.stderr:
        print(done.stderr.strip(), file=sys.stderr)
    if "MARQUEUR ABSENT" in done.stderr:
        raise SystemExit(f"{page.name} : la réponse n'est pas la page demandée (sans {page.marker!r}).")
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if os.environ.get("LOAD_DEBUG"):
        print(output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


# The run -----------------------------------------------------------------------------------------


def collect_static(tree: Path, env: dict) -> None:
    manage(tree, "collectstatic", "--noinput", "-v", "0", env=env)


def export_tree(revision: str, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S603, S607
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)  # noqa: S603, S607
    return into


def measure_tree(label, tree, env, work, options, scratch) -> dict:
    results = {}
    journal_mode(tree, env["DATABASE_URL"])
    with Server(tree, env, scratch / f"gunicorn-{label}.log") as server:
        for page in pages_for(server, work):
            if options.only and options.only not in page.key:
                continue
            wrk(server.base, page, duration=3, connections=options.connections, script=scratch / "warm.lua")
            row = wrk(
                server.base,
                page,
                duration=options.duration,
                connections=options.connections,
                script=scratch / "run.lua",
            )
            results[page.key] = {"page": page.name, **row}
            print(
                f"  {label:>6} · {page.name:<48} {row['rps']:7.1f} req/s   p50 {row['p50_ms']:6.1f} ms   "
                f"p99 {row['p99_ms']:6.1f} ms" + (f"   ERREURS {row['errors']}" if row["errors"] else "")
            )
    return results


def best_rounds(rounds: list[dict]) -> dict:
    """Per page, the round with the most requests per second (the least disturbed by the machine)."""
    return {key: max((r[key] for r in rounds), key=lambda row: row["rps"]) for key in rounds[0]}


def markdown(results: dict[str, dict]) -> str:
    labels = list(results)
    head = "| Page | " + " | ".join(f"{label} : req/s | p50 / p99 (ms)" for label in labels)
    if len(labels) == 2:
        head += " | rapport"
    lines = [head + " |", "|---" + "|---:|---:" * len(labels) + ("|---:" if len(labels) == 2 else "") + "|"]
    for key, first in results[labels[0]].items():
        cells = [first["page"]]
        for label in labels:
            row = results[label][key]
            cells += [f"{row['rps']:.0f}", f"{row['p50_ms']:.1f} / {row['p99_ms']:.1f}"]
        if len(labels) == 2:
            cells.append(f"{results[labels[1]][key]['rps'] / first['rps']:.1f} ×")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=["demo", "bench"], default="demo")
    parser.add_argument("--candidates", type=int, default=10_000, help="with --data bench")
    parser.add_argument("--before", help="also measure this git revision's code (e.g. a commit before the change)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", help="measure only the pages whose key contains this text")
    parser.add_argument("--reuse", action="store_true", help="the data of DATABASE_URL is ready: do not prepare it")
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk est introuvable (paquet Debian wrk : make system-deps).")

    scratch = Path(tempfile.mkdtemp(prefix="monbilan-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.loopback",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-media"),
    }
    if options.data == "demo" and "DATABASE_URL" not in os.environ:
        env["DATABASE_URL"] = f"sqlite:///{scratch / 'demo.sqlite3'}"
    if options.data == "bench" and not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--data bench : DATABASE_URL doit désigner une base PostgreSQL (make load-bench le fait).")
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    try:
        if not options.reuse:
            prepare_data(options.data, options.candidates, env)
        work = workload(options.data)
        trees = {}
        if options.before:
            trees["avant"] = export_tree(options.before, ROOT / ".cache" / "load-before")
        trees["après" if options.before else "actuel"] = ROOT
        envs = {}
        for label, tree in trees.items():
            envs[label] = {**env, "STATIC_ROOT": str(scratch / f"static-{label}")}
            print(f"=== Fichiers statiques ({label})")
            collect_static(tree, envs[label])
        rounds = {label: [] for label in trees}
        for number in range(1, options.rounds + 1):
            print(f"=== Tour {number} sur {options.rounds}")
            for label, tree in trees.items():
                rounds[label].append(measure_tree(label, tree, envs[label], work, options, scratch))
        results = {label: best_rounds(rows) for label, rows in rounds.items()}
        print()
        print(markdown(results))
        for label, rows in results.items():
            failed = [row["page"] for row in rows.values() if row["errors"] or row["socket_errors"]]
            if failed:
                sys.exit(f"{label} : réponses en erreur sur {', '.join(failed)} (voir {scratch})")
        if options.json:
            facts = {key: work[key] for key in ("counsellor", "counsellor_dossiers", "users", "responses")}
            options.json.write_text(
                json.dumps(
                    {"data": options.data, **facts, "rounds": rounds, "best": results}, indent=2, ensure_ascii=False
                )
            )
    finally:
        if not os.environ.get("LOAD_KEEP"):
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
