"""The access journal: reads and changes of a candidate's data are recorded (who, when, what, on
which object, never the content); administrators read and filter it; the daily purge empties it
past the configured period."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from candidates.attestations import services as attestation_services
from candidates.dossiers import services as dossier_services
from candidates.files import services as file_services
from candidates.journal import services as journal
from candidates.models import AuditEvent, PortalSettings

from .factories import CandidateFactory, CounsellorFactory
from .phase_builders import every_type_phase

pytestmark = pytest.mark.django_db

SECRET = "Ouvrir une boulangerie à Sète"


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    return phase


def entries(action):
    return list(AuditEvent.objects.filter(action=action))


def assert_no_content_anywhere():
    for event in AuditEvent.objects.all():
        fields = (event.actor_name, event.object_type, event.object_id, event.detail)
        assert not any(SECRET in value for value in fields)


def test_a_candidate_autosave_is_journaled_without_the_text(client, candidate, phase):
    client.force_login(candidate)
    response = client.post(
        reverse("dossiers:phase_autosave", args=[phase.slug]), {"short": SECRET, "version": "0", "save_id": "s1"}
    )
    assert response.status_code == 200
    [event] = entries(AuditEvent.Action.ANSWERS_SAVED)
    assert event.actor == candidate and event.actor_name == candidate.username
    assert event.candidate_id == candidate.pk
    assert (event.object_type, event.object_id) == ("phase du bilan", str(phase.pk))
    assert_no_content_anywhere()


def test_a_refused_save_writes_nothing_to_the_journal(client, candidate, phase):
    client.force_login(candidate)
    client.post(reverse("dossiers:phase_autosave", args=[phase.slug]), {"short": "A", "version": "0", "save_id": "1"})
    stale = client.post(
        reverse("dossiers:phase_autosave", args=[phase.slug]), {"short": "B", "version": "0", "save_id": "2"}
    )
    assert stale.status_code == 409
    assert len(entries(AuditEvent.Action.ANSWERS_SAVED)) == 1


def test_the_counsellor_reading_answers_is_journaled(client, counsellor, candidate, phase):
    dossier_services.response_save(candidate=candidate, phase=phase, answers={"short": SECRET}, version=0)
    client.force_login(counsellor)
    response = client.get(reverse("dossiers:phase_view", args=[candidate.dossier.pk, phase.slug]))
    assert response.status_code == 200 and SECRET in response.content.decode()
    [event] = entries(AuditEvent.Action.ANSWERS_VIEWED)
    assert event.actor == counsellor
    assert (event.candidate_id, event.dossier_id) == (candidate.pk, candidate.dossier.pk)
    assert event.object_id == str(phase.pk)
    assert_no_content_anywhere()


def test_another_counsellor_is_refused_and_leaves_no_read_entry(client, candidate, phase):
    client.force_login(CounsellorFactory())
    response = client.get(reverse("dossiers:phase_view", args=[candidate.dossier.pk, phase.slug]))
    assert response.status_code == 404
    assert not entries(AuditEvent.Action.ANSWERS_VIEWED)


def test_a_comment_and_the_notes_are_journaled_as_changes(client, counsellor, candidate, phase):
    client.force_login(counsellor)
    url = reverse("dossiers:phase_edit", args=[candidate.dossier.pk, phase.slug])
    client.post(url, {"comment": SECRET, "notes": SECRET})
    [comment] = entries(AuditEvent.Action.COMMENT_ADDED)
    [note] = entries(AuditEvent.Action.NOTE_SAVED)
    assert comment.actor == note.actor == counsellor
    assert comment.object_type == "commentaire" and note.object_id == str(phase.pk)
    assert_no_content_anywhere()


def test_file_and_document_downloads_are_journaled(client, counsellor, candidate, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    private_file = file_services.file_upload(
        owner=candidate,
        uploaded_by=candidate,
        uploaded=SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    attestation = attestation_services.attestation_create(
        counsellor=counsellor,
        dossier=candidate.dossier,
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    client.force_login(counsellor)
    assert client.get(reverse("files:download", args=[private_file.pk])).status_code == 200
    assert client.get(reverse("attestation_pdf", args=[attestation.pk])).status_code == 200
    [download] = entries(AuditEvent.Action.FILE_DOWNLOADED)
    assert (download.actor, download.candidate_id, download.object_id) == (
        counsellor,
        candidate.pk,
        str(private_file.pk),
    )
    [document] = entries(AuditEvent.Action.DOCUMENT_DOWNLOADED)
    assert document.object_type == "attestation de présence" and document.dossier_id == candidate.dossier.pk


def test_the_journal_keeps_who_did_it_after_the_account_is_gone(counsellor, candidate):
    dossier_pk, candidate_pk = candidate.dossier.pk, candidate.pk
    dossier_services.candidate_delete(actor=counsellor, dossier=candidate.dossier)
    [event] = entries(AuditEvent.Action.CANDIDATE_DELETED)
    assert (event.dossier_id, event.candidate_id) == (dossier_pk, candidate_pk)
    counsellor.delete()
    event.refresh_from_db()
    assert event.actor is None and event.actor_name == counsellor.username


# The administrators' view -------------------------------------------------------------------------


@pytest.fixture
def journaled(counsellor, candidate):
    other = CandidateFactory(dossier__counsellor=counsellor)
    journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, dossier=candidate.dossier, obj=candidate.dossier)
    journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, dossier=other.dossier, obj=other.dossier)
    journal.record(candidate, journal.Action.ANSWERS_SAVED, candidate=candidate)
    return other


def listing(client, **params):
    response = client.get(reverse("journal:index"), params)
    assert response.status_code == 200
    return response.context["object_list"]


def test_administrators_read_and_filter_the_journal(client, administrator, candidate, journaled):
    client.force_login(administrator)
    assert len(listing(client)) == 3
    assert {e.candidate_id for e in listing(client, candidate_id=candidate.pk)} == {candidate.pk}
    assert len(listing(client, candidate_id=candidate.pk)) == 2
    saved = listing(client, action=AuditEvent.Action.ANSWERS_SAVED)
    assert [e.actor_name for e in saved] == [candidate.username]
    today = timezone.localdate().isoformat()
    assert len(listing(client, created_at_from=today, created_at_to=today)) == 3
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert len(listing(client, created_at_from=yesterday, created_at_to=yesterday)) == 0
    page = client.get(reverse("journal:index")).content.decode()
    assert "Journal des accès" in page and "compte candidat consulté" in page


def test_administrators_export_the_filtered_journal_as_csv(client, administrator, candidate, journaled):
    client.force_login(administrator)
    response = client.get(reverse("journal:index"), {"candidate_id": candidate.pk, "export": "csv"})
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 3  # the heading and two entries


def test_the_journal_cannot_be_edited_even_by_an_administrator(client, administrator, journaled):
    event = AuditEvent.objects.first()
    client.force_login(administrator)
    assert client.get(reverse("journal:edit", args=[event.pk])).status_code in (302, 403)
    assert client.post(reverse("journal:delete", args=[event.pk])).status_code in (302, 403)
    assert client.get(reverse("journal:add")).status_code in (302, 403)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("editor", 404), ("counsellor", 302), ("candidate", 302)])
def test_only_administrators_see_the_journal(client, request, who, status, journaled):
    """An editor is not told the journal exists; candidates and counsellors never see the admin."""
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("journal:index"))
    assert response.status_code == status
    assert b"compte candidat consult" not in response.content


# The purge ----------------------------------------------------------------------------------------


def age(event, days):
    AuditEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_the_daily_purge_empties_the_journal_past_twelve_months_by_default(counsellor, candidate, capsys):
    old = journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, dossier=candidate.dossier)
    recent = journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, dossier=candidate.dossier)
    age(old, 370)
    age(recent, 350)
    call_command("purge_expired", "--dry-run")
    assert "1 entrée(s) du journal des accès à effacer" in capsys.readouterr().out
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    call_command("purge_expired")
    assert "1 entrée(s) du journal des accès effacée(s)" in capsys.readouterr().out
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_period_is_set_in_the_portal_settings(counsellor, candidate):
    portal = PortalSettings.load()
    portal.journal_retention_months = 3
    portal.save()
    event = journal.record(counsellor, journal.Action.ACCOUNT_VIEWED, dossier=candidate.dossier)
    age(event, 100)
    assert journal.purge_older_than_retention(timezone.now()) == 1
    assert not AuditEvent.objects.exists()
