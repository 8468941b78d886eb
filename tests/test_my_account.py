"""*Mon compte*: modify one's information, image and password; *Support technique*."""

import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from PIL import Image

from candidates.models import User

from .factories import PASSWORD, CandidateFactory, CounsellorFactory

pytestmark = pytest.mark.django_db


def profile(person, **changes):
    """What the form posts; the person's own address unless changed (a new one needs the password)."""
    return {
        "first_name": "lucas",
        "last_name": "bernard",
        "email": person.email,
        "phone": "0466568978",
        **changes,
    }


def png(size=(800, 600)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "AppareilSecret"  # Make
    image.save(buffer, format="PNG", exif=exif)
    buffer.seek(0)
    buffer.name = "photo.png"
    return buffer


def test_modify_information_normalises_names_and_phone(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("accounts:profile_edit"),
        profile(candidate, first_name="marie-claire", last_name="de la tour", phone="+33 4 66 56 89 78"),
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.last_name) == ("Marie-Claire", "DE LA TOUR")
    assert candidate.dossier.phone == "04 66 56 89 78"
    assert "Vos informations sont enregistrées." in client.get(reverse("accounts:account")).content.decode()


def test_email_taken_by_someone_else_is_refused_and_the_typing_kept(client, candidate):
    CounsellorFactory(email="pris@exemple.fr")
    client.force_login(candidate)
    response = client.post(
        reverse("accounts:profile_edit"), profile(candidate, email="PRIS@exemple.fr", first_name="Lucien")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Un compte utilise déjà cette adresse de courriel." in page
    assert 'value="Lucien"' in page


def test_bad_phone_is_refused(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("accounts:profile_edit"), profile(candidate, phone="12"))
    assert response.status_code == 400
    assert "04 66 56 89 78" in response.content.decode()


def test_counsellors_have_no_phone_field(client, counsellor):
    client.force_login(counsellor)
    assert 'name="phone"' not in client.get(reverse("accounts:profile_edit")).content.decode()
    response = client.post(reverse("accounts:profile_edit"), profile(counsellor))
    assert response.status_code == 302


def test_password_change_needs_the_current_password(client, candidate):
    client.force_login(candidate)
    data = profile(candidate, new_password1="un-tout-nouveau-secret-7", new_password2="un-tout-nouveau-secret-7")
    refused = client.post(reverse("accounts:profile_edit"), {**data, "current_password": "faux"})
    assert refused.status_code == 400
    assert "Votre mot de passe actuel est incorrect." in refused.content.decode()
    candidate.refresh_from_db()
    assert candidate.check_password(PASSWORD)


def test_password_change_keeps_this_session_and_ends_the_others(client, candidate):
    other_device = Client()
    other_device.force_login(candidate)
    client.force_login(candidate)
    new = "un-tout-nouveau-secret-7"
    data = profile(candidate, current_password=PASSWORD, new_password1=new, new_password2=new)
    assert client.post(reverse("accounts:profile_edit"), data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("un-tout-nouveau-secret-7")
    assert client.get(reverse("dashboard")).status_code == 200
    assert other_device.get(reverse("dashboard")).status_code == 302


def test_weak_new_password_is_refused(client, candidate):
    client.force_login(candidate)
    weak = profile(candidate, current_password=PASSWORD, new_password1="court", new_password2="court")
    response = client.post(reverse("accounts:profile_edit"), weak)
    assert response.status_code == 400
    assert "trop court" in response.content.decode()


def test_avatar_is_reencoded_without_metadata_shown_and_removable(client, candidate, counsellor):
    client.force_login(candidate)
    response = client.post(reverse("accounts:profile_edit"), {**profile(candidate), "avatar": png()})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.avatar.name.endswith(".jpg")
    with candidate.avatar.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG" and max(image.size) <= 512
        assert not image.getexif()
    url = reverse("accounts:avatar", args=[candidate.pk])
    assert url in client.get(reverse("dashboard")).content.decode()  # in the header
    picture = client.get(url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    client.force_login(counsellor)
    assert url in client.get(reverse("dashboard")).content.decode()  # on the counsellor's list
    assert client.get(url).status_code == 200
    client.force_login(CounsellorFactory())
    assert client.get(url).status_code == 404
    client.force_login(candidate)
    client.post(reverse("accounts:profile_edit"), {**profile(candidate), "remove_avatar": "on"})
    candidate.refresh_from_db()
    assert not candidate.avatar


def test_a_file_that_is_not_an_image_is_refused(client, candidate):
    client.force_login(candidate)
    fake = io.BytesIO(b"<html>pas une image</html>")
    fake.name = "photo.png"
    response = client.post(reverse("accounts:profile_edit"), {**profile(candidate), "avatar": fake})
    assert response.status_code == 400
    assert "JPEG, PNG ou WebP" in response.content.decode()


def test_support_form_emails_the_support_with_the_sender(client, settings, candidate):
    settings.SUPPORT_EMAIL = "support@ac-exemple.fr"
    client.force_login(candidate)
    response = client.post(
        reverse("support"), {"subject": "Connexion", "message": "Je n'arrive pas à ouvrir une phase."}, follow=True
    )
    assert "Votre message sera envoyé au support technique dans quelques minutes." in response.content.decode()
    message = mail.outbox[0]
    assert message.to == ["support@ac-exemple.fr"] and message.reply_to == [candidate.email]
    assert candidate.username in message.body and "Candidat" in message.body
    assert "Je n'arrive pas à ouvrir une phase." in message.body


def test_support_form_errors_keep_the_message(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("support"), {"subject": "", "message": "Mon texte"})
    assert response.status_code == 400
    assert "Mon texte" in response.content.decode()


def test_anonymous_sees_the_contact_but_no_form(client):
    page = client.get(reverse("support")).content.decode()
    assert "mailto:" in page and 'name="message"' not in page


def test_another_candidate_cannot_see_my_picture(client, candidate):
    client.force_login(candidate)
    client.post(reverse("accounts:profile_edit"), {**profile(candidate), "avatar": png()})
    client.force_login(CandidateFactory(dossier__counsellor=CounsellorFactory()))
    assert client.get(reverse("accounts:avatar", args=[candidate.pk])).status_code == 404
    assert User.objects.get(pk=candidate.pk).avatar


def test_support_page_shows_the_phone_from_the_site_settings(client):
    from candidates.models import PortalSettings

    portal = PortalSettings.load()
    portal.support_phone = "04 67 91 47 00"
    portal.save()
    page = client.get(reverse("support")).content.decode()
    assert 'href="tel:0467914700"' in page and "04 67 91 47 00" in page
