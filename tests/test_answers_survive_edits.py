"""No edit of a phase loses what a candidate answered. Rewording or reordering any label (questions,
propositions, scale items and degrees' labels, columns, fields) changes nothing of the answers, the
progress or the completion; removing a question, a proposition, an item, a column or lowering a scale
keeps the old answers, shown as retired under the label the candidate saw. Every edit goes through the
page editor's own POST, as an administrator publishes it."""

import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from candidates.dossiers import services as dossier_services
from candidates.models import PhaseResponse
from documents.synthesis import synthesis_context
from documents.synthesis_content import synthesis_content
from phases.models import PhasePage, PublishedPart
from phases.question_block import retired_note

from .admin_form_data import phase_form_data
from .phase_builders import EVERY_TYPE, FULL_ANSWERS, every_type_phase
from .test_export import data_of, download, phase_entry

pytestmark = pytest.mark.django_db

REWORDED = {  # old label: new label, for every kind of label of EVERY_TYPE
    "Votre métier actuel ?": "Quel est votre métier ?",
    "Présentiel": "Sur place",
    "A distance": "En visioconférence",
    "Évoluer": "Progresser",
    "Créer": "Créer une entreprise",
    "Sécurité": "Sécurité de l'emploi",
    "Très important": "Essentiel",
    "Famille": "Vie de famille",
    "Compétence": "Savoir-faire",
    "Où acquise": "Où l'avez-vous acquis ?",
    "Employeur": "Structure",
}


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan)
    phase.save_revision().publish()
    candidate.dossier.phases.add(phase)
    return PhasePage.objects.get(pk=phase.pk)


@pytest.fixture
def answered(phase, candidate):
    """The candidate answered every question, and finished the phase."""
    dossier_services.response_save(candidate=candidate, phase=phase, answers=FULL_ANSWERS, version=0)
    assert dossier_services.response_complete(candidate=candidate, phase=phase) == []
    return PhaseResponse.objects.get(candidate=candidate, phase=phase)


