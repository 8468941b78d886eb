"""*L'activité de l'académie*: its figures on a hand-built académie, its filters, crafted input, who may
see it, the export read back, and a constant number of queries."""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates.activity.selectors import academy_activity
from candidates.dossiers.services import dossier_close
from candidates.models import Attestation, Dossier, FollowUp, PhaseResponse, SatisfactionResponse
from phases.models import SatisfactionPage

from .factories import CandidateFactory, CounsellorFactory, DABMFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 6, 15)
PAGE = "/admin/activite/"
EXPORT = "/admin/activite/export/"
D = datetime.date


def attest(dossier, day: datetime.date, hours: int, reference: str) -> None:
    start = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=PARIS)
    Attestation.objects.create(
        dossier=dossier,
        counsellor=dossier.counsellor,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        duration_minutes=hours * 60,
        reference=reference,
    )


def bilan(name, counsellor, dabm, start, end) -> Dossier:
    candidate = CandidateFactory(
        last_name=name,
        dossier__counsellor=counsellor,
        dossier__dabm=dabm,
        dossier__start_date=start,
        dossier__end_date=end,
    )
    return candidate.dossier


@pytest.fixture
def academie(phases):
    """On 15/06/2026, two DABM, two counsellors, seven bilans:
    A (Claire, NÎMES) 10/01 → 10/04/2026, closed « mené à son terme », 10 h + 15 h attested (over 24 h);
    B (Claire, NÎMES) 01/02 → 03/03/2026, end date passed unclosed, 6 h;
    C (Paul, ALÈS) from 01/03/2026, closed « abandonné » on 01/05/2026, 2 h;
    D (Paul, ALÈS) 01/05 → 30/09/2026, running, no hour;
    E (Claire, NÎMES) 01/11/2025 → 31/01/2026, 12 h;
    F (Paul, ALÈS) 01/01 → 01/03/2025, only in 2025;
    G (Paul, ALÈS) from 01/07/2026: not started yet.
    Phases 1 and 2 are given to A and B, phase 1 to C; A finished both, C phase 1, B is working on phase 1;
    D finished phase 1, since removed from its modularisation: finished, not given."""
    nimes, ales = DABMFactory(name="NÎMES"), DABMFactory(name="ALÈS")
    claire = CounsellorFactory(first_name="Claire", last_name="BOAD", dabm=nimes)
    paul = CounsellorFactory(first_name="Paul", last_name="MARTIN", dabm=ales)
    a = bilan("A", claire, nimes, D(2026, 1, 10), D(2026, 4, 10))
    b = bilan("B", claire, nimes, D(2026, 2, 1), D(2026, 3, 3))
    c = bilan("C", paul, ales, D(2026, 3, 1), D(2026, 7, 1))
    d = bilan("D", paul, ales, D(2026, 5, 1), D(2026, 9, 30))
    e = bilan("E", claire, nimes, D(2025, 11, 1), D(2026, 1, 31))
    bilan("F", paul, ales, D(2025, 1, 1), D(2025, 3, 1))
    bilan("G", paul, ales, D(2026, 7, 1), D(2026, 10, 1))
    dossier_close(actor=claire, dossier=a, outcome=Dossier.Outcome.COMPLETED, today=D(2026, 4, 10))
    dossier_close(actor=paul, dossier=c, outcome=Dossier.Outcome.ABANDONED, today=D(2026, 5, 1))
    attest(a, D(2026, 1, 12), 10, "ATT-A1")
    attest(a, D(2026, 2, 12), 15, "ATT-A2")
    attest(b, D(2026, 2, 2), 6, "ATT-B")
    attest(c, D(2026, 3, 2), 2, "ATT-C")
    attest(e, D(2025, 11, 2), 12, "ATT-E")
    first, second = phases[0], phases[1]
    a.phases.set([first, second])
    b.phases.set([first, second])
    c.phases.set([first])
    done, working = PhaseResponse.Status.DONE, PhaseResponse.Status.IN_PROGRESS
    for dossier, phase, status in (
        (a, first, done),
        (a, second, done),
        (b, first, working),
        (c, first, done),
        (d, first, done),
    ):
        PhaseResponse.objects.create(candidate=dossier.candidate, phase=phase, status=status)
    return {"nimes": nimes, "ales": ales, "claire": claire, "paul": paul, "first": first, "second": second}


def figures(query: str = "", today: datetime.date = TODAY) -> dict:
    """{section key: {table caption: {row label: [cell as shown]}}}."""
    activity = academy_activity(QueryDict(query), today=today)
    return {
        section.key: {
            str(table.caption): {str(label): [str(cell) for cell in cells] for label, cells in table.rows}
            for table in section.tables
        }
        for section in activity.sections
    }


