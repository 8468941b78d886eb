"""Progress read by lists without loading the answers: the count stored with each response, counted
again from the answers when the phase's questions were edited since; both must say exactly what
`PhasePage.progress` says."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.dossiers import selectors as dossier_selectors
from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse

from .phase_builders import FULL_ANSWERS, every_type_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(bilan):
    return every_type_phase(bilan)


def test_saving_stores_the_count_and_erasing_resets_it(candidate, counsellor, phase):
    candidate.dossier.phases.add(phase)
    response = dossier_services.response_save(candidate=candidate, phase=phase, answers=FULL_ANSWERS, version=0)
    assert (response.answered, response.answered_for) == (8, phase.structure.digest)
    dossier_services.response_erase(actor=counsellor, dossier=candidate.dossier, phase=phase)
    response.refresh_from_db()
    assert response.answered == 0


def publish(phase, change):
    page = phase.specific.get_latest_revision_as_object()
    change(page)
    page.save_revision().publish()
    return type(phase).objects.get(pk=phase.pk)


def test_after_a_phase_edit_lists_count_again_in_one_more_query(client, candidate, counsellor, phase):
    """Deleting a question changes what the stored counts mean: they are counted again, exactly, and
    `recount_progress` stores the new counts."""
    candidate.dossier.phases.add(phase)
    dossier_services.response_save(candidate=candidate, phase=phase, answers=FULL_ANSWERS, version=0)
    dossiers = list(dossier_selectors.counsellor_dossiers(counsellor))

    with CaptureQueriesContext(connection) as before:
        assert dossier_selectors.dossiers_progress(dossiers)[candidate.dossier.pk].answered == 8

    phase = publish(
        phase,
        lambda page: setattr(
            page, "questions", [block for block in page.questions.raw_data if block["id"] not in ("long", "multi")]
        ),
    )
    with CaptureQueriesContext(connection) as after:
        progress = dossier_selectors.dossiers_progress(dossiers)[candidate.dossier.pk]
    assert (progress.answered, progress.total) == (6, 6)
    assert len(after) == len(before) + 1

    client.force_login(candidate)
    assert "6 / 6 questions (100 %)" in client.get(reverse("dashboard")).content.decode()

    call_command("recount_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PhaseResponse.objects.get(candidate=candidate, phase=phase).answered == 6
    with CaptureQueriesContext(connection) as recounted:
        dossier_selectors.dossiers_progress(dossiers)
    assert len(recounted) == len(before)