def publish(client, administrator, phase, change) -> PhasePage:
    """Edit the phase's questions (StreamField raw data) with `change`, and « Publier » in the editor."""
    raw = copy.deepcopy(list(phase.questions.raw_data))
    change(raw)
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]),
        {**phase_form_data(phase, raw), "action-publish": "1", "confirmer-retrait": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return PhasePage.objects.get(pk=phase.pk)


def block(raw, block_id):
    return next(child for child in raw if child["id"] == block_id)


def reword_and_reorder_everything(raw):
    def reword(text):
        return REWORDED.get(text, text)

    for child in raw:
        value = child["value"]
        if "label" in value:
            value["label"] = reword(value["label"])
        for key in ("min_label", "max_label"):
            if key in value:
                value[key] = reword(value[key])
        for key in ("choices", "items", "columns", "fields"):
            if key in value:
                for item in value[key]:
                    if isinstance(item["value"], dict):
                        item["value"]["label"] = reword(item["value"]["label"])
                    else:
                        item["value"] = reword(item["value"])
                value[key].reverse()
    raw.reverse()  # the questions too


def test_rewording_and_reordering_every_label_changes_no_answer(client, administrator, candidate, phase, answered):
    before = (dict(answered.answers), phase.progress(answered.answers), answered.status)

    phase = publish(client, administrator, phase, reword_and_reorder_everything)
    assert [child.id for child in phase.question_children][0] == "entries"

    stored = PhaseResponse.objects.get(pk=answered.pk)
    assert (stored.answers, phase.progress(stored.answers), stored.status) == before
    assert phase.progress(stored.answers) == (8, 8)
    assert phase.missing_required(stored.answers) == []

    # The candidate reopens the phase: the form shows the answers under the new labels, as chosen.
    client.force_login(candidate)
    url = reverse("dossiers:phase_answer", args=[phase.slug])
    client.post(url, {"action": "reopen"})
    page = client.get(url).content.decode()
    assert 'value="single-1" dsfr="dsfr" id="id_single_0" checked' in page  # « Sur place », now first
    assert page.count('name="multi" value="multi-0"') == 1 and "Progresser" in page
    assert '<option value="1" selected>1</option>' in page  # « Vie de famille » still ranked first

    # What the read-only screens show follows the new labels, nothing marked as retired.
    shown = {item.child.id: item.answer for item in stored.shown_answers(phase)}
    assert [part.label for part in shown["single"]] == ["Sur place"]
    assert [part.label for part in shown["multi"]] == ["Créer une entreprise", "Progresser"]  # editor's order
    assert [part.label for part in shown["rank"]] == ["Vie de famille", "Santé", "Travail"]
    assert [(row.item.label, row.rating) for row in shown["scale"]["rows"]] == [
        ("Créativité", 2),
        ("Sécurité de l'emploi", 4),
    ]
    assert [[text for _column, text in row] for row in shown["table"]["rows"]] == [["Hôpital", "Accueil du public"]]
    assert not any(
        item.retired or getattr(part, "retired", False) for item in stored.shown_answers(phase) for part in item.answer
    )


def remove_and_lower(raw):
    raw.remove(block(raw, "long"))
    single = block(raw, "single")["value"]
    single["choices"] = [item for item in single["choices"] if item["id"] != "single-1"]
    single["choices"].append({"type": "item", "id": "single-new", "value": "Hybride"})
    multi = block(raw, "multi")["value"]
    multi["choices"] = [item for item in multi["choices"] if item["id"] != "multi-2"]
    rank = block(raw, "rank")["value"]
    rank["choices"] = [item for item in rank["choices"] if item["id"] != "rank-2"]
    scale = block(raw, "scale")["value"]
    scale["steps"] = 3
    scale["items"] = [item for item in scale["items"] if item["id"] != "scale-1"]
    table = block(raw, "table")["value"]
    table["columns"] = [item for item in table["columns"] if item["id"] != "col-1"]


def test_removing_parts_and_lowering_a_scale_keep_the_old_answers_shown_as_retired(
    client, administrator, candidate, counsellor, phase, answered
):
    phase = publish(client, administrator, phase, remove_and_lower)
    today = date_format(timezone.localdate(), "j F Y")

    # The candidate reopens the phase and saves it again, through the form: nothing is lost.
    client.force_login(candidate)
    url = reverse("dossiers:phase_answer", args=[phase.slug])
    client.post(url, {"action": "reopen"})
    page = client.get(url).content.decode()
    assert 'name="table__0__col-1" value="Hôpital"' in page  # the retired column's cell, carried hidden
    form = {
        "short": "Secrétaire médicale",
        "multi": ["multi-0"],
        "rank__rank-0": "2",
        "rank__rank-1": "1",
        "table__0__col-0": "Accueil du public",
        "table__0__col-1": "Hôpital",
        "entries__0__f-0": "CHU de Nîmes",
        "entries__0__f-1": "Le contact avec les patients",
        "version": str(PhaseResponse.objects.get(pk=answered.pk).version),
        "action": "save",
    }
    assert client.post(url, form).status_code == 302
    stored = PhaseResponse.objects.get(pk=answered.pk)
    assert stored.answers["long"] == FULL_ANSWERS["long"]
    assert stored.answers["single"] == "single-1"
    assert stored.answers["multi"] == ["multi-0", "multi-2"]
    assert stored.answers["rank"] == ["rank-1", "rank-0", "rank-2"]
    assert stored.answers["scale"] == {"scale-0": 4, "scale-1": 2}
    assert stored.answers["table"] == [{"col-0": "Accueil du public", "col-1": "Hôpital"}]
    # The scale's rating above the new maximum no longer answers it; the ranking of what is left does.
    scale = next(child for child in phase.question_children if child.id == "scale")
    assert not scale.block.is_answered(scale.value, stored.answers["scale"])
    assert phase.progress(stored.answers) == (5, 7)  # the single choice and the scale to answer again

    # The counsellor's « Voir » tab: each retired answer under the label the candidate saw.
    client.force_login(counsellor)
    voir = client.get(reverse("dossiers:phase_view", args=[candidate.dossier.pk, phase.slug])).content.decode()
    assert "Racontez votre parcours." in voir and f"question retirée du questionnaire le {today}" in voir
    assert "Dix ans à l&#x27;hôpital." in voir
    badge = '<span class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">'
    assert f"Présentiel {badge}proposition retirée du questionnaire le {today}</span>" in voir
    assert "Créer" in voir and "Travail" in voir
    assert "Créativité" in voir and f"élément retiré du questionnaire le {today}" in voir
    assert "note donnée sur l&#x27;ancienne échelle, plus longue" in voir
    assert "Où acquise" in voir and f"colonne retirée du questionnaire le {today}" in voir and "Hôpital" in voir

    # The synthèse annex says the same, once the phase is finished again.
    assert dossier_services.response_complete(candidate=candidate, phase=phase) == []
    client.force_login(candidate)
    read_only = client.get(url).content.decode()  # the candidate's own read-only view of a finished phase
    assert f"Racontez votre parcours. {badge}question retirée du questionnaire le {today}</span>" in read_only
    assert f"Présentiel {badge}proposition retirée du questionnaire le {today}</span>" in read_only
    client.force_login(candidate)
    read_only = client.get(url).content.decode()  # the candidate's own read-only view of a finished phase
    assert f"Racontez votre parcours. {badge}question retirée du questionnaire le {today}</span>" in read_only
    assert f"Présentiel {badge}proposition retirée du questionnaire le {today}</span>" in read_only
    annex = synthesis_context(synthesis_content(candidate.dossier))["annex"]
    section = next(section for section in annex if section.title == phase.title)
    answers = {answer.label: answer for answer in section.answers}
    assert answers[f"Racontez votre parcours. (question retirée du questionnaire le {today})"].paragraphs == [
        "Dix ans à l'hôpital.\nPuis une clinique."
    ]
    assert answers["Votre format ?"].items == [f"Présentiel (proposition retirée du questionnaire le {today})"]
    assert answers["Importance de ces valeurs"].rows == [
        ["Sécurité", "4 (note donnée sur l'ancienne échelle, plus longue)"],
        [f"Créativité (élément retiré du questionnaire le {today})", "2 / 3"],
    ]

    # And « Mes données ».
    data = data_of(download(client, candidate, reverse("my_data_download")))
    entry = phase_entry(data, phase.title)
    by_question = {answer["question"]: answer for answer in entry["reponses"]}
    assert by_question["Racontez votre parcours."]["reponse"] == FULL_ANSWERS["long"]
    assert by_question["Racontez votre parcours."]["question_retiree_du_questionnaire_le"][:10] == str(
        timezone.localdate()
    )
    assert by_question["Votre format ?"]["reponse"] == f"Présentiel (proposition retirée du questionnaire le {today})"
    assert "reponses_a_des_questions_retirees" not in entry


def test_a_publication_records_what_it_retires_and_what_comes_back(client, administrator, phase):
    phase = publish(client, administrator, phase, lambda raw: raw.remove(block(raw, "long")))
    retired = PublishedPart.retirements([phase.pk])[phase.pk]
    assert set(retired) == {("long", "")}

    def restore(raw):
        raw.insert(2, copy.deepcopy(next(question for question in EVERY_TYPE if question["id"] == "long")))

    phase = publish(client, administrator, phase, restore)
    assert PublishedPart.retirements([phase.pk]) == {}


def test_the_day_a_question_was_retired_is_the_day_in_france():
    """Retired at 23:30 UTC on 1 December is « 2 décembre » in Paris, where counsellors read it."""
    late_evening = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
    note = retired_note(True, late_evening, "question retirée du questionnaire")
    assert note == "question retirée du questionnaire le 2 décembre 2026"