def overview(result: dict) -> dict:
    return {label: values[0] for label, values in result["bilans"]["Bilans de la période"].items()}


# Figures -----------------------------------------------------------------------------------------


def test_bilans_of_a_year(academie):
    result = figures("annee=2026")
    assert overview(result) == {
        "Commencés": "4",
        "En cours aujourd'hui": "1",
        "Terminés, menés à leur terme": "3",
        "Terminés par un abandon": "1",
    }


def test_a_past_year_counts_what_ran_at_its_end(academie):
    result = figures("annee=2025")
    assert overview(result) == {
        "Commencés": "2",
        "En cours au 31/12/2025": "1",
        "Terminés, menés à leur terme": "1",
        "Terminés par un abandon": "0",
    }


def test_all_years(academie):
    assert overview(figures()) == {
        "Commencés": "6",
        "En cours aujourd'hui": "1",
        "Terminés, menés à leur terme": "4",
        "Terminés par un abandon": "1",
    }


def test_durations_median_and_mean(academie):
    durations = figures("annee=2026")["durees"]
    assert durations["Durée des bilans menés à leur terme"] == {
        "Bilans menés à leur terme": ["3"],
        "Durée médiane": ["90 j"],  # 30, 90 and 91 days
        "Durée moyenne": ["70,3 j"],
    }
    by_length = durations["Bilans menés à leur terme, par durée"]
    assert by_length["30 à 59 jours"] == ["1", "33,3 %"]
    assert by_length["90 à 119 jours"] == ["2", "66,7 %"]


def test_hours_total_mean_and_over_24_hours(academie):
    hours = figures("annee=2026")["heures"]
    assert hours["Heures attestées des bilans de la période"] == {
        "Heures attestées au total": ["45 h"],
        "Moyenne par bilan": ["9 h"],
        "Bilans au-delà de 24 h": ["1"],
        "Part des bilans au-delà de 24 h": ["20 %"],
    }
    by_hours = hours["Bilans de la période, par heures attestées"]
    assert by_hours["Aucune heure"] == ["1", "20 %"]
    assert by_hours["Jusqu'à 6 h"] == ["2", "40 %"]
    assert by_hours["De 6 à 12 h"] == ["1", "20 %"]  # E: 12 h
    assert by_hours["De 12 à 18 h"] == ["0", "0 %"]
    assert by_hours["Plus de 24 h"] == ["1", "20 %"]


def test_phase_completion_counts_the_phases_given(academie):
    rows = figures("annee=2026")["phases"]["Phases attribuées et terminées"]
    assert rows == {
        academie["first"].title: ["3", "3", "100 %"],  # A, C, and D's (removed since)
        academie["second"].title: ["2", "1", "50 %"],
    }


def test_qualiopi_indicator_2(academie):
    rows = figures("annee=2026")["qualiopi"]["Indicateurs de résultats (Qualiopi, indicateur 2)"]
    assert rows == {
        "Taux de réalisation": ["75 %"],
        "Taux d'abandon": ["25 %"],
        "Nombre de bénéficiaires": ["5"],
        "Durée moyenne d'un bilan mené à son terme": ["70,3 j"],
        "Heures moyennes d'un bilan mené à son terme": ["14 h 20"],  # 25 + 6 + 12 hours over 3 bilans
        "Taux de satisfaction": ["—"],  # no appreciation, no follow-up yet: tests below
        "Taux de réponse à l'appréciation": ["—"],
        "En emploi ou en formation six mois après": ["—"],
    }


def test_per_dabm_and_per_counsellor(academie):
    result = figures("annee=2026")
    per_dabm = result["dabm"]["Bilans et heures par DABM"]
    # bilans, commencés, en cours, menés à terme, abandonnés, taux d'abandon, heures, par bilan, > 24 h
    assert per_dabm["NÎMES"] == ["3", "2", "0", "3", "0", "0 %", "43 h", "14 h 20", "33,3 %"]
    assert per_dabm["ALÈS"] == ["2", "2", "1", "0", "1", "100 %", "2 h", "1 h", "0 %"]
    per_counsellor = result["conseillers"]["Bilans et heures par conseiller"]
    assert list(per_counsellor) == ["BOAD Claire", "MARTIN Paul"]
    assert per_counsellor["MARTIN Paul"] == per_dabm["ALÈS"]


# Filters and crafted input -----------------------------------------------------------------------


