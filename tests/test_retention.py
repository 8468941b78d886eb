"""The purge of ended bilans: dry run, real run, consent to keep the synthèse, the journal."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from candidates.dossiers import services as dossier_services
from candidates.models import AuditEvent, Comment, Dossier, PhaseResponse, PrivateFile, Synthesis, SynthesisNote
from candidates.retention.services import purge_expired
from candidates.synthesis import services as synthesis_services

from .factories import CandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(counsellor, phases):
    """A bilan that ended 40 days ago, with answers, a comment, notes, a file and a published synthèse."""
    today = timezone.localdate()
    candidate = CandidateFactory(
        dossier__counsellor=counsellor,
        dossier__start_date=today - datetime.timedelta(days=140),
        dossier__end_date=today - datetime.timedelta(days=40),
    )
    dossier = candidate.dossier
    dossier.phases.set(phases[:1])
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={"x": "Mon parcours"}, version=0)
    dossier_services.comment_create(author=counsellor, dossier=dossier, phase=phases[0], text="Bien")
    dossier_services.synthesis_note_save(dossier=dossier, phase=phases[0], text="Note")
    PrivateFile.objects.create(
        owner=candidate,
        uploaded_by=candidate,
        file="fichiers/x",
        original_name="cv.pdf",
        content_type="application/pdf",
        size=10,
    )
    synthesis_services.synthesis_publish(
        actor=dossier.counsellor,
        dossier=dossier,
        docx=b"PK-synthese",
        pdf=None,
        empty_confirmed=True,
        absolute_url="http://testserver{}".format,
    )
    return dossier


def test_dry_run_lists_without_deleting(ended, capsys):
    call_command("purge_expired", "--dry-run")
    out = capsys.readouterr().out
    assert f"Dossier n° {ended.pk} : serait détruit" in out and "1 réponse(s)" in out and "la synthèse" in out
    assert PhaseResponse.objects.exists() and Synthesis.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PURGED).exists()


def test_real_run_destroys_working_documents_and_the_synthese_without_consent(ended, capsys):
    call_command("purge_expired")
    assert not PhaseResponse.objects.exists()
    assert not Comment.objects.exists() and not SynthesisNote.objects.exists() and not PrivateFile.objects.exists()
    assert not Synthesis.objects.exists()
    assert Dossier.objects.filter(pk=ended.pk).exists()  # the account and its attestations stay
    event = AuditEvent.objects.get(action=AuditEvent.Action.PURGED)
    assert event.dossier_id == ended.pk and "Mon parcours" not in event.detail
    assert "1 dossier(s) purgé(s)." in capsys.readouterr().out


def test_the_synthese_is_kept_one_year_with_consent(ended):
    Dossier.objects.filter(pk=ended.pk).update(keep_synthesis=True)
    purge_expired(today=timezone.localdate())
    assert Synthesis.objects.filter(dossier=ended).exists()
    assert not PhaseResponse.objects.exists()
    purge_expired(today=ended.end_date + datetime.timedelta(days=366))
    assert not Synthesis.objects.exists()


def test_bilans_still_running_or_just_ended_are_untouched(candidate, phases):
    candidate.dossier.phases.set(phases[:1])
    dossier_services.response_save(candidate=candidate, phase=phases[0], answers={"x": "y"}, version=0)
    assert purge_expired(today=candidate.dossier.end_date + datetime.timedelta(days=10)) == []
    assert PhaseResponse.objects.exists()


def test_the_candidate_gives_or_withdraws_consent_in_ma_synthese(client, candidate):
    client.force_login(candidate)
    page = client.get(reverse("synthesis:mine")).content.decode()
    assert "<title>Ma synthèse — Mon bilan en ligne</title>" in page
    assert page.count("conservée un an après la fin du bilan") == 1
    client.post(reverse("synthesis:mine"), {"consent": "1", "keep_synthesis": "on"})
    assert Dossier.objects.get(pk=candidate.dossier.pk).keep_synthesis is True
    client.post(reverse("synthesis:mine"), {"consent": "1"})
    assert Dossier.objects.get(pk=candidate.dossier.pk).keep_synthesis is False
