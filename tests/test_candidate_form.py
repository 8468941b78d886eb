"""*Ajouter un candidat* and the dossier's edit page: every rule of the guide, one test each."""

import datetime
import io
import re
import smtplib

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from candidates import access
from candidates.models import AuditEvent, Dossier, User

from .factories import PASSWORD, CandidateFactory, CounsellorFactory, DABMFactory

ADD_URL = "/conseiller/candidats/ajouter/"
NEW_PASSWORD = "Bilan-Solide-2026!"


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("550 refusé")


@pytest.fixture
def dabm(db):
    return DABMFactory(name="NÎMES")


@pytest.fixture
def counsellor_client(client, counsellor):
    client.force_login(counsellor)
    return client


@pytest.fixture
def data(counsellor, dabm, phases):
    """A valid *Ajouter un candidat* submission; tests change what they check."""
    return add_form_data(counsellor, dabm, phases)


def add_form_data(counsellor, dabm, phases) -> dict:
    return {
        "email": "jean.dupont@exemple.fr",
        "username": "jean.dupont",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "is_active": "on",
        "roles": [access.CANDIDAT],
        "first_name": "jean-pierre",
        "last_name": "dupont",
        "phone": "04 66 56 89 78",
        "dabm": dabm.pk,
        "modalites": ["remote"],
        "counsellor": counsellor.pk,
        "start_date": "01/09/2026",
        "end_date": "31/12/2026",
        "phases": [phase.pk for phase in phases],
    }


def post_add(client, data, **changes):
    payload = {**data, **changes}
    return client.post(ADD_URL, {key: value for key, value in payload.items() if value is not None})


def created(username="jean.dupont") -> User:
    return User.objects.get(username=username)


def errors(response, field):
    return response.context["form"].errors.get(field, [])


def edit_data(dossier, **changes):
    user = dossier.candidate
    payload = {
        "email": user.email,
        "username": user.username,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "roles": [access.CANDIDAT],
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": "04 66 56 89 78",
        "dabm": dossier.dabm_id,
        "modalites": ["remote"],
        "counsellor": dossier.counsellor_id,
        "start_date": "01/09/2026",
        "end_date": "31/12/2026",
        "phases": list(dossier.phases.values_list("pk", flat=True)),
        **changes,
    }
    return payload


def png_upload(name="photo.png", size=(800, 600)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "Fabricant indiscret"  # Make
    exif[0x0110] = "Téléphone de Jean"  # Model
    info = PngInfo()
    info.add_text("Comment", "secret")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=exif.tobytes(), pnginfo=info)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- The page -------------------------------------------------------------------------------------------------------


def test_the_page_shows_the_guides_fields_in_order(counsellor_client, phases):
    html = counsellor_client.get(ADD_URL).content.decode()
    labels = [
        "Adresse de courriel",
        "Nom d&#x27;utilisateur",
        "Mot de passe",
        "Sécurité du mot de passe :",
        "Confirmer le mot de passe",
        "Concordance des mots de passe :",
        "Statut",
        " Active\n",  # the label, not "Actif"
        "Notifier l&#x27;utilisateur de la création de son nouveau compte",
        "Rôles",
        "Prénom",
        "Nom",
        "Téléphone",
        "Image",
        "DABM",
        "Modalités",
        "Mon conseiller",
        "Date du bilan",
        "Date de début",
        "Date de fin",
        "Modularisation",
        "Créer un nouveau compte",
    ]
    position = html.index("<h1>")
    for label in labels:  # each one after the previous one
        position = html.index(label, position + 1)
    assert 'enctype="multipart/form-data"' in html
    assert "js/password-indicators.js" in html
    assert html.count('aria-live="polite"') >= 2


def test_the_menu_offers_ajouter_un_candidat_to_counsellors(counsellor_client, phases):
    assert f'href="{ADD_URL}"' in counsellor_client.get(reverse("dashboard")).content.decode()


# --- Adresse de courriel --------------------------------------------------------------------------------------------


def test_email_must_be_valid(counsellor_client, data):
    response = post_add(counsellor_client, data, email="jean.dupont@")
    assert response.status_code == 400
    assert errors(response, "email")
    assert not User.objects.filter(username="jean.dupont").exists()


def test_email_is_unique_whatever_the_case(counsellor_client, data, candidate):
    response = post_add(counsellor_client, data, email=candidate.email.upper())
    assert errors(response, "email") == ["Un compte utilise déjà cette adresse de courriel."]


