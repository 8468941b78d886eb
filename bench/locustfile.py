"""The load run (`make load`, scripts/load-run.sh): candidates answering their phases and counsellors
following them, against gunicorn with the production settings, over generated data
(`manage.py bench_data`).

- Candidates (LOAD_CANDIDATE_USERS, 50 by default) log in, then keep working: open a phase of their
  bilan, type (the page's autosave sends the whole form a moment after they stop typing), look at their
  dashboard or their account now and then. Think times of a few seconds between actions.
- Counsellors (LOAD_COUNSELLOR_USERS, 5 by default) log in, then read their dashboard (the list of
  their beneficiaries, page by page), search it, open a candidate's account and one of their phases.

The accounts come from LOAD_USERS, a JSON file that scripts/load-run.sh writes with `bench.data`:
{"password": ..., "candidates": [usernames], "counsellors": [usernames]}. Any answer but the expected
one (an error status, a login that fails, a refused autosave) counts as a failure.
"""

import itertools
import json
import os
import random
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, task
from locust.exception import StopUser

ACCOUNTS = json.loads(Path(os.environ["LOAD_USERS"]).read_text())
THINK = float(os.environ.get("LOAD_THINK_SCALE", "1"))  # below 1: less thinking, more load (a capacity run)
_candidates = itertools.cycle(ACCOUNTS["candidates"])
_counsellors = itertools.cycle(ACCOUNTS["counsellors"])

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'<link rel="stylesheet"\s+href="(/static/[^"]+)"')
PHASE_LINK = re.compile(r'href="/mon-bilan/phases/([^"/]+)/"')
CANDIDATE_LINK = re.compile(r'href="/conseiller/candidats/(\d+)/"')
CANDIDATE_PHASE_LINK = re.compile(r'href="/conseiller/candidats/(\d+)/phases/([^"/]+)/"')
LAST_NAME = re.compile(r"<strong>([A-ZÀ-Ý'\- ]{3,})\s")

WORDS = (
    "je souhaite évoluer vers un métier du social où mes compétences relationnelles seront utiles "
    "après dix ans dans la logistique j'ai appris à organiser le travail d'une équipe et à gérer les urgences "
    "mes valeurs sont l'autonomie la reconnaissance et l'équilibre entre vie professionnelle et vie personnelle"
).split()


def paragraph(rng: random.Random) -> str:
    """What a candidate has typed so far in one answer: a few sentences."""
    sentences = []
    for _ in range(rng.randint(2, 6)):
        words = rng.choices(WORDS, k=rng.randint(8, 20))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


