"""*Réaliser le suivi*: the candidate's account, the phase tabs Voir / Modifier / Supprimer,
comments the candidate reads, and *Supprimer son compte*."""

import pytest
from django.core import mail
from django.urls import reverse

from candidates.dossiers import services as dossier_services
from candidates.models import AuditEvent, Comment, Dossier, PhaseResponse, SynthesisNote, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(modular_candidate, phases):
    return phases[0]


@pytest.fixture
def answered(modular_candidate, phase):
    first = phase.question_children[0]
    dossier_services.response_save(
        candidate=modular_candidate, phase=phase, answers={first.id: "Je veux changer de métier"}, version=0
    )
    return modular_candidate


def urls(dossier, phase):
    return {tab: reverse(f"dossiers:phase_{tab}", args=[dossier.pk, phase.slug]) for tab in ("view", "edit", "erase")}


def test_consulter_son_compte_shows_identity_bilan_and_phases(client, counsellor, modular_candidate, phases):
    client.force_login(counsellor)
    page = client.get(reverse("dossiers:candidate", args=[modular_candidate.dossier.pk])).content.decode()
    for text in (
        "Lucas BERNARD",
        modular_candidate.email,
        "Modalités",
        "Date du bilan",
        "Modularisation",
        phases[0].title,
        phases[2].title,
        "Voir",
        "Modifier",
        "Supprimer",
    ):
        assert text in page
    assert phases[3].title not in page


def test_voir_shows_the_answers_read_only(client, counsellor, answered, phase):
    client.force_login(counsellor)
    page = client.get(urls(answered.dossier, phase)["view"]).content.decode()
    assert "Je veux changer de métier" in page
    assert "<textarea" not in page
    assert 'aria-current="page">Voir' in page


def test_voir_of_an_untouched_phase_says_so(client, counsellor, modular_candidate, phases):
    client.force_login(counsellor)
    page = client.get(urls(modular_candidate.dossier, phases[1])["view"]).content.decode()
    assert "n'a encore rien saisi" in page


def test_modifier_posts_a_comment_the_candidate_reads_and_is_told_about(client, counsellor, modular_candidate, phase):
    client.force_login(counsellor)
    url = urls(modular_candidate.dossier, phase)["edit"]
    response = client.post(url, {"comment": "Très belle analyse, précisez vos contraintes.", "notes": "Motivée."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == counsellor and comment.phase == phase
    assert SynthesisNote.objects.get(candidate=modular_candidate, phase=phase).text == "Motivée."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [modular_candidate.email]
    assert phase.title in mail.outbox[0].body
    assert "Très belle analyse" not in mail.outbox[0].body  # the content stays in the portal

    client.force_login(modular_candidate)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Très belle analyse, précisez vos contraintes." in dashboard
    assert phase.title in dashboard
    assert "Motivée." not in dashboard  # synthesis notes are private


def test_comments_are_listed_newest_first(client, counsellor, modular_candidate, phases):
    dossier = modular_candidate.dossier
    dossier_services.comment_create(author=counsellor, dossier=dossier, phase=phases[0], text="Premier commentaire")
    dossier_services.comment_create(author=counsellor, dossier=dossier, phase=phases[1], text="Second commentaire")
    client.force_login(modular_candidate)
    page = client.get(reverse("dashboard")).content.decode()
    assert page.index("Second commentaire") < page.index("Premier commentaire")


def test_no_email_when_the_candidate_turned_notifications_off(client, counsellor, modular_candidate, phase):
    User.objects.filter(pk=modular_candidate.pk).update(notify_comments=False)
    client.force_login(counsellor)
    form = client.get(urls(modular_candidate.dossier, phase)["edit"]).content.decode()
    assert "il en est prévenu par courriel" not in form
    assert "Il a choisi de ne pas être prévenu par courriel" in form
    client.post(urls(modular_candidate.dossier, phase)["edit"], {"comment": "Bien.", "notes": ""})
    assert Comment.objects.count() == 1
    assert mail.outbox == []


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP indisponible")


def test_a_failed_email_keeps_the_comment_and_journals_the_failure(
    client, settings, counsellor, modular_candidate, phase
):
    """The message is a task, retried (at once here): the counsellor is not told of the mail server's
    failure, the administrators are (the journal)."""
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    client.force_login(counsellor)
    response = client.post(
        urls(modular_candidate.dossier, phase)["edit"], {"comment": "Bien.", "notes": ""}, follow=True
    )
    assert Comment.objects.count() == 1
    assert "n&#x27;a pas pu être prévenu" not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EMAIL_FAILED).count() == 1


def test_a_message_that_cannot_be_queued_keeps_the_comment_and_says_so(
    client, monkeypatch, counsellor, modular_candidate, phase
):
    monkeypatch.setattr("candidates.mail.send_email", None)  # queuing fails (as with the database down)
    client.force_login(counsellor)
    response = client.post(
        urls(modular_candidate.dossier, phase)["edit"], {"comment": "Bien.", "notes": ""}, follow=True
    )
    assert Comment.objects.count() == 1
    assert "n&#x27;a pas pu être prévenu" in response.content.decode()


def test_modifier_keeps_notes_and_shows_them_again(client, counsellor, modular_candidate, phase):
    client.force_login(counsellor)
    url = urls(modular_candidate.dossier, phase)["edit"]
    client.post(url, {"comment": "", "notes": "Piste : secrétariat médical."})
    assert Comment.objects.count() == 0
    assert "Piste : secrétariat médical." in client.get(url).content.decode()


def test_modifier_says_truly_who_will_read_the_notes(client, counsellor, modular_candidate, phase):
    """The notes are printed in the published synthèse and in *Mes données*: the counsellor is told so."""
    client.force_login(counsellor)
    page = client.get(urls(modular_candidate.dossier, phase)["edit"]).content.decode()
    assert "Privées" not in page
    assert "Le matériau de la synthèse" in page and "il les lira" in page
    assert "annexe de la synthèse publiée" in page and "Mes données" in page


def test_supprimer_asks_for_confirmation_then_erases_the_phase(client, counsellor, answered, phase):
    client.force_login(counsellor)
    url = urls(answered.dossier, phase)["erase"]
    page = client.get(url).content.decode()
    assert "seront définitivement effacées" in page and "1 question renseignée" in page
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Cochez la case pour confirmer" in refused.content.decode()
    assert PhaseResponse.objects.get(candidate=answered).answers
    assert client.post(url, {"confirm": "on"}).status_code == 302
    response = PhaseResponse.objects.get(candidate=answered)
    assert response.answers == {} and response.status == PhaseResponse.Status.NOT_STARTED
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PHASE_ERASED, actor=counsellor).exists()