# --- Nom d'utilisateur ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "username", ["jean pierre", "j.dupont", "marie-claire", "o'neil", "jean_p", "jp@bilan", "Élodie2"]
)
def test_username_accepts_letters_digits_and_the_guides_special_characters(counsellor_client, data, username):
    response = post_add(counsellor_client, data, username=username)
    assert response.status_code == 302, response.context["form"].errors
    assert created(username).dossier


@pytest.mark.parametrize("username", ["jean!pierre", "jean/pierre", "jean+pierre", "<b>jean</b>", "jean#1"])
def test_username_refuses_other_characters(counsellor_client, data, username):
    response = post_add(counsellor_client, data, username=username)
    assert response.status_code == 400
    assert errors(response, "username")


def test_username_is_unique_whatever_the_case(counsellor_client, data, candidate):
    response = post_add(counsellor_client, data, username=candidate.username.upper())
    assert errors(response, "username") == ["Ce nom d'utilisateur est déjà pris."]


# --- Mot de passe ---------------------------------------------------------------------------------------------------


def test_a_too_short_password_is_refused_by_djangos_validators(counsellor_client, data):
    response = post_add(counsellor_client, data, password1="abc", password2="abc")
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in errors(response, "password1")


def test_passwords_must_match(counsellor_client, data):
    response = post_add(counsellor_client, data, password2=NEW_PASSWORD + "x")
    assert errors(response, "password2") == ["Les deux mots de passe ne concordent pas."]


def test_every_password_problem_is_told_at_once_and_the_form_asks_to_type_it_again(counsellor_client, data):
    response = post_add(counsellor_client, data, password1="abc", password2="abd")
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in errors(response, "password1")
    assert errors(response, "password2") == ["Les deux mots de passe ne concordent pas."]
    page = response.content.decode()
    assert "tapez-le de nouveau dans les deux champs" in page
    assert 'value="abc"' not in page  # never shown again


def test_another_field_wrong_asks_to_type_the_password_again(counsellor_client, data):
    page = post_add(counsellor_client, data, email="pas-une-adresse").content.decode()
    assert "tapez-le de nouveau dans les deux champs" in page


def test_the_password_is_stored_hashed_and_works(counsellor_client, data):
    post_add(counsellor_client, data)
    user = created()
    assert user.password != NEW_PASSWORD
    assert user.check_password(NEW_PASSWORD)


# --- Statut, notification, rôle -------------------------------------------------------------------------------------


def test_active_is_checked_by_default(counsellor_client, phases):
    html = counsellor_client.get(ADD_URL).content.decode()
    assert re.search(r'<input[^>]*name="is_active"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="notify"[^>]*checked', html)


def test_unticking_active_creates_an_inactive_account(counsellor_client, data):
    post_add(counsellor_client, data, is_active=None)
    assert created().is_active is False


def test_no_email_unless_notify_is_ticked(counsellor_client, data, mailoutbox):
    post_add(counsellor_client, data)
    assert mailoutbox == []


def test_notify_sends_the_username_and_a_link_never_the_password(counsellor_client, data, mailoutbox):
    response = post_add(counsellor_client, data, notify="on")
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["jean.dupont@exemple.fr"]
    assert message.subject == "Votre compte Mon bilan en ligne"
    assert "jean.dupont" in message.body
    assert re.search(r"http://testserver/mot-de-passe/nouveau/[\w-]+/[\w-]+/", message.body)
    assert NEW_PASSWORD not in message.body
    assert "Claire BOAD" in message.body
    # The counsellor has just set a password: the link is a choice, not a step the candidate must take.
    assert "Votre conseiller vous communiquera votre mot de passe." in message.body


def test_the_notification_link_lets_the_candidate_choose_a_password(counsellor_client, client, data, mailoutbox):
    post_add(counsellor_client, data, notify="on")
    link = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+/)", mailoutbox[0].body).group(1)
    counsellor_client.logout()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True


def test_a_failing_mail_server_keeps_the_account_and_tells_the_administrators(
    counsellor_client, data, settings, caplog
):
    """The message is a task, retried (at once with the tests' immediate backend); the counsellor is
    not held up by the mail server, and the journal records the message given up."""
    settings.EMAIL_BACKEND = "tests.test_candidate_form.FailingEmailBackend"
    response = post_add(counsellor_client, data, notify="on")
    assert response.status_code == 302
    assert created().dossier
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert not any("pas pu être envoyé" in text for text in texts)
    assert "550 refusé" in caplog.text
    failed = AuditEvent.objects.get(action=AuditEvent.Action.EMAIL_FAILED)
    assert failed.detail.startswith("candidates/accounts/emails/account_created.txt → jean.dupont@exemple.fr")


