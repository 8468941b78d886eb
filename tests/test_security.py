"""Login throttling, password length, session lifetime and security headers (issue 9)."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.accounts.middleware import LOGIN_TIME_KEY
from candidates.attestations import services as attestation_services

from .factories import PASSWORD

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def log_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


# Login throttling


def test_five_failures_lock_the_username_out_even_with_the_right_password(client, candidate):
    assert settings.AXES_ENABLED
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = log_in(client, candidate, "mauvais-mot-de-passe")
        assert response.status_code == 200  # the login form again, with its error
    response = log_in(client, candidate, "mauvais-mot-de-passe")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Connexion temporairement bloquée" in text
    assert "15 minutes" in text
    assert "_auth_user_id" not in client.session

    response = log_in(client, candidate)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_username_and_address(client, candidate, counsellor):
    for _ in range(5):
        log_in(client, candidate, "mauvais-mot-de-passe")
    # The same user from another address is not locked out…
    response = log_in(client, candidate, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302
    client.logout()
    # …nor another user from the same address.
    response = log_in(client, counsellor)
    assert response.status_code == 302


def test_behind_a_proxy_the_lock_counts_the_client_address_not_the_proxy(client, candidate, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        # the attacker's forged left-most entry is ignored: the proxy appended the real address
        log_in(client, candidate, "mauvais-mot-de-passe", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)
    locked = log_in(client, candidate, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **proxy)
    assert locked.status_code == 429
    # the same account through the same proxy, from another client, is not locked out
    other = log_in(client, candidate, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert other.status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, candidate):
    for n in range(5):
        log_in(client, candidate, "mauvais-mot-de-passe", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert log_in(client, candidate, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_lock_ends_after_the_cool_off(client, candidate):
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    for _ in range(5):
        log_in(client, candidate, "mauvais-mot-de-passe")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=16))
    response = log_in(client, candidate)
    assert response.status_code == 302


# Passwords


def test_passwords_need_twelve_characters(candidate):
    with pytest.raises(ValidationError) as error:
        validate_password("kx7-vbq-mrz", candidate)  # 11 characters
    assert any(e.code == "password_too_short" for e in error.value.error_list)
    validate_password("kx7-vbq-mrzw", candidate)  # 12 characters, no composition rule


# Sessions


def test_login_gives_a_new_session_key(client, candidate):
    client.get(reverse("accounts:login"))
    client.session["marker"] = "avant"
    session = client.session
    session["marker"] = "avant"
    session.save()
    before = session.session_key
    response = log_in(client, candidate)
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session[LOGIN_TIME_KEY] == pytest.approx(time.time(), abs=5)


def test_inactivity_timeout_is_thirty_minutes_refreshed_by_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_active_session_ends_ten_hours_after_login(client, candidate):
    assert settings.SESSION_ABSOLUTE_LIFETIME == 10 * 60 * 60
    log_in(client, candidate)
    session = client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - 9 * 60 * 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200

    session = client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - 10 * 60 * 60 - 60
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_an_idle_session_expires(client, candidate):
    log_in(client, candidate)
    session = client.session
    session.set_expiry(-1)  # as if SESSION_COOKIE_AGE had passed since the last request
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# Headers


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_portal_page_headers(client, candidate):
    client.force_login(candidate)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert_security_headers(response)
    assert "no-store" in response["Cache-Control"]
    csp = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split("; ")}
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    # The DSFR scripts carry the request's nonce; no inline script anywhere.
    nonce = next(v for v in csp["script-src"] if v.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    assert f'nonce="{nonce}"' in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">", 1)[0], tag[:200]
    assert " onclick=" not in html


def test_anonymous_login_page_has_the_policy_too(client):
    response = client.get(reverse("accounts:login"))
    assert_security_headers(response)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_wagtail_admin_is_left_out_of_the_strict_policy(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert_security_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_download_headers(client, candidate, counsellor):
    attestation = attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=candidate.dossier,
        start=datetime.datetime(2026, 10, 5, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 10, 5, 12, tzinfo=PARIS),
    )
    client.force_login(counsellor)
    response = client.get(reverse("attestation_pdf", args=[attestation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_security_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_deactivating_an_account_ends_its_sessions(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("dashboard")).status_code == 200
    type(candidate).objects.filter(pk=candidate.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
