"""*Mes données*: the candidate's zip (RGPD access and portability) — what it holds, who may download
it (the candidate, their counsellor on request, nobody else), the journal entry and the headers."""

import datetime
import io
import json
import re
import zipfile
from zoneinfo import ZoneInfo

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates.agenda import services as agenda_services
from candidates.attestations import services as attestation_services
from candidates.dossiers import services as dossier_services
from candidates.files import services as file_services
from candidates.models import AuditEvent, PrivateFile, Synthesis
from candidates.synthesis import services as synthesis_services
from documents import archive as export
from documents.synthesis import build_synthesis_docx
from documents.synthesis_content import synthesis_content

from .factories import CandidateFactory, CounsellorFactory
from .phase_builders import FULL_ANSWERS, complete_phase, every_type_phase
from .samples import PDF_BYTES, image_bytes, pdf_text

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
OTHER_PDF = PDF_BYTES.replace(b"Catalog", b"Catalog /Lang (fr)")
COMMENT = "Très bon début, précisez vos motivations."
NOTE = "Profil orienté relation patient."
OBSERVATIONS = "Je me reconnais dans cette synthèse."
REMOVED_ANSWER = "Réponse à une question retirée depuis"
HISTORY_ANSWER = "Réponse du retour historique"
APPOINTMENT_NOTE = "Apporter le CV à jour."


def upload(owner, name, content, uploaded_by=None):
    return file_services.file_upload(
        owner=owner, uploaded_by=uploaded_by or owner, uploaded=SimpleUploadedFile(name, content, "application/pdf")
    )


def remove_stored_files():
    for stored in [
        *(f.file for f in PrivateFile.objects.all()),
        *(stored for s in Synthesis.objects.all() for stored in s.stored_files()),
    ]:
        if stored:
            stored.storage.delete(stored.name)


@pytest.fixture
def world(candidate, counsellor, phases, bilan):
    """Lucas BERNARD (followed by Claire BOAD): the test phase finished, « Contexte de la demande »
    finished, « Retour historique » in progress; a comment, a note, two files of the same name, an
    attestation, a rendez-vous, a published synthèse with observations, a picture."""
    dossier = candidate.dossier
    context, history = phases[0], phases[1]
    test_phase = every_type_phase(bilan)
    dossier.phases.set([context, history, test_phase])
    dossier.keep_synthesis = True
    dossier.save()

    dossier_services.response_save(
        candidate=candidate, phase=test_phase, answers={**FULL_ANSWERS, "ancienne": REMOVED_ANSWER}, version=0
    )
    assert dossier_services.response_complete(candidate=candidate, phase=test_phase) == []
    complete_phase(candidate, context, "Réponse du contexte")
    first_history_question = next(c for c in history.question_children if c.block_type in ("short_text", "long_text"))
    dossier_services.response_save(
        candidate=candidate, phase=history, answers={first_history_question.id: HISTORY_ANSWER}, version=0
    )

    dossier_services.comment_create(author=counsellor, dossier=dossier, phase=test_phase, text=COMMENT)
    dossier_services.synthesis_note_save(dossier=dossier, phase=test_phase, text=NOTE)
    cv = upload(candidate, "CV été.pdf", PDF_BYTES)
    cv_again = upload(candidate, "CV été.pdf", OTHER_PDF, uploaded_by=counsellor)
    attestation = attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=dossier,
        start=datetime.datetime(2026, 10, 5, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 10, 5, 12, 30, tzinfo=PARIS),
    )
    start = datetime.datetime(2026, 10, 12, 14, tzinfo=PARIS)
    agenda_services.appointment_create(
        counsellor=counsellor,
        dossier=dossier,
        start=start,
        end=start + datetime.timedelta(hours=1),
        modality="presentiel",
        place="DABM de Nîmes",
        subject="Entretien de suivi",
        phase=test_phase,
        notes=APPOINTMENT_NOTE,
    )
    synthesis = synthesis_services.synthesis_publish(
        actor=counsellor,
        dossier=dossier,
        docx=build_synthesis_docx(synthesis_content(dossier)),
        pdf=None,
        empty_confirmed=True,
        absolute_url="http://testserver{}".format,
    ).synthesis
    synthesis_services.synthesis_observe(actor=candidate, dossier=dossier, observations=OBSERVATIONS)
    given = synthesis_services.sharing_consent_give(actor=candidate, dossier=dossier, recipient="Mon employeur")
    synthesis_services.sharing_consent_revoke(actor=candidate, consent=given)
    candidate.avatar.save("photo.jpg", ContentFile(image_bytes()))
    yield {
        "candidate": candidate,
        "counsellor": counsellor,
        "dossier": dossier,
        "test_phase": test_phase,
        "context": context,
        "history": history,
        "cv": cv,
        "cv_again": cv_again,
        "attestation": attestation,
        "synthesis": synthesis,
    }
    remove_stored_files()
    candidate.refresh_from_db()
    if candidate.avatar:
        candidate.avatar.storage.delete(candidate.avatar.name)