def test_a_message_that_cannot_be_queued_keeps_the_account_and_warns(counsellor_client, data, monkeypatch):
    monkeypatch.setattr("candidates.mail.send_email", None)  # queuing fails (as with the database down)
    response = post_add(counsellor_client, data, notify="on")
    assert response.status_code == 302 and created().dossier
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Le compte est créé, mais le courriel de notification n'a pas pu être envoyé. Prévenez le candidat." in texts


def test_success_redirects_to_the_new_candidate_with_a_message(counsellor_client, data):
    response = post_add(counsellor_client, data)
    dossier = Dossier.objects.get(candidate__username="jean.dupont")
    assert response.status_code == 302
    assert response.url.endswith(f"/{dossier.pk}/")
    assert "Le compte de Jean-Pierre DUPONT est créé." in [str(m) for m in get_messages(response.wsgi_request)]


def test_the_candidat_role_is_assigned(counsellor_client, data):
    post_add(counsellor_client, data)
    assert created().role == access.CANDIDAT


def test_the_candidat_role_is_required(counsellor_client, data):
    response = post_add(counsellor_client, data, roles=None)
    assert errors(response, "roles") == ["Cochez le rôle Candidat."]


# --- Prénom, Nom, Téléphone -----------------------------------------------------------------------------------------


def test_names_are_normalised(counsellor_client, data):
    post_add(counsellor_client, data, first_name="jean-pierre", last_name="d'artagnan-élodie")
    user = created()
    assert (user.first_name, user.last_name) == ("Jean-Pierre", "D'ARTAGNAN-ÉLODIE")


def test_first_name_and_last_name_are_required(counsellor_client, data):
    response = post_add(counsellor_client, data, first_name="", last_name="")
    assert errors(response, "first_name") and errors(response, "last_name")


@pytest.mark.parametrize(
    "typed",
    [
        "0466568978",
        "04.66.56.89.78",
        "04-66-56-89-78",
        "04 66 56 89 78",
        "+33 4 66 56 89 78",
        "+33466568978",
        "0033466568978",
    ],
)
def test_each_usual_phone_format_is_stored_as_the_guides_model(counsellor_client, data, typed):
    post_add(counsellor_client, data, phone=typed)
    assert created().dossier.phone == "04 66 56 89 78"


@pytest.mark.parametrize(
    "typed", ["", "04665689", "046656897812", "+44 20 7946 0958", "04 66 56 89 7a", "00 66 56 89 78"]
)
def test_a_phone_that_is_not_french_is_refused(counsellor_client, data, typed):
    response = post_add(counsellor_client, data, phone=typed)
    assert response.status_code == 400
    assert errors(response, "phone")


# --- Image ----------------------------------------------------------------------------------------------------------