class PhaseFormParser(HTMLParser):
    """The fields of the phase form (id="phase-form") as the browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self.textareas: list[str] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "phase-form":
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text.strip("\n")))
            self.textareas.append(name)
            self._textarea = None
        elif tag == "select":
            self._select = None


class PortalUser(HttpUser):
    abstract = True

    def log_in(self, username: str) -> str:
        self.username = username
        page = self.client.get("/connexion/", name="GET /connexion/")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/connexion/",
            data={"username": username, "password": ACCOUNTS["password"], "csrfmiddlewaretoken": token},
            name="POST /connexion/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").endswith("/tableau-de-bord/"):
                response.failure(f"login of {username} refused ({response.status_code})")
                raise StopUser()
        dashboard = self.get("/tableau-de-bord/", name=self.dashboard_name)
        stylesheet = STYLESHEET.search(dashboard.text)
        if stylesheet:  # once per visit: the browser keeps it (WhiteNoise sends it compressed, cached for long)
            self.get(stylesheet.group(1), name="GET /static/ (CSS)", headers={"Accept-Encoding": "gzip, br"})
        return dashboard.text

    def get(self, url: str, *, name: str, **kwargs):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"{url}: {response.status_code}")
            return response


class Candidate(PortalUser):
    fixed_count = int(os.environ.get("LOAD_CANDIDATE_USERS", "50"))
    wait_time = between(2 * THINK, 8 * THINK)  # reading a question, typing, a pause: the autosave follows each burst
    dashboard_name = "GET /tableau-de-bord/ (candidat)"

    def on_start(self):
        self.rng = random.Random()  # noqa: S311 - think times and made-up answers
        dashboard = self.log_in(next(_candidates))
        self.phases = PHASE_LINK.findall(dashboard)
        self.form = None  # the phase being written: slug, fields, version

    def open_phase(self):
        slug = self.rng.choice(self.phases)
        page = self.get(f"/mon-bilan/phases/{slug}/", name="GET /mon-bilan/phases/[phase]/")
        parser = PhaseFormParser()
        parser.feed(page.text)
        fields = dict(parser.fields)
        if "version" in fields and parser.textareas:  # a phase in progress, with something to write
            self.form = {"slug": slug, "fields": parser.fields, "textareas": parser.textareas}
        else:  # finished (read only), or nothing but choices: read it, then go on to another one
            self.form = None

    @task(6)
    def write(self):
        if self.form is None:
            self.open_phase()
            return
        form = self.form
        field = self.rng.choice(form["textareas"])
        text = paragraph(self.rng)
        data = [(name, text if name == field else value) for name, value in form["fields"]]
        form["fields"] = data
        data = [*data, ("save_id", uuid.uuid4().hex[:16])]
        with self.client.post(
            f"/mon-bilan/phases/{form['slug']}/autosave/",
            data=data,
            headers={"X-Requested-With": "XMLHttpRequest"},
            name="POST /mon-bilan/phases/[phase]/autosave/",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"autosave {response.status_code}: {response.text[:200]}")
                self.form = None
                return
            version = str(response.json()["version"])
            form["fields"] = [(name, version if name == "version" else value) for name, value in form["fields"]]

    @task(2)
    def another_phase(self):
        self.open_phase()

    @task(1)
    def dashboard(self):
        self.get("/tableau-de-bord/", name=self.dashboard_name)

    @task(1)
    def account(self):
        self.get("/mon-compte/", name="GET /mon-compte/")


class Counsellor(PortalUser):
    fixed_count = int(os.environ.get("LOAD_COUNSELLOR_USERS", "5"))
    wait_time = between(3 * THINK, 10 * THINK)
    dashboard_name = "GET /tableau-de-bord/ (conseiller)"

    def on_start(self):
        self.rng = random.Random()  # noqa: S311 - think times and made-up answers
        self.remember(self.log_in(next(_counsellors)))

    def remember(self, page: str):
        self.dossiers = CANDIDATE_LINK.findall(page) or getattr(self, "dossiers", [])
        self.names = LAST_NAME.findall(page) or getattr(self, "names", [])

    @task(3)
    def dashboard(self):
        if self.rng.random() < 0.3:
            page = self.get(f"/tableau-de-bord/?page={self.rng.randint(2, 3)}", name="GET /tableau-de-bord/?page=")
        else:
            page = self.get("/tableau-de-bord/", name=self.dashboard_name)
        self.remember(page.text)

    @task(2)
    def search(self):
        if self.names:
            fragment = self.rng.choice(self.names).strip()[:4].lower()
            self.get("/tableau-de-bord/", params={"q": fragment}, name="GET /tableau-de-bord/?q= (recherche)")

    @task(3)
    def candidate_account(self):
        if not self.dossiers:
            return
        pk = self.rng.choice(self.dossiers)
        page = self.get(f"/conseiller/candidats/{pk}/", name="GET /conseiller/candidats/[id]/")
        phases = CANDIDATE_PHASE_LINK.findall(page.text)
        if phases and self.rng.random() < 0.5:
            pk, slug = self.rng.choice(phases)
            url = f"/conseiller/candidats/{pk}/phases/{slug}/"
            self.get(url, name="GET /conseiller/candidats/[id]/phases/[phase]/")
