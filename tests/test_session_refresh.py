"""An unchanged session is rewritten, its expiry slid, once a minute at most (MinuteSessionMiddleware):
an idle session still ends 30 minutes after the last request, give or take that minute."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from candidates.accounts.middleware import SESSION_REFRESH_SECONDS, WRITTEN_AT_KEY

from .test_login import log_in

pytestmark = pytest.mark.django_db


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def last_written(client, *, seconds_ago: int, expires_in: datetime.timedelta):
    """As if the session had last been written `seconds_ago`, and would end in `expires_in`."""
    session = client.session
    session[WRITTEN_AT_KEY] = int(time.time()) - seconds_ago
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() + expires_in)


def test_login_writes_the_session_with_its_time(client, candidate):
    log_in(client, candidate)
    assert client.session[WRITTEN_AT_KEY] == pytest.approx(time.time(), abs=5)
    assert session_row(client).expire_date == pytest.approx(
        timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE), abs=datetime.timedelta(seconds=5)
    )


def test_a_request_within_the_minute_writes_nothing(client, candidate):
    log_in(client, candidate)
    last_written(client, seconds_ago=SESSION_REFRESH_SECONDS - 20, expires_in=datetime.timedelta(minutes=29))
    before = session_row(client).expire_date
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the browser keeps its cookie
    assert session_row(client).expire_date == before
    assert "Cookie" in response["Vary"]


def test_a_request_a_minute_later_slides_the_expiry(client, candidate):
    log_in(client, candidate)
    last_written(client, seconds_ago=SESSION_REFRESH_SECONDS + 1, expires_in=datetime.timedelta(minutes=29))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert session_row(client).expire_date == pytest.approx(
        timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE), abs=datetime.timedelta(seconds=5)
    )
    assert client.session[WRITTEN_AT_KEY] == pytest.approx(time.time(), abs=5)


def test_the_session_still_ends_after_thirty_idle_minutes(client, candidate):
    """Written 59 s before the last request and not since: it ends 29 min after that request."""
    log_in(client, candidate)
    last_written(client, seconds_ago=SESSION_REFRESH_SECONDS - 1, expires_in=datetime.timedelta(minutes=29))
    assert client.get(reverse("dashboard")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=timezone.now())
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_changed_session_is_written_at_once(client, candidate):
    """Logging out within the minute of the last write ends the session there and then."""
    log_in(client, candidate)
    key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("dashboard")).status_code == 302
