"""Account takeover: moving the e-mail needs the current password and tells the old address; the
password reset answers alike whether an address has an account; the account views take GET and POST only."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import AuditEvent

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-tout-nouveau-secret-7"


def profile_of(user, **changes):
    """What *Modifier mes informations* posts when the person changes only `changes`."""
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": "04 66 56 89 78",
        **changes,
    }


def field_error(page: str, name: str) -> str:
    """The error text shown under the field `name` (DSFR: the block its input is described by)."""
    found = re.search(rf'<div id="id_{name}-desc-error">(.*?)</div>', page, re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())) if found else ""


def page_text(response) -> str:
    """The page as a person reads it: without the nonce its scripts get anew on each answer."""
    return re.sub(r'nonce="[^"]*"', "", response.content.decode())


def account_changes(user) -> list[str]:
    entries = AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_CHANGED, object_id=str(user.pk))
    return list(entries.values_list("detail", flat=True))


def test_guessing_the_current_password_is_locked_out_as_a_login_is(client, candidate, settings):
    """A session left open cannot be used to try password after password: after AXES_FAILURE_LIMIT wrong
    ones the account is locked for this address, on this form and at the login alike."""
    address = candidate.email
    client.force_login(candidate)
    url = reverse("accounts:profile_edit")
    for attempt in range(1, settings.AXES_FAILURE_LIMIT):
        guess = profile_of(candidate, email="voleur@exemple.fr", current_password=f"essai-{attempt}")
        assert client.post(url, guess).status_code == 400
    locked = client.post(url, profile_of(candidate, email="voleur@exemple.fr", current_password="essai-final"))
    assert locked.status_code == 429 and "tentatives de mot de passe ont échoué" in locked.content.decode()
    right = client.post(url, profile_of(candidate, email="voleur@exemple.fr", current_password=PASSWORD))
    assert right.status_code == 429  # even the right password, until the lock-out ends
    candidate.refresh_from_db()
    assert candidate.email == address
    client.logout()
    login = client.post(reverse("accounts:login"), {"username": candidate.username, "password": PASSWORD})
    assert login.status_code == 429


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Saisissez votre mot de passe actuel : il est demandé pour changer d'adresse de courriel"),
        ("pas-le-bon", "Votre mot de passe actuel est incorrect."),
    ],
)
def test_a_new_email_without_the_right_current_password_is_refused(
    client, candidate, django_capture_on_commit_callbacks, typed, error
):
    address = candidate.email
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:profile_edit"),
            profile_of(candidate, email="voleur@exemple.fr", first_name="Lucien", current_password=typed),
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert error in field_error(page, "current_password")
    assert 'value="Lucien"' in page and 'value="voleur@exemple.fr"' in page
    candidate.refresh_from_db()
    assert (candidate.email, candidate.first_name) == (address, "Lucas")
    assert mail.outbox == []
    assert account_changes(candidate) == []


def move_email(client, candidate):
    """*Modifier mes informations* sent with a new address and the right password; the page it leads to."""
    client.force_login(candidate)
    data = profile_of(candidate, email="lucas.nouveau@exemple.fr", current_password=PASSWORD)
    return client.post(reverse("accounts:profile_edit"), data, follow=True)


def test_a_new_email_with_the_current_password_is_saved_and_the_old_address_told(client, candidate, settings):
    settings.SUPPORT_EMAIL = "support@ac-exemple.fr"
    address = candidate.email
    response = move_email(client, candidate)
    assert "Vos informations sont enregistrées." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.email == "lucas.nouveau@exemple.fr"
    [notice] = mail.outbox
    assert notice.to == [address]
    assert "changement de l'adresse de courriel" in notice.subject
    body = " ".join(notice.body.split())
    assert "l'adresse de courriel de votre compte a été changée" in body
    assert "si ce n'est pas vous, contactez" in body.lower() and "support@ac-exemple.fr" in body
    assert "l…@e….fr" in body  # a hint of the new address, never the address itself
    assert "lucas.nouveau" not in body
    assert account_changes(candidate) == ["adresse de courriel"]


def test_changing_only_the_name_needs_no_password_and_tells_no_one(
    client, candidate, django_capture_on_commit_callbacks
):
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:profile_edit"), profile_of(candidate, first_name="Lucien"))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.first_name == "Lucien"
    assert mail.outbox == []
    assert account_changes(candidate) == []


def test_a_new_password_is_journalled_without_its_value_and_the_address_told(client, candidate):
    client.force_login(candidate)
    data = profile_of(candidate, current_password=PASSWORD, new_password1=NEW_PASSWORD, new_password2=NEW_PASSWORD)
    assert client.post(reverse("accounts:profile_edit"), data).status_code == 302
    assert account_changes(candidate) == ["mot de passe"]
    (notice,) = mail.outbox
    assert notice.to == [candidate.email] and "mot de passe de votre compte a été changé" in notice.body
    assert NEW_PASSWORD not in notice.body and "si ce n'est pas vous, contactez" in notice.body.lower()


def test_a_new_password_and_a_new_address_both_tell_the_old_address(client, candidate):
    address = candidate.email
    client.force_login(candidate)
    data = profile_of(
        candidate,
        email="lucas.nouveau@exemple.fr",
        current_password=PASSWORD,
        new_password1=NEW_PASSWORD,
        new_password2=NEW_PASSWORD,
    )
    assert client.post(reverse("accounts:profile_edit"), data).status_code == 302
    assert [message.to for message in mail.outbox] == [[address], [address]]


def test_the_email_is_changed_even_if_the_notice_cannot_be_sent(client, candidate, settings):
    """The notice is a task: the person is not told of the mail server's failure, the administrators
    are (the journal), once every try has failed (made at once by the tests' immediate backend)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    page = html.unescape(move_email(client, candidate).content.decode())
    assert "Vos informations sont enregistrées." in page
    assert "n'a pas pu être envoyé" not in page
    candidate.refresh_from_db()
    assert candidate.email == "lucas.nouveau@exemple.fr"
    assert account_changes(candidate) == ["adresse de courriel"]
    failed = AuditEvent.objects.get(action=AuditEvent.Action.EMAIL_FAILED)
    assert failed.detail.startswith("candidates/accounts/emails/email_changed.txt → ")


def test_the_form_says_the_current_password_is_needed_for_a_new_email(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("accounts:profile_edit")).content.decode()
    assert "Nécessaire pour changer d'adresse de courriel ou de mot de passe." in page


def test_asking_again_and_again_sends_one_reset_every_five_minutes(client, candidate):
    """The page answers the same each time; the mailbox gets one link, not one per click."""
    answers = [client.post(reverse("accounts:password_reset"), {"email": candidate.email}) for _ in range(3)]
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, reverse("accounts:password_reset_done"))}
    assert [message.to for message in mail.outbox] == [[candidate.email]]


def test_account_views_take_get_and_post_only(client, candidate):
    client.force_login(candidate)
    assert (
        client.put(reverse("accounts:profile_edit"), profile_of(candidate, email="voleur@exemple.fr")).status_code
        == 405
    )
    assert client.delete(reverse("accounts:account")).status_code == 405
    assert client.post(reverse("accounts:avatar", args=[candidate.pk])).status_code == 405
    candidate.refresh_from_db()
    assert candidate.email != "voleur@exemple.fr"
