"""Navigation (#18): every page shows where it sits, as a DSFR breadcrumb whose items are links to
real pages above it and whose last item is the page itself; *Mes attestations* from the candidate's
dashboard; *Copier* next to the agenda's subscription address; *Mon compte*'s buttons as one group;
the *Image* input in the DSFR upload style."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from candidates.agenda import services as agenda_services
from candidates.attestations import services as attestation_services
from candidates.files import services as file_services
from candidates.models import PrivateFile

from .samples import PDF_BYTES
from .test_agenda import PARIS
from .test_files import upload

pytestmark = pytest.mark.django_db

DASHBOARD = ("Mon tableau de bord", "/tableau-de-bord/")
ACCOUNT = ("Mon compte", "/mon-compte/")
AGENDA = ("Agenda", "/mon-compte/agenda/")


class BreadcrumbParser(HTMLParser):
    """The (label, href) of each item of the page's `fr-breadcrumb`, and which one is aria-current."""

    def __init__(self):
        super().__init__()
        self.navs, self.items, self.current = 0, [], []
        self._inside, self._link = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "fr-breadcrumb" in (attrs.get("class") or "").split():
            self.navs += 1
            self._inside = True
        elif self._inside and tag == "a":
            self._link = [attrs.get("href"), ""]
            if attrs.get("aria-current") == "page":
                self.current.append(len(self.items))

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            href, label = self._link
            self.items.append((" ".join(label.split()), href))
            self._link = None
        elif tag == "nav":
            self._inside = False


def breadcrumb(response) -> list[tuple[str, str | None]]:
    """The page's breadcrumb, checked to be one DSFR breadcrumb ending with the current page."""
    assert response.status_code == 200, response.status_code
    parser = BreadcrumbParser()
    parser.feed(response.content.decode())
    assert parser.navs == 1, "one breadcrumb per page"
    assert parser.current == [len(parser.items) - 1], "the last item, and only it, is the current page"
    return parser.items


def assert_trail(client, url, *parents, page):
    """The breadcrumb of `url`: `parents` (label, url) as links, each one a page that opens, then `page`."""
    items = breadcrumb(client.get(url))
    assert items == [*parents, (page, None)]
    for _label, href in parents:
        assert client.get(href).status_code == 200, href


@pytest.fixture
def appointment(candidate, counsellor):
    start = datetime.datetime(2026, 3, 31, 9, tzinfo=PARIS)
    return agenda_services.appointment_create(
        counsellor=counsellor,
        dossier=candidate.dossier,
        start=start,
        end=start + datetime.timedelta(hours=1),
        modality="presentiel",
        meeting_link="",
        place="",
        subject="Entretien de suivi",
        phase=None,
        notes="",
    )


@pytest.fixture
def private_file(candidate):
    stored = file_services.file_upload(
        owner=candidate, uploaded_by=candidate, uploaded=upload("document.pdf", PDF_BYTES)
    )
    yield stored
    for each in PrivateFile.objects.all():
        each.file.storage.delete(each.file.name)


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("synthesis:mine", "Ma synthèse"),
        ("my_data", "Mes données"),
        ("accounts:profile_edit", "Modifier mes informations"),
        ("files:mine", "Mes fichiers"),
        ("agenda:week", "Agenda"),
    ],
)
def test_the_candidates_pages_under_mon_compte(client, candidate, name, page):
    client.force_login(candidate)
    assert_trail(client, reverse(name), DASHBOARD, ACCOUNT, page=page)


def test_mon_compte_is_under_the_dashboard(client, candidate):
    client.force_login(candidate)
    assert_trail(client, reverse("accounts:account"), DASHBOARD, page="Mon compte")


def test_deleting_ones_own_file_is_under_mes_fichiers(client, candidate, private_file):
    client.force_login(candidate)
    url = reverse("files:delete", args=[private_file.pk])
    assert_trail(
        client, url, DASHBOARD, ACCOUNT, ("Mes fichiers", "/mon-compte/fichiers/"), page="Supprimer un fichier"
    )


def test_the_counsellor_deletes_a_file_from_the_candidates_folder(client, counsellor, candidate, private_file):
    client.force_login(counsellor)
    account = ("Lucas BERNARD", reverse("dossiers:candidate", args=[candidate.dossier.pk]))
    folder = ("Fichiers de Lucas BERNARD", reverse("files:candidate", args=[candidate.dossier.pk]))
    assert_trail(client, reverse("files:candidate", args=[candidate.dossier.pk]), DASHBOARD, account, page=folder[0])
    url = reverse("files:delete", args=[private_file.pk])
    assert_trail(client, url, DASHBOARD, account, folder, page="Supprimer un fichier")


def test_the_appointment_pages_are_under_the_agenda(client, counsellor, appointment):
    client.force_login(counsellor)
    week = ("Agenda", "/mon-compte/agenda/?semaine=2026-03-30")
    detail = ("Rendez-vous du 31/03/2026", reverse("agenda:detail", args=[appointment.pk]))
    assert_trail(client, reverse("agenda:week"), DASHBOARD, ACCOUNT, page="Agenda")
    assert_trail(client, reverse("agenda:add"), DASHBOARD, ACCOUNT, AGENDA, page="Nouveau rendez-vous")
    assert_trail(client, detail[1], DASHBOARD, ACCOUNT, week, page=detail[0])
    edit, cancel = reverse("agenda:edit", args=[appointment.pk]), reverse("agenda:cancel", args=[appointment.pk])
    assert_trail(client, edit, DASHBOARD, ACCOUNT, week, detail, page="Modifier le rendez-vous")
    assert_trail(client, cancel, DASHBOARD, ACCOUNT, week, detail, page="Annuler le rendez-vous")