def download(client, user, url) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def data_of(archive: zipfile.ZipFile) -> dict:
    return json.loads(archive.read("donnees.json").decode("utf-8"))


def phase_entry(data: dict, title: str) -> dict:
    return next(entry for entry in data["phases"] if entry["titre"] == title)


def answers_by_question(entry: dict) -> dict:
    return {answer["question"]: answer["reponse"] for answer in entry["reponses"]}


# The candidate's page and download ----------------------------------------------------------------


def test_mon_compte_leads_to_mes_donnees(client, world):
    client.force_login(world["candidate"])
    account = client.get(reverse("accounts:account")).content.decode()
    assert reverse("my_data") in account
    page = client.get(reverse("my_data"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Mes données</h1>" in html
    assert "donnees.json" in html and "LISEZMOI.txt" in html
    assert reverse("my_data_download") in html
    assert "Claire BOAD" in html


def test_a_counsellors_account_page_has_no_mes_donnees(client, counsellor):
    client.force_login(counsellor)
    assert reverse("my_data") not in client.get(reverse("accounts:account")).content.decode()


def test_the_download_is_a_zip_attachment_never_stored(client, world):
    client.force_login(world["candidate"])
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate()
    username = world["candidate"].username
    expected_name = f"mon-bilan-donnees-{username}-{today:%Y-%m-%d}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == sorted(
        [
            "LISEZMOI.txt",
            "donnees.json",
            "compte/photo.jpg",
            "fichiers/CV été.pdf",
            "fichiers/CV été (2).pdf",
            f"documents/attestations/{world['attestation'].reference}.pdf",
            "documents/synthese.docx",
        ]
    )


def test_the_json_holds_the_account_and_the_dossier_never_the_password(client, world):
    candidate = world["candidate"]
    archive = download(client, candidate, reverse("my_data_download"))
    raw = archive.read("donnees.json").decode("utf-8")
    assert "pbkdf2" not in raw and candidate.password not in raw
    assert "password" not in raw and "mot_de_passe" not in raw
    assert "\\u00" not in raw  # ensure_ascii=False: accents as they are
    data = json.loads(raw)
    account = data["compte"]
    assert account["nom_utilisateur"] == candidate.username
    assert (account["prenom"], account["nom"]) == ("Lucas", "BERNARD")
    assert account["courriel"] == candidate.email
    assert account["role"] == "Candidat"
    assert account["dabm"] == world["dossier"].dabm.name
    assert account["notifications_des_commentaires_par_courriel"] is True
    assert account["photo"] == "compte/photo.jpg"
    assert datetime.datetime.fromisoformat(account["inscrit_le"]).utcoffset() is not None
    dossier = data["dossier"]
    assert dossier["conseiller"] == "Claire BOAD"
    assert dossier["date_de_debut"] == "2026-09-01" and dossier["date_de_fin"] == "2026-12-31"
    assert dossier["phases_attribuees"] == [world["context"].title, world["history"].title, "Phase de test"]
    assert dossier["conservation_de_la_synthese_acceptee"] is True
    assert data["export"]["portail"] == "Mon bilan en ligne"


def test_every_answer_comes_with_its_question(client, world):
    data = data_of(download(client, world["candidate"], reverse("my_data_download")))
    test_phase = phase_entry(data, "Phase de test")
    assert test_phase["statut"] == "terminée"
    assert test_phase["attribuee"] is True
    assert test_phase["terminee_le"] is not None
    answers = answers_by_question(test_phase)
    assert answers["Votre métier actuel ?"] == "Secrétaire médicale"
    assert answers["Racontez votre parcours."] == "Dix ans à l'hôpital.\nPuis une clinique."
    assert answers["Votre format ?"] == "Présentiel"
    assert answers["Vos motivations ?"] == ["Évoluer", "Créer"]
    assert answers["Classez vos priorités"] == ["Famille", "Santé", "Travail"]
    assert answers["Importance de ces valeurs"] == {
        "echelle": {"degres": 5, "minimum": "Sans importance", "maximum": "Très important"},
        "notes": [{"element": "Sécurité", "note": 4}, {"element": "Créativité", "note": 2}],
    }
    assert answers["Vos compétences"] == [{"Compétence": "Accueil du public", "Où acquise": "Hôpital"}]
    assert answers["Vos expériences"] == [
        {"Employeur": "CHU de Nîmes", "Ce que j'ai aimé": "Le contact avec les patients"}
    ]
    types = {answer["question"]: answer["type"] for answer in test_phase["reponses"]}
    assert types["Votre métier actuel ?"] == "Texte court"
    assert test_phase["reponses_a_des_questions_retirees"] == [{"identifiant": "ancienne", "reponse": REMOVED_ANSWER}]

    history = phase_entry(data, world["history"].title)
    assert history["statut"] == "en cours"
    assert HISTORY_ANSWER in answers_by_question(history).values()
    assert len(history["reponses"]) == 1
    context = phase_entry(data, world["context"].title)
    assert context["statut"] == "terminée"
    assert len(context["reponses"]) == len(world["context"].question_children)
    titles = [entry["titre"] for entry in data["phases"]]
    assert titles == [world["context"].title, world["history"].title, "Phase de test"]


def test_comments_notes_attestations_appointments_files_and_synthesis(client, world):
    data = data_of(download(client, world["candidate"], reverse("my_data_download")))
    [comment] = data["commentaires"]
    assert comment["auteur"] == "Claire BOAD" and comment["texte"] == COMMENT and comment["phase"] == "Phase de test"
    assert data["notes_de_synthese_du_conseiller"][0]["texte"] == NOTE
    [attestation] = data["attestations"]
    assert attestation["reference"] == world["attestation"].reference
    assert attestation["debut"] == "2026-10-05T09:00:00+02:00"
    assert attestation["fin"] == "2026-10-05T12:30:00+02:00"
    assert (attestation["duree_minutes"], attestation["duree"]) == (210, "3 h 30")
    assert attestation["document"] == f"documents/attestations/{world['attestation'].reference}.pdf"
    [appointment] = data["rendez_vous"]
    assert appointment["objet"] == "Entretien de suivi" and appointment["debut"] == "2026-10-12T14:00:00+02:00"
    assert appointment["notes_du_conseiller"] == APPOINTMENT_NOTE and appointment["phase"] == "Phase de test"
    assert [(f["nom"], f["chemin_dans_l_archive"], f["taille_octets"], f["depose_par"]) for f in data["fichiers"]] == [
        ("CV été.pdf", "fichiers/CV été.pdf", len(PDF_BYTES), "Lucas BERNARD"),
        ("CV été.pdf", "fichiers/CV été (2).pdf", len(OTHER_PDF), "Claire BOAD"),
    ]
    synthesis = data["synthese"]
    assert synthesis["document"] == "documents/synthese.docx"
    assert synthesis["observations"] == OBSERVATIONS and synthesis["observations_du"] is not None
    [version] = synthesis["versions_publiees"]
    assert version["version"] == 1 and version["publiee_le"] == synthesis["publiee_le"]
    [consent] = synthesis["accords_de_communication"]
    assert consent["destinataire"] == "Mon employeur" and consent["donne_le"] and consent["retire_le"]


def test_the_files_and_documents_are_in_the_archive(client, world):
    archive = download(client, world["candidate"], reverse("my_data_download"))
    assert archive.read("fichiers/CV été.pdf") == PDF_BYTES
    assert archive.read("fichiers/CV été (2).pdf") == OTHER_PDF
    reference = world["attestation"].reference
    attestation = archive.read(f"documents/attestations/{reference}.pdf")
    assert attestation.startswith(b"%PDF")
    text = pdf_text(attestation)
    assert reference in text and "BERNARD" in text
    synthesis = archive.read("documents/synthese.docx")
    with world["synthesis"].latest.docx.open("rb") as stored:
        assert synthesis == stored.read()
    document = docx.Document(io.BytesIO(synthesis))
    assert document.core_properties.title == "Document de synthèse — Lucas BERNARD"
    with world["candidate"].avatar.open("rb") as picture:
        assert archive.read("compte/photo.jpg") == picture.read()
    readme = archive.read("LISEZMOI.txt").decode("utf-8")
    assert "donnees.json" in readme and "Cette archive n'est pas chiffrée" in readme


# The counsellor, on request --------------------------------------------------------------------


def test_the_counsellor_downloads_the_same_data_from_the_candidates_page(client, world):
    dossier = world["dossier"]
    client.force_login(world["counsellor"])
    page = client.get(reverse("dossiers:candidate", args=[dossier.pk])).content.decode()
    url = reverse("counsellor_candidate_export", args=[dossier.pk])
    assert url in page and "Télécharger les données du candidat (zip)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert f"mon-bilan-donnees-{world['candidate'].username}-" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = data_of(archive)
    assert data["compte"]["nom_utilisateur"] == world["candidate"].username
    assert answers_by_question(phase_entry(data, "Phase de test"))["Votre métier actuel ?"] == "Secrétaire médicale"
    assert archive.read("fichiers/CV été.pdf") == PDF_BYTES


def test_another_counsellor_gets_a_404(client, world):
    client.force_login(CounsellorFactory())
    response = client.get(reverse("counsellor_candidate_export", args=[world["dossier"].pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT_DOWNLOADED).exists()


def test_another_candidate_only_ever_gets_their_own_data(client, world):
    other = CandidateFactory(dossier__counsellor=world["counsellor"])
    client.force_login(other)
    assert client.get(reverse("counsellor_candidate_export", args=[world["dossier"].pk])).status_code == 404
    archive = download(client, other, reverse("my_data_download"))
    raw = archive.read("donnees.json").decode("utf-8")
    data = json.loads(raw)
    assert data["compte"]["nom_utilisateur"] == other.username
    assert world["candidate"].username not in raw and COMMENT not in raw and "Secrétaire médicale" not in raw
    assert data["phases"] == [] and data["fichiers"] == [] and data["synthese"] is None
    assert sorted(archive.namelist()) == ["LISEZMOI.txt", "donnees.json"]


@pytest.mark.parametrize("name", ["my_data", "my_data_download", "counsellor_candidate_export"])
def test_anonymous_visitors_go_to_the_login_page(client, world, name):
    url = reverse(name, args=[world["dossier"].pk] if name == "counsellor_candidate_export" else [])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_counsellor_has_no_mes_donnees_of_their_own(client, counsellor):
    client.force_login(counsellor)
    assert client.get(reverse("my_data")).status_code == 404
    assert client.get(reverse("my_data_download")).status_code == 404


# The access journal ----------------------------------------------------------------------------


def test_each_download_is_journalled_without_any_content(client, world):
    candidate, counsellor, dossier = world["candidate"], world["counsellor"], world["dossier"]
    download(client, candidate, reverse("my_data_download"))
    download(client, counsellor, reverse("counsellor_candidate_export", args=[dossier.pk]))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT_DOWNLOADED).order_by("pk")
    assert [(e.actor, e.actor_name, e.candidate_id, e.dossier_id) for e in events] == [
        (candidate, candidate.username, candidate.pk, dossier.pk),
        (counsellor, counsellor.username, candidate.pk, dossier.pk),
    ]
    secrets = ["Secrétaire médicale", "Dix ans", COMMENT, NOTE, OBSERVATIONS, HISTORY_ANSWER, "CV été"]
    for event in events:
        stored = " ".join(str(value) for value in AuditEvent.objects.filter(pk=event.pk).values().first().values())
        assert not any(secret in stored for secret in secrets), stored


def test_the_page_itself_is_not_journalled(client, world):
    client.force_login(world["candidate"])
    client.get(reverse("my_data"))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT_DOWNLOADED).exists()


# The service -----------------------------------------------------------------------------------


def test_reads_do_not_grow_with_the_data(world, counsellor, phases, bilan):
    """Same number of queries for a small and a large dossier (one attestation each: its PDF
    reads the portal's settings)."""
    small = CandidateFactory(dossier__counsellor=counsellor)
    small.dossier.phases.set(phases[:1])
    attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=small.dossier,
        start=datetime.datetime(2026, 10, 6, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 10, 6, 10, tzinfo=PARIS),
    )
    dossier_services.comment_create(author=counsellor, dossier=small.dossier, phase=phases[0], text="Un seul.")
    upload(small, "seul.pdf", PDF_BYTES)
    large = world["candidate"]
    for number in range(3):
        dossier_services.comment_create(
            author=counsellor, dossier=large.dossier, phase=world["history"], text=f"Commentaire {number}"
        )
        upload(large, f"piece-{number}.pdf", PDF_BYTES)

    counts = []
    for candidate in (small, large):
        with CaptureQueriesContext(connection) as queries:
            export.build_export(candidate)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_lost_stored_file_is_left_out_not_fatal(world):
    cv = world["cv"]
    cv.file.storage.delete(cv.file.name)
    archive = zipfile.ZipFile(io.BytesIO(export.build_export(world["candidate"])))
    assert [name for name in archive.namelist() if name.startswith("fichiers/")] == ["fichiers/CV été.pdf"]
    assert archive.read("fichiers/CV été.pdf") == OTHER_PDF
    listed = {f["taille_octets"]: f["chemin_dans_l_archive"] for f in data_of(archive)["fichiers"]}
    assert listed == {len(PDF_BYTES): None, len(OTHER_PDF): "fichiers/CV été.pdf"}


