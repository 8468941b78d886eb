"""One source for the académie's name (#18): the Paramètres head the portal's pages (django-dsfr's header and
footer), and a document keeps what it was issued with when the Paramètres change later."""

import datetime
import importlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from candidates import portal_settings
from candidates.models import Attestation, PortalSettings, Synthesis
from documents.pdf import render_attestation_pdf

from .phase_builders import complete_phase
from .samples import pdf_text
from .test_synthesis_flow import text_of

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def rename(academie: str, **fields) -> PortalSettings:
    portal = PortalSettings.load()
    portal.academie_name = academie
    for name, value in fields.items():
        setattr(portal, name, value)
    portal.save()
    return portal


def header_and_footer(content: str) -> tuple[str, str]:
    header = re.search(r'<header role="banner".*?</header>', content, re.S).group(0)
    footer = re.search(r'<footer class="fr-footer".*?</footer>', content, re.S).group(0)
    return header, footer


def attest(dossier, day: datetime.date, reference: str) -> Attestation:
    start = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=PARIS)
    return Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(hours=2),
        duration_minutes=120,
        reference=reference,
    )


# The header and the footer ---------------------------------------------------------------------------


def test_the_header_and_the_footer_name_the_academie_of_the_parametres(client):
    header, footer = header_and_footer(client.get(reverse("accounts:login")).content.decode())
    assert "Mon bilan en ligne" in header
    assert "Bilan de compétences — Académie de Montpellier" in header
    assert "Académie de Montpellier" in footer

    rename("Académie de Toulouse")

    header, footer = header_and_footer(client.get(reverse("accounts:login")).content.decode())
    assert "Bilan de compétences — Académie de Toulouse" in header
    assert "le bilan de compétences des DABM — Académie de Toulouse." in footer
    assert "Montpellier" not in header + footer


def test_the_name_is_shown_as_text_not_html(client):
    rename("Académie <b>de Nice</b>")
    header, footer = header_and_footer(client.get(reverse("accounts:login")).content.decode())
    assert "<b>" not in header + footer
    assert "Académie &lt;b&gt;de Nice&lt;/b&gt;" in footer


def test_the_header_reads_the_settings_the_request_already_loaded(client, counsellor):
    client.force_login(counsellor)
    client.get(reverse("support"))  # the first request may create the settings row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("support"))  # the support page reads the Paramètres too
    assert response.status_code == 200
    tables = [query["sql"] for query in queries]
    assert sum("candidates_portalsettings" in sql for sql in tables) == 1
    assert not any("dsfr_dsfrconfig" in sql for sql in tables)  # django-dsfr's own configuration is not read


# Documents already issued ----------------------------------------------------------------------------


def test_an_attestation_issued_before_the_change_keeps_the_old_name_footer_and_logo(client, candidate):
    old_logo = Image.objects.create(title="Logo", file=get_test_image_file())
    rename("Académie de Montpellier", document_footer="Montpellier — DAFPIC", logo=old_logo)
    dossier = candidate.dossier
    before = attest(dossier, dossier.start_date, "ATT-AVANT")
    assert before.issued_with["academie"] == "Académie de Montpellier"

    rename("Académie de Toulouse", document_footer="Toulouse — DAFPIC", logo=None)
    old_logo.delete()  # the Wagtail image and its file are gone: the attestation kept its own copy

    client.force_login(dossier.counsellor)
    response = client.get(reverse("attestation_pdf", args=[before.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "ACADÉMIE DE MONTPELLIER" in text and "Montpellier — DAFPIC" in text
    assert "Toulouse" not in text
    assert b"/Subtype /Image" in response.content

    after = attest(dossier, dossier.start_date + datetime.timedelta(days=1), "ATT-APRES")
    text = pdf_text(render_attestation_pdf(after))
    assert "ACADÉMIE DE TOULOUSE" in text and "Toulouse — DAFPIC" in text
    assert "Montpellier" not in text


def test_the_logo_is_kept_once_whatever_the_number_of_attestations(candidate):
    rename("Académie de Montpellier", logo=Image.objects.create(title="Logo", file=get_test_image_file()))
    dossier = candidate.dossier
    first = attest(dossier, dossier.start_date, "ATT-1")
    second = attest(dossier, dossier.start_date + datetime.timedelta(days=1), "ATT-2")
    assert first.issued_with["logo"] == second.issued_with["logo"]
    assert first.issued_with["logo"].startswith(portal_settings.LOGO_FOLDER + "/")
    assert portal_settings.frozen_logo(first.issued_with["logo"])[0] == get_test_image_file().file.getvalue()


def test_the_migration_gives_existing_attestations_the_settings_of_today(candidate):
    dossier = candidate.dossier
    attestation = attest(dossier, dossier.start_date, "ATT-ANCIENNE")
    Attestation.objects.filter(pk=attestation.pk).update(issued_with={})  # as it was before the migration
    rename(
        "Académie de Montpellier",
        document_footer="Pied de page d'avant",
        logo=Image.objects.create(title="Logo", file=get_test_image_file()),
    )

    migration = importlib.import_module("candidates.migrations.0020_attestation_issued_with")
    migration.fill_issued_with(apps, None)
    rename("Académie de Toulouse", document_footer="Nouveau pied de page")

    attestation.refresh_from_db()
    logo = attestation.issued_with.pop("logo")
    assert attestation.issued_with == {"academie": "Académie de Montpellier", "footer": "Pied de page d'avant"}
    assert portal_settings.frozen_logo(logo)[0] == get_test_image_file().file.getvalue()
    attestation.refresh_from_db()
    pdf = render_attestation_pdf(attestation)
    assert "ACADÉMIE DE MONTPELLIER" in pdf_text(pdf) and "Pied de page d'avant" in pdf_text(pdf)
    assert b"/Subtype /Image" in pdf


def test_a_published_synthese_keeps_the_old_name(client, modular_candidate, phases):
    dossier = modular_candidate.dossier
    complete_phase(modular_candidate, phases[0], "Je souhaite me reconvertir dans le social")
    client.force_login(dossier.counsellor)
    client.post(reverse("synthesis_publish", args=[dossier.pk]), {"number": 1, "empty_confirmed": "on"})
    assert Synthesis.objects.get(dossier=dossier).is_published

    rename("Académie de Toulouse")

    client.force_login(modular_candidate)
    published = text_of(client.get(reverse("synthesis_published", args=[dossier.pk])).content)
    assert "ACADÉMIE DE MONTPELLIER" in published and "Toulouse" not in published
    client.force_login(dossier.counsellor)
    draft = text_of(client.get(reverse("synthesis_docx", args=[dossier.pk])).content)
    assert "ACADÉMIE DE TOULOUSE" in draft  # the synthèse as it would be now follows the Paramètres
    draft_pdf = pdf_text(client.get(reverse("synthesis_pdf", args=[dossier.pk])).content)
    assert "ACADÉMIE DE TOULOUSE" in draft_pdf