def test_the_attestation_pages_are_under_the_list(client, counsellor, candidate):
    start = datetime.datetime(2026, 10, 5, 9, tzinfo=PARIS)
    attestation = attestation_services.attestation_create(
        counsellor=counsellor, dossier=candidate.dossier, start=start, end=start + datetime.timedelta(hours=3)
    )
    client.force_login(counsellor)
    listing = ("Attestations de présence", reverse("attestations:list"))
    detail = (attestation.reference, reverse("attestations:detail", args=[attestation.pk]))
    assert_trail(client, listing[1], DASHBOARD, page=listing[0])
    assert_trail(client, reverse("attestations:add"), DASHBOARD, listing, page="Ajouter une attestation")
    assert_trail(client, detail[1], DASHBOARD, listing, page=detail[0])
    assert_trail(
        client, reverse("attestations:edit", args=[attestation.pk]), DASHBOARD, listing, detail, page="Modifier"
    )
    delete = reverse("attestations:delete", args=[attestation.pk])
    assert_trail(client, delete, DASHBOARD, listing, detail, page="Supprimer")


def test_the_counsellors_pages_about_a_candidate(client, counsellor, modular_candidate):
    dossier = modular_candidate.dossier
    phase = dossier.phases.order_by("path").first()
    client.force_login(counsellor)
    account = ("Lucas BERNARD", reverse("dossiers:candidate", args=[dossier.pk]))
    view = (phase.title, reverse("dossiers:phase_view", args=[dossier.pk, phase.slug]))
    assert_trail(client, account[1], DASHBOARD, page="Lucas BERNARD")
    assert_trail(client, reverse("dossiers:candidate_add"), DASHBOARD, page="Ajouter un candidat")
    assert_trail(
        client, reverse("dossiers:candidate_edit", args=[dossier.pk]), DASHBOARD, account, page="Modifier le dossier"
    )
    assert_trail(
        client, reverse("dossiers:candidate_delete", args=[dossier.pk]), DASHBOARD, account, page="Supprimer le compte"
    )
    assert_trail(client, view[1], DASHBOARD, account, page=phase.title)
    edit = reverse("dossiers:phase_edit", args=[dossier.pk, phase.slug])
    assert_trail(client, edit, DASHBOARD, account, view, page="Modifier")
    erase = reverse("dossiers:phase_erase", args=[dossier.pk, phase.slug])
    assert_trail(client, erase, DASHBOARD, account, view, page="Effacer le contenu")


def test_the_candidates_phase_is_under_the_dashboard(client, modular_candidate):
    phase = modular_candidate.dossier.phases.order_by("path").first()
    client.force_login(modular_candidate)
    assert_trail(client, reverse("dossiers:phase_answer", args=[phase.slug]), DASHBOARD, page=phase.title)


def test_the_candidates_dashboard_links_to_mes_attestations(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("dashboard")).content.decode()
    assert re.search(r'<a [^>]*href="/mon-compte/#mes-attestations"[^>]*>Mes attestations</a>', page)
    assert 'id="mes-attestations"' in client.get(reverse("accounts:account")).content.decode()


def test_the_agenda_offers_to_copy_the_subscription_address(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("agenda:week")).content.decode()
    assert "data-copy-button" not in page  # no address yet: nothing to copy
    client.post(reverse("agenda:feed_create"))
    page = client.get(reverse("agenda:week")).content.decode()
    assert re.search(r"<button [^>]*data-copy-button[^>]*>Copier<", page)
    assert re.search(r'aria-live="polite" data-copy-status', page)
    assert "/static/js/copy-address.js" in page and "<script>" not in page


def test_mon_comptes_buttons_are_one_group(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("accounts:account")).content.decode()
    group = re.search(
        r'<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">(.*?)</ul>', page, re.S
    )
    assert group, "the group"
    assert [label for label in ("Modifier mes informations", "Mes fichiers", "Agenda") if label in group.group(1)] == [
        "Modifier mes informations",
        "Mes fichiers",
        "Agenda",
    ]


@pytest.mark.parametrize("who", ["candidate", "counsellor"])
def test_the_image_input_has_the_dsfr_upload_style(client, candidate, counsellor, who):
    client.force_login(candidate if who == "candidate" else counsellor)
    url = reverse("accounts:profile_edit") if who == "candidate" else reverse("dossiers:candidate_add")
    page = client.get(url).content.decode()
    group = re.search(r'<div class="fr-upload-group">(.*?)</div>', page, re.S)
    assert group, "the upload group"
    assert "Taille maximale : 5 Mo. Formats acceptés : JPEG, PNG ou WebP." in group.group(1)
    assert re.search(r'<input type="file" name="avatar"[^>]*class="fr-upload"', group.group(1))
