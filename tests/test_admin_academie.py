"""The académie's administration in the Wagtail admin: listings, exports, counsellors, settings, figures."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import access
from candidates.dossiers.admin import academie_summary
from candidates.models import Attestation, Dossier, PortalSettings, User
from documents.pdf import render_attestation_pdf

from .factories import PASSWORD, CandidateFactory, CounsellorFactory, DABMFactory
from .test_attestation_pdf import pdf_text

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
CANDIDATES = "/admin/candidates/dossier/"
ATTESTATIONS = "/admin/candidates/attestation/"
COUNSELLORS = "/admin/candidates/counsellor/"
SETTINGS = "/admin/settings/candidates/portalsettings/"


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


def attest(dossier, day, hours, reference):
    start = at(day, 9)
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        duration_minutes=hours * 60,
        reference=reference,
    )


@pytest.fixture
def world(db):
    """Two DABM, two counsellors, three candidates: one finished last year, two in progress."""
    today = timezone.localdate()
    nimes, ales = DABMFactory(name="NÎMES"), DABMFactory(name="ALÈS")
    claire = CounsellorFactory(first_name="Claire", last_name="BOAD")
    paul = CounsellorFactory(first_name="Paul", last_name="MARTIN")
    current = dict(start_date=today.replace(day=1), end_date=today.replace(day=1) + datetime.timedelta(days=90))
    lucas = CandidateFactory(
        first_name="Lucas", last_name="BERNARD", dossier__counsellor=claire, dossier__dabm=nimes, **_d(current)
    )
    emma = CandidateFactory(
        first_name="Emma", last_name="PETIT", dossier__counsellor=paul, dossier__dabm=ales, **_d(current)
    )
    last_year = datetime.date(today.year - 1, 2, 1)
    hugo = CandidateFactory(
        first_name="Hugo",
        last_name="ROUX",
        dossier__counsellor=claire,
        dossier__dabm=nimes,
        dossier__start_date=last_year,
        dossier__end_date=last_year + datetime.timedelta(days=60),
    )
    attest(lucas.dossier, today.replace(day=1), 3, "ATT-1")
    attest(lucas.dossier, today.replace(day=2), 2, "ATT-2")
    attest(hugo.dossier, last_year + datetime.timedelta(days=3), 4, "ATT-3")
    return {"nimes": nimes, "ales": ales, "claire": claire, "paul": paul, "lucas": lucas, "emma": emma, "hugo": hugo}


def _d(dates):
    return {f"dossier__{key}": value for key, value in dates.items()}


def names_in(response) -> set[str]:
    content = response.content.decode()
    return {name for name in ("BERNARD", "PETIT", "ROUX") if name in content}


def export(client, url, **params) -> list[dict]:
    response = client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


# Candidats ------------------------------------------------------------------------------------------


def test_candidates_list_and_filters(client, administrator, world):
    client.force_login(administrator)
    assert names_in(client.get(CANDIDATES)) == {"BERNARD", "PETIT", "ROUX"}
    assert names_in(client.get(CANDIDATES, {"dabm": world["ales"].pk})) == {"PETIT"}
    assert names_in(client.get(CANDIDATES, {"conseiller": world["claire"].pk})) == {"BERNARD", "ROUX"}
    assert names_in(client.get(CANDIDATES, {"statut": "en_cours"})) == {"BERNARD", "PETIT"}
    assert names_in(client.get(CANDIDATES, {"statut": "termine"})) == {"ROUX"}
    last_year = timezone.localdate().year - 1
    assert names_in(client.get(CANDIDATES, {"annee": last_year})) == {"ROUX"}
    assert names_in(client.get(CANDIDATES, {"q": "petit"})) == {"PETIT"}
    assert names_in(client.get(CANDIDATES, {"q": world["lucas"].email})) == {"BERNARD"}


def test_candidates_list_queries_do_not_grow(client, administrator, world, django_assert_max_num_queries):
    client.force_login(administrator)
    with django_assert_max_num_queries(25):
        response = client.get(CANDIDATES)
    assert "5 h" in response.content.decode()


def test_candidates_csv_export(client, administrator, world):
    client.force_login(administrator)
    rows = export(client, CANDIDATES, conseiller=world["claire"].pk)
    by_name = {row["Candidat"]: row for row in rows}
    assert set(by_name) == {"Lucas BERNARD", "Hugo ROUX"}
    lucas = by_name["Lucas BERNARD"]
    assert lucas["DABM"] == "NÎMES"
    assert lucas["Conseiller"] == str(world["claire"])
    assert lucas["Début"] == f"{world['lucas'].dossier.start_date:%d/%m/%Y}"
    assert lucas["Statut"] == "En cours"
    assert lucas["Heures attestées"] == "5"  # a number of hours (1,5 for 1 h 30)
    assert lucas["Adresse de courriel"] == world["lucas"].email
    assert by_name["Hugo ROUX"]["Statut"] == "Terminé"
    assert by_name["Hugo ROUX"]["Heures attestées"] == "4"


def test_no_create_or_delete_of_candidates_in_the_admin(client, administrator, world):
    client.force_login(administrator)
    assert client.get(CANDIDATES + "create/").status_code in (302, 403)
    dossier = world["lucas"].dossier
    assert client.get(f"{CANDIDATES}delete/{dossier.pk}/").status_code in (302, 403)
    assert client.get(f"{CANDIDATES}inspect/{dossier.pk}/").status_code == 200


def test_reassigning_a_candidate_changes_who_sees_them(client, administrator, world):
    dossier = world["lucas"].dossier
    claire, paul = world["claire"], world["paul"]
    client.force_login(claire)
    assert "BERNARD" in client.get(reverse("dashboard")).content.decode()

    client.force_login(administrator)
    form = client.get(f"{CANDIDATES}edit/{dossier.pk}/").context["form"]
    choices = set(form.fields["counsellor"].queryset.values_list("pk", flat=True))
    assert paul.pk in choices and world["lucas"].pk not in choices
    response = client.post(
        f"{CANDIDATES}edit/{dossier.pk}/",
        {
            "counsellor": paul.pk,
            "dabm": dossier.dabm_id,
            "start_date": f"{dossier.start_date:%Y-%m-%d}",
            "end_date": f"{dossier.end_date:%Y-%m-%d}",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.get(response.url)  # shows (and consumes) the confirmation, which names the candidate
    assert Dossier.objects.get(pk=dossier.pk).counsellor == paul

    client.force_login(claire)
    assert "BERNARD" not in client.get(reverse("dashboard")).content.decode()
    client.force_login(paul)
    assert "BERNARD" in client.get(reverse("dashboard")).content.decode()


def test_only_active_counsellors_can_be_chosen(client, administrator, world):
    world["paul"].is_active = False
    world["paul"].save()
    client.force_login(administrator)
    dossier = world["lucas"].dossier
    response = client.post(
        f"{CANDIDATES}edit/{dossier.pk}/",
        {
            "counsellor": world["paul"].pk,
            "dabm": dossier.dabm_id,
            "start_date": f"{dossier.start_date:%Y-%m-%d}",
            "end_date": f"{dossier.end_date:%Y-%m-%d}",
        },
    )
    assert response.status_code == 200
    assert "counsellor" in response.context["form"].errors


# Attestations de présence -----------------------------------------------------------------------------


def test_attestations_list_and_filters(client, administrator, world):
    client.force_login(administrator)

    def references(**params):
        content = client.get(ATTESTATIONS, params).content.decode()
        return {ref for ref in ("ATT-1", "ATT-2", "ATT-3") if f">{ref}<" in content or f"{ref}</a>" in content}

    assert references() == {"ATT-1", "ATT-2", "ATT-3"}
    assert references(dabm=world["nimes"].pk) == {"ATT-1", "ATT-2", "ATT-3"}
    assert references(dabm=world["ales"].pk) == set()
    assert references(conseiller=world["claire"].pk) == {"ATT-1", "ATT-2", "ATT-3"}
    assert references(conseiller=world["paul"].pk) == set()
    assert references(mois=f"{timezone.localdate():%Y-%m}") == {"ATT-1", "ATT-2"}


def test_attestations_csv_export(client, administrator, world):
    client.force_login(administrator)
    rows = export(client, ATTESTATIONS, mois=f"{timezone.localdate():%Y-%m}")
    by_reference = {row["Référence"]: row for row in rows}
    assert set(by_reference) == {"ATT-1", "ATT-2"}
    assert by_reference["ATT-1"]["Candidat"] == "Lucas BERNARD"
    assert by_reference["ATT-1"]["DABM"] == "NÎMES"
    assert by_reference["ATT-1"]["Conseiller"] == str(world["claire"])
    assert by_reference["ATT-1"]["Durée (heures)"] == "3"


def test_attestations_are_read_only(client, administrator, world):
    client.force_login(administrator)
    attestation = Attestation.objects.get(reference="ATT-1")
    assert client.get(f"{ATTESTATIONS}inspect/{attestation.pk}/").status_code == 200
    for action in ("create/", f"edit/{attestation.pk}/", f"delete/{attestation.pk}/"):
        assert client.get(ATTESTATIONS + action).status_code in (302, 403), action


# Who may open what ------------------------------------------------------------------------------------


def candidate_data_urls(world):
    dossier = world["lucas"].dossier
    attestation = Attestation.objects.get(reference="ATT-1")
    claire = world["claire"]
    return [
        CANDIDATES,
        f"{CANDIDATES}edit/{dossier.pk}/",
        f"{CANDIDATES}inspect/{dossier.pk}/",
        ATTESTATIONS,
        f"{ATTESTATIONS}inspect/{attestation.pk}/",
        COUNSELLORS,
        f"{COUNSELLORS}create/",
        f"{COUNSELLORS}edit/{claire.pk}/",
    ]


OTHER_ADMIN_URLS = ["/admin/candidates/dabm/", "/admin/candidates/dabm/create/", "/admin/users/", SETTINGS]


def admin_urls(world):
    return [*candidate_data_urls(world), *OTHER_ADMIN_URLS]


def test_editor_finds_no_candidate_attestation_or_counsellor_url(client, editor, world):
    """Not found, rather than « pas la permission »: nothing tells an Éditeur which ids exist."""
    client.force_login(editor)
    for url in candidate_data_urls(world):
        assert client.get(url).status_code == 404, url


def test_editor_cannot_open_dabm_user_or_settings_url(client, editor, world):
    client.force_login(editor)
    for url in OTHER_ADMIN_URLS:
        assert client.get(url).status_code in (302, 403), url
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


@pytest.mark.parametrize("fixture", ["editor", "administrator"])
def test_a_counsellor_is_not_found_in_utilisateurs(client, request, fixture, world):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("wagtailusers_users:edit", args=[world["claire"].pk])).status_code == 404


def test_administrator_opens_them_all(client, administrator, world):
    client.force_login(administrator)
    for url in admin_urls(world):
        assert client.get(url, follow=True).status_code == 200, url


@pytest.mark.parametrize("fixture", ["candidate", "counsellor"])
def test_candidates_and_counsellors_never_see_these_admin_pages(client, request, fixture, world):
    client.force_login(request.getfixturevalue(fixture))
    for url in admin_urls(world):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("dashboard"), url


# Counsellors --------------------------------------------------------------------------------------


def test_creating_a_counsellor_adds_the_group_and_sends_the_link(client, administrator, world, mailoutbox):
    client.force_login(administrator)
    response = client.post(
        COUNSELLORS + "create/",
        {
            "first_name": "Inès",
            "last_name": "GARCIA",
            "email": "ines.garcia@ac-exemple.fr",
            "username": "ines.garcia",
            "dabm": world["ales"].pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    ines = User.objects.get(username="ines.garcia")
    assert ines.role == access.CONSEILLER
    assert ines.dabm == world["ales"]
    assert ines.is_active
    (message,) = mailoutbox
    assert message.to == ["ines.garcia@ac-exemple.fr"]
    assert message.subject == "Votre compte conseiller Mon bilan en ligne"
    assert "ines.garcia" in message.body
    assert "http://testserver/mot-de-passe/nouveau/" in message.body

    listing = client.get(COUNSELLORS, {"dabm": world["ales"].pk}).content.decode()
    assert "GARCIA" in listing and "BOAD" not in listing


def test_counsellor_creation_checks_the_email_is_free(client, administrator, world, mailoutbox):
    client.force_login(administrator)
    response = client.post(
        COUNSELLORS + "create/",
        {"first_name": "A", "last_name": "B", "email": world["claire"].email.upper(), "username": "autre", "dabm": ""},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mailoutbox == []


def test_counsellors_list_shows_counsellors_only(client, administrator, world):
    client.force_login(administrator)
    content = client.get(COUNSELLORS).content.decode()
    assert "BOAD" in content and "MARTIN" in content
    assert "BERNARD" not in content


def test_deactivating_a_counsellor_blocks_their_login(client, administrator, world):
    claire = world["claire"]
    client.force_login(administrator)
    response = client.post(
        f"{COUNSELLORS}edit/{claire.pk}/",
        {
            "first_name": claire.first_name,
            "last_name": claire.last_name,
            "email": claire.email,
            "username": claire.username,
            "dabm": world["nimes"].pk,
            # is_active left out: unticked
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    claire.refresh_from_db()
    assert not claire.is_active and claire.dabm == world["nimes"]
    client.logout()
    assert not client.login(username=claire.username, password=PASSWORD)
    assert client.get(COUNSELLORS + "?is_active__exact=0").status_code == 302  # logged out


# Site settings ----------------------------------------------------------------------------------------


def test_administrator_edits_the_site_settings_and_the_next_attestations_follow(client, administrator, world):
    client.force_login(administrator)
    assert client.get(SETTINGS).status_code in (200, 302)
    portal = PortalSettings.load()
    response = client.post(
        f"{SETTINGS}{portal.pk}/",
        {
            "academie_name": "Académie de Toulouse",
            "logo": "",
            "support_email": "aide@ac-toulouse.fr",
            "support_phone": "05 00 00 00 00",
            "account_email_text": portal.account_email_text,
            "document_footer": "Académie de Toulouse — DAFPIC",
            "journal_retention_months": "24",
            "alert_inactivity_days": portal.alert_inactivity_days,
            "alert_no_appointment_days": portal.alert_no_appointment_days,
            "alert_ending_days": portal.alert_ending_days,
            "followup_delay_months": portal.followup_delay_months,
            "satisfaction_anonymous": "on",
        },
    )
    assert response.status_code == 302
    portal = PortalSettings.load()
    assert portal.academie_name == "Académie de Toulouse" and portal.journal_retention_months == 24

    issued_after = attest(world["emma"].dossier, timezone.localdate().replace(day=1), 1, "ATT-4")
    text = pdf_text(render_attestation_pdf(issued_after))
    assert "ACADÉMIE DE TOULOUSE" in text
    assert "Académie de Toulouse — DAFPIC" in text
    assert "Montpellier" not in text
    # Issued before the change, ATT-1 reads as it did (tests/test_site_identity.py).
    assert "ACADÉMIE DE MONTPELLIER" in pdf_text(render_attestation_pdf(Attestation.objects.get(reference="ATT-1")))


def test_support_requests_go_to_the_address_of_the_settings(client, world, mailoutbox):
    PortalSettings.objects.update_or_create(pk=PortalSettings.load().pk, defaults={"support_email": "aide@ac-x.fr"})
    client.force_login(world["lucas"])
    assert "aide@ac-x.fr" in client.get(reverse("support")).content.decode()
    client.post(reverse("support"), {"subject": "Connexion", "message": "Je n'arrive pas à répondre."})
    (message,) = mailoutbox
    assert message.to == ["aide@ac-x.fr"]


def test_account_email_text_comes_from_the_settings(rf, counsellor, world, mailoutbox):
    from candidates.accounts.emails import send_account_created

    portal = PortalSettings.load()
    portal.account_email_text = "Bienvenue ! {conseiller} a ouvert votre espace."
    portal.save()
    request = rf.get("/")
    request.user = counsellor
    assert send_account_created(world["emma"], request)
    (message,) = mailoutbox
    assert "Bienvenue ! Claire BOAD a ouvert votre espace." in message.body
    assert world["emma"].username in message.body


# Admin home ---------------------------------------------------------------------------------------------


def test_summary_figures(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        summary = academie_summary()
    assert summary["active_per_dabm"] == [("ALÈS", 1), ("NÎMES", 1)]
    assert summary["active_total"] == 2
    assert summary["attestations_this_month"] == 2
    assert summary["hours_this_month"] == "5 h"
    assert summary["hours_total"] == "9 h"
    today = timezone.localdate()
    CandidateFactory(
        dossier__start_date=today.replace(day=1), dossier__end_date=today.replace(day=1) + datetime.timedelta(days=5)
    )
    assert academie_summary()["ending_this_month"] == 1


def test_summary_panel_for_administrators_only(client, administrator, editor, world):
    client.force_login(administrator)
    content = client.get("/admin/").content.decode()
    assert "Les bilans de l&#x27;académie" in content or "Les bilans de l'académie" in content
    assert "Heures attestées au total" in content
    client.force_login(editor)
    assert "Heures attestées au total" not in client.get("/admin/").content.decode()


def test_the_logo_and_the_name_of_the_settings_head_the_documents(world):
    import docx
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from documents.synthesis import build_synthesis_docx, render_synthesis_pdf
    from documents.synthesis_content import synthesis_content

    portal = PortalSettings.load()
    portal.academie_name = "Académie de Toulouse"
    portal.logo = Image.objects.create(title="Logo", file=get_test_image_file())
    portal.save()

    issued_after = attest(world["emma"].dossier, timezone.localdate().replace(day=1), 1, "ATT-4")
    attestation_pdf = render_attestation_pdf(issued_after)
    assert b"/Subtype /Image" in attestation_pdf

    content = synthesis_content(world["lucas"].dossier, issued_on=timezone.localdate())
    document = docx.Document(io.BytesIO(build_synthesis_docx(content)))
    assert len(document.inline_shapes) == 1
    assert document.paragraphs[1].text == "ACADÉMIE DE TOULOUSE"
    synthesis_pdf = render_synthesis_pdf(content)
    assert b"/Subtype /Image" in synthesis_pdf
    assert "ACADÉMIE DE TOULOUSE" in pdf_text(synthesis_pdf)
