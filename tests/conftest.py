import pytest
from django.core.cache import cache

from candidates import access

from .factories import CandidateFactory, CounsellorFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site roots; a test must not see another test's site."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def counsellor(db):
    return CounsellorFactory(first_name="Claire", last_name="BOAD")


@pytest.fixture
def candidate(db, counsellor):
    return CandidateFactory(first_name="Lucas", last_name="BERNARD", dossier__counsellor=counsellor)


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as in production (tests run them at once otherwise)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200]


@pytest.fixture
def editor(db):
    return UserFactory(role=access.EDITEUR)


@pytest.fixture
def administrator(db):
    return UserFactory(role=access.ADMINISTRATEUR)


@pytest.fixture
def bilan(db):
    """The ten shipped phases under the home page."""
    from wagtail.models import Site

    from phases.bilan_content import load_bilan

    return load_bilan(Site.objects.get(is_default_site=True).root_page.specific)


@pytest.fixture
def phases(bilan):
    from phases.models import PhasePage

    return list(PhasePage.objects.child_of(bilan).live().order_by("path"))


@pytest.fixture
def modular_candidate(candidate, phases):
    """A candidate whose modularisation holds the first three phases."""
    candidate.dossier.phases.set(phases[:3])
    return candidate


@pytest.fixture
def settings_row(db):
    """The portal's Paramètres as they are once the site has served a page (the first request creates
    them): what a query count measures is the steady state."""
    from candidates import portal_settings

    return portal_settings.portal_settings()