def test_an_image_is_reencoded_as_a_small_jpeg_without_metadata(counsellor_client, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = counsellor_client.post(ADD_URL, {**data, "avatar": png_upload()})
    assert response.status_code == 302
    avatar = created().avatar
    assert avatar.name.endswith(".jpg") and "photo" not in avatar.name
    with Image.open(avatar.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (512, 384)
        assert not stored.getexif()
        assert "exif" not in stored.info and "Comment" not in stored.info
    assert b"Fabricant" not in avatar.read()


def test_a_text_file_named_png_is_refused(counsellor_client, data):
    fake = SimpleUploadedFile("photo.png", b"ceci n'est pas une image", content_type="image/png")
    response = counsellor_client.post(ADD_URL, {**data, "avatar": fake})
    assert errors(response, "avatar") == ["Choisissez une image JPEG, PNG ou WebP."]


def test_an_oversize_image_is_refused(counsellor_client, data, settings):
    settings.AVATAR_MAX_BYTES = 1000
    response = counsellor_client.post(ADD_URL, {**data, "avatar": png_upload()})
    assert errors(response, "avatar") == ["L'image ne doit pas dépasser 5 Mo."]


@pytest.mark.parametrize("size", [(8000, 6000), (7000, 5000)])  # 48 and 35 megapixels, a few kilobytes
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(counsellor_client, data, size):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    upload = SimpleUploadedFile("grand.png", buffer.getvalue(), content_type="image/png")
    response = counsellor_client.post(ADD_URL, {**data, "avatar": upload})
    assert errors(response, "avatar") == [
        "L'image est trop grande : 16 mégapixels au plus (par exemple 4 000 × 4 000 pixels)."
    ]


def test_a_twelve_megapixel_phone_photo_becomes_a_small_avatar(counsellor_client, data):
    buffer = io.BytesIO()
    Image.new("RGB", (4032, 3024), "teal").save(buffer, "JPEG")
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert post_add(counsellor_client, data, avatar=upload).status_code == 302
    with Image.open(created().avatar.open("rb")) as avatar:
        assert max(avatar.size) == 512


def test_the_image_is_optional(counsellor_client, data):
    post_add(counsellor_client, data)
    assert not created().avatar


# --- DABM, Modalités, Mon conseiller --------------------------------------------------------------------------------


def test_dabm_is_required(counsellor_client, data):
    response = post_add(counsellor_client, data, dabm=None)
    assert errors(response, "dabm")


@pytest.mark.parametrize(
    ("ticked", "remote", "on_site"),
    [(["remote"], True, False), (["on_site"], False, True), (["remote", "on_site"], True, True)],
)
def test_one_or_both_modalites(counsellor_client, data, ticked, remote, on_site):
    post_add(counsellor_client, data, modalites=ticked)
    dossier = created().dossier
    assert (dossier.remote, dossier.on_site) == (remote, on_site)


def test_both_modalites_make_a_mixed_bilan(counsellor_client, data):
    post_add(counsellor_client, data, modalites=["remote", "on_site"])
    assert created().dossier.modalites_label == "Mixte (à distance et présentiel)"


def test_no_modalite_is_refused(counsellor_client, data):
    response = post_add(counsellor_client, data, modalites=None)
    assert errors(response, "modalites") == ["Choisissez au moins une modalité."]


def test_mon_conseiller_is_preselected_and_sorted_by_last_name(counsellor_client, counsellor, phases):
    CounsellorFactory(first_name="Zoé", last_name="ARNAUD")
    CounsellorFactory(first_name="Karim", last_name="BENALI")
    CounsellorFactory(first_name="Inactif", last_name="AAA", is_active=False)
    form = counsellor_client.get(ADD_URL).context["form"]
    field = form["counsellor"]
    assert field.value() == counsellor.pk
    names = [label for value, label in field.field.choices if value]
    assert names == ["Zoé ARNAUD", "Karim BENALI", "Claire BOAD"]


def test_another_counsellor_may_be_chosen(counsellor_client, data):
    other = CounsellorFactory()
    post_add(counsellor_client, data, counsellor=other.pk)
    assert created().dossier.counsellor == other


# --- Date du bilan --------------------------------------------------------------------------------------------------


def test_dates_are_typed_jj_mm_aaaa(counsellor_client, data):
    post_add(counsellor_client, data, start_date="01/09/2026", end_date="31/12/2026")
    dossier = created().dossier
    assert (dossier.start_date, dossier.end_date) == (datetime.date(2026, 9, 1), datetime.date(2026, 12, 31))


def test_the_same_day_is_a_valid_end(counsellor_client, data):
    response = post_add(counsellor_client, data, start_date="31/12/2026", end_date="31/12/2026")
    assert response.status_code == 302


def test_an_end_before_the_start_is_refused(counsellor_client, data):
    response = post_add(counsellor_client, data, start_date="31/12/2026", end_date="01/09/2026")
    assert errors(response, "end_date") == ["La date de fin doit être postérieure ou égale à la date de début."]


def test_a_date_in_another_format_is_refused(counsellor_client, data):
    response = post_add(counsellor_client, data, start_date="1er septembre")
    assert errors(response, "start_date") == ["Saisissez une date au format jj/mm/aaaa, par exemple 31/12/2026."]


# --- Modularisation -------------------------------------------------------------------------------------------------


def test_every_phase_is_preselected(counsellor_client, phases):
    form = counsellor_client.get(ADD_URL).context["form"]
    assert sorted(form["phases"].value()) == sorted(p.pk for p in phases)
    assert [label for _value, label in form.fields["phases"].choices] == [p.title for p in phases]


def test_the_chosen_phases_are_saved(counsellor_client, data, phases):
    post_add(counsellor_client, data, phases=[phases[0].pk, phases[2].pk])
    assert list(created().dossier.phases.order_by("path")) == [phases[0], phases[2]]


# --- Errors keep what was typed -------------------------------------------------------------------------------------


def test_values_are_kept_when_the_form_is_redisplayed(counsellor_client, data, dabm):
    response = post_add(counsellor_client, data, end_date="01/01/2020", modalites=["on_site"], notify="on")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Le formulaire contient 1 erreur" in html
    for typed in ('value="jean.dupont@exemple.fr"', 'value="jean.dupont"', 'value="jean-pierre"', 'value="dupont"'):
        assert typed in html
    assert 'value="04 66 56 89 78"' in html and 'value="01/09/2026"' in html and 'value="01/01/2020"' in html
    assert re.search(rf'<option value="{dabm.pk}"[^>]*selected', html)
    assert re.search(r'<input[^>]*value="on_site"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="remote"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="notify"[^>]*checked', html)
    assert NEW_PASSWORD not in html


# --- Who may use the pages ------------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_the_login_page(client, candidate):
    for url in (ADD_URL, reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_a_candidate_gets_not_found(client, candidate):
    client.force_login(candidate)
    for url in (ADD_URL, reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])):
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404


def test_a_counsellor_cannot_edit_another_counsellors_candidate(client, candidate):
    client.force_login(CounsellorFactory())
    url = reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, edit_data(candidate.dossier, first_name="Pirate")).status_code == 404
    candidate.refresh_from_db()
    assert candidate.first_name == "Lucas"