def test_names_in_the_archive_are_unique_whatever_the_case():
    names = export.Names()
    assert [names.add("fichiers", name) for name in ("cv.pdf", "CV.pdf", "cv.pdf", "notes", "notes")] == [
        "fichiers/cv.pdf",
        "fichiers/CV (2).pdf",
        "fichiers/cv (3).pdf",
        "fichiers/notes",
        "fichiers/notes (2)",
    ]


def test_the_file_name_is_plain_ascii(candidate):
    candidate.username = "Éloïse d'Arc @nîmes"
    assert export.export_filename(candidate, datetime.date(2026, 10, 5)) == (
        "mon-bilan-donnees-Eloise-d-Arc-nimes-2026-10-05.zip"
    )
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", export.export_filename(candidate, datetime.date(2026, 1, 1)))


def test_an_answer_that_no_longer_fits_its_question_is_exported_as_stored(world):
    """A question whose type an editor changed keeps its id: the old answer is still held and exported."""
    from candidates.models import PhaseResponse

    response = PhaseResponse.objects.get(candidate=world["candidate"], phase=world["test_phase"])
    response.answers["table"] = "Un texte d'avant le tableau"
    response.save()
    data = data_of(zipfile.ZipFile(io.BytesIO(export.build_export(world["candidate"]))))
    assert answers_by_question(phase_entry(data, "Phase de test"))["Vos compétences"] == "Un texte d'avant le tableau"