def test_filter_by_dabm_and_counsellor(academie):
    nimes = figures(f"annee=2026&dabm={academie['nimes'].pk}")
    assert overview(nimes)["Commencés"] == "2"
    assert list(nimes["dabm"]["Bilans et heures par DABM"]) == ["NÎMES"]
    paul = figures(f"conseiller={academie['paul'].pk}")
    assert overview(paul)["Terminés par un abandon"] == "1"
    assert list(paul["conseillers"]["Bilans et heures par conseiller"]) == ["MARTIN Paul"]
    nobody = figures(f"dabm={academie['nimes'].pk}&conseiller={academie['paul'].pk}")
    assert overview(nobody)["Commencés"] == "0"
    assert nobody["qualiopi"]["Indicateurs de résultats (Qualiopi, indicateur 2)"]["Taux d'abandon"] == ["—"]


@pytest.mark.parametrize(
    "query",
    [
        "annee=abc",
        "annee=%C2%B2",
        "annee=2026%C2%A0",
        "dabm=999999",
        "dabm=-1",
        "dabm=1e3",
        "conseiller=x",
        "annee=3000",
    ],
)
def test_crafted_filters_are_not_applied_and_said_so(client, administrator, academie, query):
    client.force_login(administrator)
    response = client.get(f"{PAGE}?{query}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce filtre n&#x27;existe pas : il n&#x27;est pas appliqué." in content
    assert "toutes les années" in content
    assert client.get(f"{EXPORT}?{query}").status_code == 200


@pytest.mark.parametrize("query", ["annee=2026%00", "conseiller=%00"])
def test_a_nul_byte_is_a_bad_request(client, administrator, query):
    client.force_login(administrator)  # refused before any view, as everywhere on the portal
    assert client.get(f"{PAGE}?{query}").status_code == 400


def counsellor_options(content: str) -> list[str]:
    select = content.split('name="conseiller"', 1)[1].split("</select>", 1)[0]
    return [option.split(">", 1)[1].split("<", 1)[0] for option in select.split("<option")[1:]]


def test_a_long_list_of_counsellors_asks_for_a_dabm_first(client, administrator, academie, monkeypatch):
    client.force_login(administrator)
    assert counsellor_options(client.get(PAGE).content.decode()) == [
        "Tous les conseillers",
        "BOAD Claire",
        "MARTIN Paul",
    ]
    monkeypatch.setattr("candidates.activity.filters.LONG_LIST", 1)
    content = client.get(PAGE).content.decode()
    assert counsellor_options(content) == ["Tous les conseillers"]
    assert "Choisissez d&#x27;abord une DABM : la liste montre ses conseillers." in content
    content = client.get(PAGE, {"dabm": academie["nimes"].pk}).content.decode()
    assert counsellor_options(content) == ["Tous les conseillers", "BOAD Claire"]
    content = client.get(PAGE, {"conseiller": academie["paul"].pk}).content.decode()  # a link kept from before
    assert counsellor_options(content) == ["Tous les conseillers", "MARTIN Paul"]
    assert "conseiller MARTIN Paul" in content and "n&#x27;existe pas" not in content


def test_an_empty_academie_shows_empty_figures(client, administrator):
    client.force_login(administrator)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "Aucun bilan dans la période." in response.content.decode()


# Access ------------------------------------------------------------------------------------------


def test_administrators_find_it_in_the_menu(client, administrator):
    client.force_login(administrator)
    assert reverse("candidates_activity") == PAGE
    assert PAGE in client.get("/admin/").content.decode()


@pytest.mark.parametrize("fixture", ["candidate", "counsellor"])
def test_candidates_and_counsellors_are_turned_away(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    for url in (PAGE, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("dashboard")


def test_editors_find_no_such_page(client, editor):
    client.force_login(editor)
    assert client.get(PAGE).status_code == 404
    assert client.get(EXPORT).status_code == 404
    assert PAGE not in client.get("/admin/").content.decode()


def test_anonymous_visitors_log_in_first(client):
    assert client.get(PAGE).url.startswith(reverse("accounts:login"))


# The page and the export -------------------------------------------------------------------------


def test_the_page_draws_each_figure_group_with_its_table(client, administrator, academie):
    client.force_login(administrator)
    content = client.get(PAGE, {"dabm": academie["nimes"].pk}).content.decode()
    assert content.count('role="img"') >= 6
    assert content.count("<caption>") >= 9
    assert 'aria-labelledby="graphique-bilans-1-titre graphique-bilans-1-desc"' in content
    assert "style=" not in content.split("<main", 1)[1].split("</main>")[0]
    assert "Chiffres toutes les années" in content and "DABM NÎMES" in content
    assert "bilans menés à leur terme ÷ bilans terminés dans la période." in content


def sheet_rows(workbook, title) -> list[tuple]:
    return list(workbook[title].iter_rows(values_only=True))


def test_the_export_holds_the_same_figures_as_numbers(client, administrator, academie):
    client.force_login(administrator)
    response = client.get(EXPORT, {"dabm": academie["ales"].pk, "conseiller": academie["paul"].pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="activite-academie_toutes-annees_dabm-ales_conseiller-martin-paul_'
    )
    assert disposition.endswith(f'{timezone.localdate():%Y-%m-%d}.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Filtres"
    about = {row[0]: row[1] for row in sheet_rows(workbook, "Filtres")}
    assert about["DABM"] == "ALÈS" and about["Conseiller"] == "MARTIN Paul"
    per_dabm = sheet_rows(workbook, "Par DABM")
    assert per_dabm[0][0] == "Bilans et heures par DABM"
    headings = per_dabm[1]
    assert headings[0] == "DABM" and "Taux d'abandon (%)" in headings and "Heures attestées (heures)" in headings
    ales = dict(zip(headings, per_dabm[2], strict=True))
    assert ales["DABM"] == "ALÈS"
    assert ales["Abandonnés"] == 1 and ales["Heures attestées (heures)"] == 2
    assert ales["Taux d'abandon (%)"] == 25  # every year until today: C abandoned; D, F and G over


# Queries -----------------------------------------------------------------------------------------


def more_bilans(count: int) -> None:
    for number in range(count):
        dabm = DABMFactory(name=f"DABM {number % 5}")
        dossier = bilan(f"X{number}", CounsellorFactory(), dabm, D(2026, 1, 1), D(2026, 3, 1 + number % 20))
        attest(dossier, D(2026, 1, 2), 1 + number % 3, f"ATT-X{number}")


def test_the_figures_take_as_many_queries_whatever_the_data(academie, django_assert_num_queries):
    # 3 for the filters' choices, groups, durations, phases given, finished, their titles, the appreciation's
    # questionnaire, its counts and ratings, the follow-ups
    with django_assert_num_queries(12):
        figures("annee=2026")
    more_bilans(30)
    appreciations(academie["claire"], academie["nimes"], [5, 4, 3, 5, 2, 5])
    with django_assert_num_queries(12):
        figures("annee=2026")


def test_the_page_takes_as_many_queries_whatever_the_data(client, administrator, academie):
    client.force_login(administrator)
    client.get(PAGE)  # sessions, settings, site: the steady state
    with CaptureQueriesContext(connection) as small:
        client.get(PAGE, {"dabm": academie["nimes"].pk})
    more_bilans(30)
    with CaptureQueriesContext(connection) as bigger:
        client.get(PAGE, {"dabm": academie["nimes"].pk})
    assert len(bigger) == len(small)


def test_a_long_list_of_counsellors_waits_for_a_dabm_but_is_exported(client, administrator, academie, monkeypatch):
    monkeypatch.setattr("candidates.activity.sections.COUNSELLORS_SHOWN", 1)
    client.force_login(administrator)
    content = client.get(PAGE).content.decode()
    assert "2 conseillers : choisissez une DABM ou un conseiller pour les voir ici" in content
    assert "Bilans et heures par conseiller" not in content
    assert "Bilans et heures par conseiller" in client.get(PAGE, {"dabm": academie["nimes"].pk}).content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(EXPORT).content))
    assert [row[0] for row in sheet_rows(workbook, "Par conseiller")[2:4]] == ["BOAD Claire", "MARTIN Paul"]


# After the bilan: the appreciation and the follow-up -------------------------------------------------


def appreciations(counsellor, dabm, ratings: list, invited=datetime.datetime(2026, 5, 2, 10, tzinfo=PARIS)) -> None:
    """One appreciation per rating, given to every rated question of the shipped questionnaire (None: asked,
    not answered; `invited` None: answered from the dashboard on 03/05/2026 before any invitation). They
    belong to the counsellor and DABM, not to a dossier: the purge detaches them."""
    page = SatisfactionPage.objects.get()
    for rating in ratings:
        answers = {
            child.id: {item_id: rating for item_id, _label in child.block.part_labels(child.value)}
            for child in page.question_children
            if child.block.name == "scale"
        }
        SatisfactionResponse.objects.create(
            dabm=dabm,
            counsellor=counsellor,
            invited_at=invited,
            answered_at=(invited or datetime.datetime(2026, 5, 3, 10, tzinfo=PARIS)) if rating else None,
            answers=answers if rating else {},
        )


def test_the_appreciation_per_question_and_the_qualiopi_satisfaction_rate(academie):
    claire, paul = academie["claire"], academie["paul"]
    appreciations(claire, academie["nimes"], [5, 5, 4, 3, 2, 5, None])
    appreciations(paul, academie["ales"], [1])
    appreciations(paul, academie["ales"], [5], invited=None)  # given before the invitation went
    appreciations(paul, academie["ales"], [5], invited=datetime.datetime(2025, 5, 2, 10, tzinfo=PARIS))  # 2025

    result = figures("annee=2026")
    assert result["appreciation"]["Questionnaires de la période"] == {
        "Candidats invités": ["9"],
        "Réponses": ["8"],
        "Taux de réponse": ["88,9 %"],
    }
    per_question = result["appreciation"]["Notes par question"]
    scales = [label for label in per_question if label != "Toutes les questions notées"]
    assert len(scales) == 8  # the shipped questionnaire's rated questions
    assert all(per_question[label] == ["3,8", "8", "62,5 %"] for label in scales)  # (5+5+4+3+2+5+1+5)/8; 5 of 8
    assert per_question["Toutes les questions notées"] == ["—", "64", "62,5 %"]
    qualiopi = result["qualiopi"]["Indicateurs de résultats (Qualiopi, indicateur 2)"]
    assert qualiopi["Taux de satisfaction"] == ["62,5 %"] and qualiopi["Taux de réponse à l'appréciation"] == ["88,9 %"]

    nimes = figures(f"annee=2026&dabm={academie['nimes'].pk}")["appreciation"]["Notes par question"]
    assert nimes[scales[0]] == ["4", "6", "66,7 %"]  # (5+5+4+3+2+5)/6


def test_fewer_than_five_answers_show_no_figures_per_question(client, administrator, academie):
    appreciations(academie["paul"], academie["ales"], [1, 2, 3, 4])
    result = academy_activity(QueryDict(f"conseiller={academie['paul'].pk}"), today=TODAY)
    section = next(section for section in result.sections if section.key == "appreciation")
    assert [str(table.caption) for table in section.tables] == ["Questionnaires de la période"]
    assert section.note == "Les résultats par question s'affichent à partir de 5 réponses (4 ici)."


def test_the_follow_up_situations_and_the_share_in_employment_or_training(academie):
    claire, nimes = academie["claire"], academie["nimes"]
    answered = datetime.datetime(2026, 10, 20, 10, tzinfo=PARIS)
    for situation, sent, due in (
        (FollowUp.Situation.EN_EMPLOI, True, D(2026, 10, 10)),
        (FollowUp.Situation.EN_PROJET, True, D(2026, 10, 10)),
        ("", True, D(2026, 10, 10)),  # sent, not answered yet
        ("", False, D(2027, 1, 10)),  # next year's
    ):
        FollowUp.objects.create(
            dabm=nimes,
            counsellor=claire,
            due_on=due,
            invited_at=answered if sent else None,
            answered_at=answered if situation else None,
            situation=situation,
        )
    result = figures("annee=2026", today=D(2026, 11, 1))
    assert result["suivi"]["Questionnaires de suivi de la période"] == {
        "Envoyés": ["3"],
        "Répondus": ["2"],
        "Taux de réponse": ["66,7 %"],
    }
    situations = result["suivi"]["Situation six mois après le bilan"]
    assert situations["En emploi"] == ["1", "50 %"] and situations["En projet"] == ["1", "50 %"]
    assert situations["En formation"] == ["0", "0 %"]
    qualiopi = result["qualiopi"]["Indicateurs de résultats (Qualiopi, indicateur 2)"]
    assert qualiopi["En emploi ou en formation six mois après"] == ["50 %"]
    assert figures(f"annee=2026&dabm={academie['ales'].pk}", today=D(2026, 11, 1))["suivi"][
        "Questionnaires de suivi de la période"
    ]["Envoyés"] == ["0"]


def test_an_appreciation_belongs_to_the_year_of_its_day_in_paris(academie):
    """Invited at 23:30 UTC on 31/12/2025: 00:30 on 01/01/2026 in Paris, so in 2026, not in 2025."""
    new_year = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    appreciations(academie["paul"], academie["ales"], [None], invited=new_year)
    questionnaires = "Questionnaires de la période"
    assert figures("annee=2026")["appreciation"][questionnaires]["Candidats invités"] == ["1"]
    assert figures("annee=2025")["appreciation"][questionnaires]["Candidats invités"] == ["0"]
