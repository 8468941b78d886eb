"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server."""

import os

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Assertions wait as long as actions do (the context's 15 s, below): on two busy cores, an autosave
# (1.5 s after the last key, then the request) can take longer than Playwright's default 5 s.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Every browser-test module starts with `pytestmark = E2E`: the live server needs a transactional
# database, and the serialized rollback restores what migrations created (roles, home page).
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser(transactional_db):
    """One Chromium per test, started once the database is ready.

    Playwright's sync API runs an event loop in this thread, and Django then gives the ORM a
    connection per context: the database must be restored (serialized rollback) before that.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
        connections.close_all()  # the connection the ORM opened inside Playwright's loop


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    def _log_in(username, password):
        page.goto("/connexion/")
        page.get_by_label("Nom d'utilisateur").fill(username)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()

    return _log_in
