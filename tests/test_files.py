"""*Mes fichiers*: uploads accepted by their content only, private storage, scoped downloads and deletion."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from candidates.files import services as file_services
from candidates.files import uploads
from candidates.models import PrivateFile
from tests.factories import CandidateFactory, CounsellorFactory

from .samples import PDF_BYTES, image_bytes

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Mon projet professionnel")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def odt_bytes(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def stored():
    """Files created by a test are removed from the private storage afterwards."""
    created = []
    yield created
    for private_file in PrivateFile.objects.all():
        private_file.file.storage.delete(private_file.file.name)
    for storage, name in created:
        storage.delete(name)


@pytest.fixture
def put(stored):
    def _put(owner, name="document.pdf", content=PDF_BYTES, uploaded_by=None):
        private_file = file_services.file_upload(
            owner=owner, uploaded_by=uploaded_by or owner, uploaded=upload(name, content)
        )
        stored.append((private_file.file.storage, private_file.file.name))
        return private_file

    return _put


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


# Accepted and refused by content ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("releve.pdf", lambda: PDF_BYTES, uploads.PDF),
        ("photo.jpg", lambda: image_bytes("JPEG"), uploads.JPEG),
        ("photo.JPEG", lambda: image_bytes("JPEG"), uploads.JPEG),
        ("schema.png", lambda: image_bytes("PNG"), uploads.PNG),
        ("cv.docx", docx_bytes, uploads.DOCX),
        ("lettre.odt", odt_bytes, uploads.ODT),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(candidate, stored, name, build, expected):
    content = build()
    private_file = file_services.file_upload(
        owner=candidate, uploaded_by=candidate, uploaded=upload(name, content, content_type="text/html")
    )
    assert private_file.content_type == expected  # what the browser said (text/html) is ignored
    assert private_file.original_name == name
    assert private_file.size == len(content)
    with private_file.file.open("rb") as stored_file:
        assert stored_file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("releve.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "Ce fichier n'est pas un PDF valide."),
        ("image.png", PDF_BYTES, "Ce fichier n'est pas un PNG valide."),
        (
            "setup.exe",
            b"MZ\x90\x00\x03\x00\x00\x00",
            "Type de fichier non accepté : PDF, DOCX, ODT, JPEG ou PNG seulement.",
        ),
        ("releve", PDF_BYTES, "Type de fichier non accepté"),
        ("releve.pdf.exe", PDF_BYTES, "Type de fichier non accepté"),
        ("archive.docx", odt_bytes(b"application/zip"), "Ce fichier n'est pas un DOCX valide."),
        ("lettre.odt", odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"), "n'est pas un ODT valide"),
        ("cv.docx", odt_bytes(), "Ce fichier n'est pas un DOCX valide."),
        ("cv.docx", b"PK\x03\x04 not really a zip", "Ce fichier n'est pas un DOCX valide."),
    ],
)
def test_a_file_whose_content_does_not_match_is_refused(candidate, name, content, message):
    with pytest.raises(ValidationError) as error:
        file_services.file_upload(
            owner=candidate, uploaded_by=candidate, uploaded=upload(name, content, "application/pdf")
        )
    assert message in error.value.messages[0]
    assert not PrivateFile.objects.exists()


def test_a_file_over_the_limit_is_refused(candidate, settings):
    settings.PRIVATE_FILE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        file_services.file_upload(
            owner=candidate, uploaded_by=candidate, uploaded=upload("gros.pdf", PDF_BYTES + b"0" * 1024)
        )
    assert error.value.messages == ["Le fichier dépasse 1 Ko."]
    assert not PrivateFile.objects.exists()


def test_the_default_limits_read_as_the_spec_says():
    assert settings.PRIVATE_FILE_MAX_BYTES == 10 * 1024 * 1024
    assert settings.PRIVATE_FOLDER_QUOTA_BYTES == 100 * 1024 * 1024
    assert uploads.too_big_message() == "Le fichier dépasse 10 Mo."
    assert (
        uploads.folder_full_message()
        == "Ce dossier est plein : 100 Mo au plus. Supprimez des fichiers pour en ajouter."
    )


def test_a_full_folder_refuses_more(candidate, put, settings):
    settings.PRIVATE_FOLDER_QUOTA_BYTES = 2 * len(PDF_BYTES) + 10
    put(candidate)
    put(candidate)
    with pytest.raises(ValidationError) as error:
        file_services.file_upload(owner=candidate, uploaded_by=candidate, uploaded=upload("trois.pdf", PDF_BYTES))
    assert "Ce dossier est plein" in error.value.messages[0]
    assert PrivateFile.objects.filter(owner=candidate).count() == 2
    other = CandidateFactory()
    assert put(other).owner == other  # the quota is per folder


def test_the_name_shown_is_cleaned():
    assert uploads.clean_name("C:\\Users\\lucas\\Documents\\Relevé.pdf") == "Relevé.pdf"
    assert uploads.clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert uploads.clean_name("fac\u202etxt.pdf") == "factxt.pdf"
    assert uploads.clean_name("a\r\nContent-Type: text\x00.pdf") == "aContent-Type: text.pdf"
    assert uploads.clean_name("...") == "fichier"
    long_name = uploads.clean_name("x" * 400 + ".pdf")
    assert len(long_name) == 255 and long_name.endswith(".pdf")


# Private storage ------------------------------------------------------------------------------


def test_the_stored_name_keeps_nothing_of_the_original_and_is_not_under_media(client, candidate, put):
    private_file = put(candidate, name="CV confidentiel Lucas.pdf")
    stored_name = private_file.file.name
    for part in ("CV", "confidentiel", "Lucas", ".pdf"):
        assert part not in stored_name
    path = Path(private_file.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == PDF_BYTES
    client.force_login(candidate)
    assert client.get(settings.MEDIA_URL + stored_name, follow=True).status_code == 404


# Download -------------------------------------------------------------------------------------


def test_download_headers(client, candidate, put):
    private_file = put(candidate, name="Relevé de notes.pdf")
    client.force_login(candidate)
    response = client.get(reverse("files:download", args=[private_file.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Relev%C3%A9%20de%20notes.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert downloaded(response) == PDF_BYTES


def test_an_ascii_name_is_quoted(client, candidate, put):
    private_file = put(candidate, name='mon "cv".pdf')
    client.force_login(candidate)
    response = client.get(reverse("files:download", args=[private_file.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="mon \\"cv\\".pdf"'


# Who sees what --------------------------------------------------------------------------------


def test_another_candidate_gets_a_404(client, candidate, put):
    private_file = put(candidate)
    client.force_login(CandidateFactory(dossier__counsellor=candidate.dossier.counsellor))
    assert client.get(reverse("files:download", args=[private_file.pk])).status_code == 404
    assert client.get(reverse("files:delete", args=[private_file.pk])).status_code == 404
    assert client.post(reverse("files:delete", args=[private_file.pk]), {"confirm": "on"}).status_code == 404
    assert private_file.original_name not in client.get(reverse("files:mine")).content.decode()


def test_a_counsellor_gets_their_candidates_files_only(client, counsellor, candidate, put):
    mine = put(candidate, name="bulletin.pdf")
    someone_elses = CandidateFactory()
    theirs = put(someone_elses, name="secret.pdf")
    client.force_login(counsellor)
    response = client.get(reverse("files:download", args=[mine.pk]))
    assert response.status_code == 200 and downloaded(response) == PDF_BYTES
    assert client.get(reverse("files:download", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("files:candidate", args=[someone_elses.dossier.pk])).status_code == 404
    page = client.get(reverse("files:candidate", args=[candidate.dossier.pk])).content.decode()
    assert "bulletin.pdf" in page and "secret.pdf" not in page


def test_a_counsellors_own_files_stay_theirs(client, counsellor, candidate, put):
    private_file = put(counsellor, name="notes-perso.pdf")
    client.force_login(candidate)
    assert client.get(reverse("files:download", args=[private_file.pk])).status_code == 404
    client.force_login(CounsellorFactory())
    assert client.get(reverse("files:download", args=[private_file.pk])).status_code == 404


def test_a_candidate_cannot_open_the_counsellor_folder_page(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("files:candidate", args=[candidate.dossier.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, candidate, put):
    private_file = put(candidate)
    for url in (
        reverse("files:mine"),
        reverse("files:download", args=[private_file.pk]),
        reverse("files:delete", args=[private_file.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


# Pages ----------------------------------------------------------------------------------------


def test_mes_fichiers_empty_state_and_help(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("files:mine")).content.decode()
    for text in (
        "Mes fichiers",
        "Aucun fichier pour l'instant",
        "Ajouter un fichier",
        "PDF, DOCX, ODT, JPEG ou PNG",
        "10 Mo au plus par fichier",
        "0 Ko</strong> sur 100 Mo",
    ):
        assert text in page
    assert reverse("files:mine") in client.get(reverse("accounts:account")).content.decode()


def test_upload_through_the_page_then_listed(client, candidate, stored):
    client.force_login(candidate)
    response = client.post(
        reverse("files:mine"), {"uploaded": upload("Relevé.pdf", PDF_BYTES, "text/plain")}, follow=True
    )
    page = response.content.decode()
    assert "Le fichier « Relevé.pdf » est ajouté." in page
    private_file = PrivateFile.objects.get()
    assert private_file.owner == candidate and private_file.uploaded_by == candidate
    assert private_file.content_type == "application/pdf"
    for text in (
        "Relevé.pdf",
        "PDF",
        "1 Ko",
        timezone.localtime(private_file.created_at).strftime("%d/%m/%Y"),  # the day in Paris
        "vous",
        reverse("files:download", args=[private_file.pk]),
        reverse("files:delete", args=[private_file.pk]),
    ):
        assert text in page


def test_a_refused_upload_says_why_next_to_the_field(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("files:mine"), {"uploaded": upload("faux.pdf", b"<html></html>")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce fichier n&#x27;est pas un PDF valide." in page and "Le formulaire contient 1 erreur" in page
    assert not PrivateFile.objects.exists()
    assert client.post(reverse("files:mine"), {}).status_code == 400


def test_the_counsellor_adds_a_file_the_candidate_finds(client, counsellor, candidate, stored):
    client.force_login(counsellor)
    assert "Ses fichiers" in client.get(reverse("dossiers:candidate", args=[candidate.dossier.pk])).content.decode()
    url = reverse("files:candidate", args=[candidate.dossier.pk])
    assert client.post(url, {"uploaded": upload("fiche-metier.png", image_bytes("PNG"))}).status_code == 302
    private_file = PrivateFile.objects.get()
    assert private_file.owner == candidate and private_file.uploaded_by == counsellor
    client.force_login(candidate)
    page = client.get(reverse("files:mine")).content.decode()
    assert "fiche-metier.png" in page and "Claire BOAD" in page


def test_the_list_reads_in_a_fixed_number_of_queries(client, candidate, put, django_assert_max_num_queries):
    for number in range(5):
        put(candidate, name=f"piece-{number}.pdf")
    client.force_login(candidate)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("files:mine")).status_code == 200


# Deleting -------------------------------------------------------------------------------------


def test_delete_after_confirmation(client, candidate, put, django_capture_on_commit_callbacks):
    private_file = put(candidate, name="ancien-cv.pdf")
    path = Path(private_file.file.path)
    url = reverse("files:delete", args=[private_file.pk])
    client.force_login(candidate)
    page = client.get(url).content.decode()
    assert "ancien-cv.pdf" in page and "définitivement supprimé" in page
    assert client.post(url, {}).status_code == 400
    assert PrivateFile.objects.filter(pk=private_file.pk).exists() and path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"}, follow=True)
    assert "Le fichier « ancien-cv.pdf » est supprimé." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("files:mine")
    assert not PrivateFile.objects.filter(pk=private_file.pk).exists()
    assert not path.exists()


def test_the_counsellor_deletes_in_the_candidates_folder(
    client, counsellor, candidate, put, django_capture_on_commit_callbacks
):
    private_file = put(candidate)
    client.force_login(counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("files:delete", args=[private_file.pk]), {"confirm": "on"})
    assert response["Location"] == reverse("files:candidate", args=[candidate.dossier.pk])
    assert not PrivateFile.objects.exists()
    assert not Path(private_file.file.path).exists()


def test_deleting_the_candidate_account_removes_their_stored_files(
    client, counsellor, candidate, put, django_capture_on_commit_callbacks
):
    paths = [Path(put(candidate, name=f"piece-{number}.pdf").file.path) for number in range(2)]
    assert all(path.exists() for path in paths)
    client.force_login(counsellor)
    url = reverse("dossiers:candidate_delete", args=[candidate.dossier.pk])
    assert "2 fichiers" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "on"})
    assert not PrivateFile.objects.exists()
    assert not any(path.exists() for path in paths)
