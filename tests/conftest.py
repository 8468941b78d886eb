import pytest
from django.core.cache import cache

from candidates import roles

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
def editor(db):
    return UserFactory(role=roles.EDITEUR)


@pytest.fixture
def administrator(db):
    return UserFactory(role=roles.ADMINISTRATEUR)