# --- Edit -----------------------------------------------------------------------------------------------------------


def test_the_edit_page_is_filled_with_the_dossier(counsellor_client, candidate, phases):
    candidate.dossier.phases.set(phases[:2])
    response = counsellor_client.get(reverse("dossiers:candidate_edit", args=[candidate.dossier.pk]))
    html = response.content.decode()
    assert "Modifier le dossier de Lucas BERNARD" in html
    assert "Enregistrer les modifications" in html and "Notifier" not in html
    assert f'value="{candidate.email}"' in html and 'value="01/09/2026"' in html
    assert sorted(response.context["form"]["phases"].value()) == sorted(p.pk for p in phases[:2])


def test_edit_without_a_password_keeps_the_old_one(counsellor_client, candidate, phases):
    dossier = candidate.dossier
    url = reverse("dossiers:candidate_edit", args=[dossier.pk])
    response = counsellor_client.post(url, edit_data(dossier, first_name="lucas-marie", phases=[phases[1].pk]))
    assert response.status_code == 302
    assert response.url.endswith(f"/{dossier.pk}/")
    candidate.refresh_from_db()
    assert candidate.first_name == "Lucas-Marie"
    assert candidate.check_password(PASSWORD)
    assert list(dossier.phases.all()) == [phases[1]]


def test_edit_with_a_new_password_changes_it(counsellor_client, candidate, phases):
    url = reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])
    data = edit_data(candidate.dossier, password1=NEW_PASSWORD, password2=NEW_PASSWORD, phases=[phases[0].pk])
    assert counsellor_client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password(NEW_PASSWORD)


def test_edit_refuses_a_confirmation_alone(counsellor_client, candidate, phases):
    url = reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])
    response = counsellor_client.post(url, edit_data(candidate.dossier, password2=NEW_PASSWORD, phases=[phases[0].pk]))
    assert errors(response, "password2") == ["Les deux mots de passe ne concordent pas."]


def test_edit_refuses_the_email_of_another_account(counsellor_client, candidate, phases):
    other = CandidateFactory()
    url = reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])
    data = edit_data(candidate.dossier, email=other.email.upper(), phases=[phases[0].pk])
    response = counsellor_client.post(url, data)
    assert errors(response, "email") == ["Un compte utilise déjà cette adresse de courriel."]


def test_handing_the_dossier_over_to_a_colleague_returns_to_the_dashboard(counsellor_client, candidate, phases):
    colleague = CounsellorFactory()
    url = reverse("dossiers:candidate_edit", args=[candidate.dossier.pk])
    response = counsellor_client.post(url, edit_data(candidate.dossier, counsellor=colleague.pk, phases=[phases[0].pk]))
    assert response.status_code == 302 and response.url == reverse("dashboard")
    candidate.dossier.refresh_from_db()
    assert candidate.dossier.counsellor == colleague