def test_a_page_left_open_cannot_write_erased_answers_back(client, counsellor, answered, phase):
    client.force_login(counsellor)
    client.post(urls(answered.dossier, phase)["erase"], {"confirm": "on"})
    client.force_login(answered)
    first = phase.question_children[0]
    response = client.post(
        reverse("dossiers:phase_answer", args=[phase.slug]),
        {first.id: "Je veux changer de métier", "version": "1", "action": "save"},
    )
    assert response.status_code == 409
    assert PhaseResponse.objects.get(candidate=answered).answers == {}


def test_supprimer_son_compte_destroys_everything_and_records_it(client, counsellor, answered, phase):
    dossier = answered.dossier
    dossier_services.comment_create(author=counsellor, dossier=dossier, phase=phase, text="Un commentaire")
    client.force_login(counsellor)
    url = reverse("dossiers:candidate_delete", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert "Cette suppression est définitive" in page
    assert answered.username in page and "1 commentaire" in page and "réponses à 1 phase" in page
    assert "0 note de synthèse" in page and "0 fichier de son dossier" in page  # French: 0 is singular
    assert "et son image" not in page  # the candidate has no image
    assert client.post(url, {}).status_code == 400
    assert User.objects.filter(pk=answered.pk).exists()
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert "toutes ses données sont supprimés" in response.content.decode()
    assert not User.objects.filter(pk=answered.pk).exists()
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not PhaseResponse.objects.filter(candidate_id=answered.pk).exists()
    assert not Comment.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.CANDIDATE_DELETED)
    assert event.actor == counsellor and event.dossier_id == dossier.pk
    assert answered.username not in event.detail


def test_candidate_turns_comment_emails_off_in_mon_compte(client, candidate):
    client.force_login(candidate)
    assert "Me prévenir par courriel" in client.get(reverse("accounts:account")).content.decode()
    client.post(reverse("accounts:account"), {})
    candidate.refresh_from_db()
    assert candidate.notify_comments is False
    client.post(reverse("accounts:account"), {"notify_comments": "on"})
    candidate.refresh_from_db()
    assert candidate.notify_comments is True
