"""*Explorer un métier*: a fiche as `skills.fiches.fiche_detail` reads it (on the full shipped ROME,
loaded once for the class), the search page, the fiche page and the combobox's JSON lookup, for each
person who may open them; what nobody may open, and crafted query strings, never a 500."""

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from candidates import access
from skills.fiches import fiche_detail
from skills.loader import load_rome
from skills.models import CoeurMetier, Fiche, FicheCompetence, Mobilite
from skills.normalise import normalise

from .factories import CandidateFactory, CounsellorFactory, UserFactory
from .test_navigation import DASHBOARD, assert_trail

AIDE_SOIGNANT = "J1501"
RESULT_KEYS = {"code", "label", "kind", "kind_label", "fiche", "fiche_label", "url"}


def lookup_labels(client, liste, query):
    response = client.get(reverse("explore:lookup"), {"liste": liste, "q": query})
    assert response.status_code == 200
    return [result["label"] for result in response.json()["results"]]


class ExploreOnTheShippedData(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()
        cls.counsellor = CounsellorFactory()
        cls.candidate = CandidateFactory(dossier__counsellor=cls.counsellor)

    # fiche_detail ---------------------------------------------------------------------------------

    def test_the_fiche_holds_its_titles_texts_and_holland_code(self):
        detail = fiche_detail(AIDE_SOIGNANT)
        assert detail.fiche.label == "Aide-soignant / Aide-soignante"
        titles = [title.label for title in detail.titles]
        assert "Aide-soignant / Aide-soignante à domicile" in titles
        assert titles == sorted(titles, key=normalise), "alphabetical, accents aside"
        assert all(not title.is_retired for title in detail.titles)
        assert detail.definition[0].startswith("L'aide-soignant apporte un soutien")  # one apostrophe, not two
        assert "Diplôme d'Etat d'Aide-Soignant" in detail.access[0]
        assert [str(letter) for letter in detail.riasec] == ["S — Social", "I — Investigateur"]

    def test_the_heart_of_the_job_comes_first(self):
        detail = fiche_detail(AIDE_SOIGNANT)
        core = [item.is_core for item in detail.savoir_faire]
        assert any(core) and not all(core)
        assert core == sorted(core, reverse=True), "every core item before the others"
        expected = FicheCompetence.objects.filter(
            fiche=AIDE_SOIGNANT, rubrique=FicheCompetence.SAVOIR_FAIRE, coeur_metier=CoeurMetier.PRINCIPALE
        ).count()
        assert detail.core_count == sum(core) == expected
        assert detail.savoir_etre and all(not item.is_core for item in detail.savoir_etre)
        assert "Faire preuve de réactivité" in [item.label for item in detail.savoir_etre]
        assert detail.savoirs and "Diplôme d'Etat d'aide-soignant" in [item.label for item in detail.savoirs]
        assert {group.type_label for group in detail.contextes} >= {"Horaires et durée du travail"}

    def test_nearby_jobs_come_by_order_of_closeness_and_current_only(self):
        detail = fiche_detail(AIDE_SOIGNANT)
        expected = list(Mobilite.objects.filter(fiche=AIDE_SOIGNANT).order_by("ordre").values_list("cible", flat=True))
        assert [fiche.code for fiche in detail.nearby] == expected
        assert detail.nearby[0].label == "Auxiliaire de puériculture"
        Fiche.objects.filter(pk=expected[0]).update(retired_in_version=461)
        assert [fiche.code for fiche in fiche_detail(AIDE_SOIGNANT).nearby] == expected[1:]

    def test_a_fiche_is_read_in_seven_queries(self):
        with self.assertNumQueries(7):
            detail = fiche_detail("M1805")
        assert detail.titles and detail.savoir_faire and detail.nearby

    def test_an_unknown_code_is_none_and_a_retired_fiche_says_so(self):
        assert fiche_detail("Z9999") is None
        Fiche.objects.filter(pk=AIDE_SOIGNANT).update(retired_in_version=461)
        detail = fiche_detail(AIDE_SOIGNANT)
        assert detail.fiche.retirement_notice == "n'existe plus dans le ROME v461"
        self.client.force_login(self.candidate)
        page = self.client.get(reverse("explore:fiche", args=[AIDE_SOIGNANT])).content.decode()
        assert escape("Cette fiche n'existe plus dans le ROME v461") in page

    # The pages ------------------------------------------------------------------------------------

    def test_the_fiche_page_for_a_candidate_and_a_counsellor(self):
        for person in (self.candidate, self.counsellor):
            self.client.force_login(person)
            response = self.client.get(reverse("explore:fiche", args=[AIDE_SOIGNANT]))
            assert response.status_code == 200
            page = response.content.decode()
            headings = [
                "Appellations",
                "Définition",
                "Accès au métier",
                "Savoir-faire",
                "Savoir-être professionnels",
                "Savoirs",
                "Contextes de travail",
                "Métiers proches",
            ]
            positions = [page.index(f">{heading}</h2>") for heading in headings]
            assert positions == sorted(positions), "the sections in order"
            assert "Aide-soignant / Aide-soignante <span" in page and "(J1501)" in page
            assert "Code RIASEC : S — Social, I — Investigateur" in page
            assert "Cœur de métier</span>" in page
            assert 'href="/metiers/J1304/"' in page  # Auxiliaire de puériculture, the closest
            assert "Rechercher un autre métier" in page
            assert "Source : France Travail, ROME 4.0 (version 460)" in page
            assert "Licence Ouverte / Open Licence 2.0 (Etalab)" in page

    def test_the_breadcrumbs(self):
        self.client.force_login(self.candidate)
        search = ("Explorer un métier", reverse("explore:search"))
        assert_trail(self.client, search[1], DASHBOARD, page="Explorer un métier")
        fiche = reverse("explore:fiche", args=[AIDE_SOIGNANT])
        assert_trail(self.client, fiche, DASHBOARD, search, page="Aide-soignant / Aide-soignante (J1501)")

    def test_the_search_page_lists_job_titles_and_fiches(self):
        self.client.force_login(self.counsellor)
        response = self.client.get(reverse("explore:search"), {"q": "aide soignante"})
        assert response.status_code == 200
        page = response.content.decode()
        assert 'href="/metiers/J1501/"' in page
        assert "Aide-soignant / Aide-soignante à domicile" in page
        assert "Fiche métier J1501" in page  # the fiche found by its own title
        assert "Source : France Travail, ROME 4.0 (version 460)" in page

    def test_a_search_with_many_results_is_capped_and_says_so(self):
        self.client.force_login(self.candidate)
        response = self.client.get(reverse("explore:search"), {"q": "agent"})
        assert len(response.context["results"]) == 30
        assert "Les 30 premiers résultats sont affichés" in response.content.decode()

    def test_a_search_without_results_says_so(self):
        self.client.force_login(self.candidate)
        response = self.client.get(reverse("explore:search"), {"q": "zzzxqw"})
        assert response.status_code == 200
        assert "Aucun métier ne correspond à « zzzxqw »." in response.content.decode()

    # The JSON lookup ------------------------------------------------------------------------------

    def test_the_lookup_answers_job_titles_with_their_fiche(self):
        self.client.force_login(self.candidate)
        response = self.client.get(reverse("explore:lookup"), {"liste": "metiers", "q": "aide soi"})
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        data = response.json()
        assert set(data) == {"results", "count", "message"}
        assert 0 < data["count"] == len(data["results"]) <= 10
        assert data["message"] == f"{data['count']} résultats"
        first = data["results"][0]
        assert set(first) == RESULT_KEYS
        assert first == {
            "code": first["code"],
            "label": "Aide-soignant / Aide-soignante",
            "kind": "appellation",
            "kind_label": "Métier",
            "fiche": "J1501",
            "fiche_label": "Aide-soignant / Aide-soignante",
            "url": "/metiers/J1501/",
        }

    def test_the_four_examples_through_the_lookup(self):
        self.client.force_login(self.counsellor)
        assert "Développeur / Développeuse web" in lookup_labels(self.client, "metiers", "developpeur")
        assert lookup_labels(self.client, "metiers", "aide soignante")[0] == "Aide-soignant / Aide-soignante"
        assert lookup_labels(self.client, "metiers", "prof des ecoles")[0] == "Professeur / Professeure des écoles"
        response = self.client.get(reverse("explore:lookup"), {"liste": "competences", "q": "animer une reunion"})
        results = response.json()["results"]
        assert "Préparer et animer une réunion, un groupe de travail, un atelier" in [r["label"] for r in results]
        assert {(r["kind"], r["kind_label"]) for r in results} <= {
            ("savoir_faire", "Savoir-faire"),
            ("savoir_etre", "Savoir-être"),
        }
        assert all(set(r) == RESULT_KEYS and r["url"] is None for r in results)

    def test_savoir_etre_are_found_too(self):
        self.client.force_login(self.candidate)
        response = self.client.get(
            reverse("explore:lookup"), {"liste": "competences", "q": "faire preuve de reactivite"}
        )
        assert {"kind": "savoir_etre", "kind_label": "Savoir-être"}.items() <= response.json()["results"][0].items()


# Who may open them, and crafted input (no référentiel needed) ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["explore:search", "explore:lookup"])
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_anonymous_visitors_of_a_fiche_are_sent_to_login(client):
    response = client.get(reverse("explore:fiche", args=[AIDE_SOIGNANT]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_an_administrator_may_explore_an_editor_may_not(client, administrator, editor):
    assert access.can_explore_jobs(administrator) and not access.can_explore_jobs(editor)
    client.force_login(administrator)
    assert client.get(reverse("explore:search")).status_code == 200
    client.force_login(editor)
    assert client.get(reverse("explore:search")).status_code == 404
    assert not access.can_explore_jobs(UserFactory())  # no role


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/metiers/Z9999/", "/metiers/j1501/", "/metiers/J15011/", "/metiers/J150/"])
def test_an_unknown_or_malformed_code_is_a_404(client, candidate, path):
    client.force_login(candidate)
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_the_menu_leads_to_the_search_page(client, candidate, counsellor):
    for person in (candidate, counsellor):
        client.force_login(person)
        assert f'href="{reverse("explore:search")}"' in client.get(reverse("dashboard")).content.decode()


@pytest.mark.django_db
def test_the_empty_search_page_says_where_to_start(client, candidate):
    client.force_login(candidate)
    response = client.get(reverse("explore:search"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Par où commencer ?" in page
    assert 'data-rome-combobox data-source="/metiers/recherche.json?liste=metiers" data-navigate' in page
    assert 'src="/static/js/rome-combobox.js"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"q": "a" * 201}, 400),
        ({"q": "a" * 200}, 200),
        ({"q": ["aide", "soin"]}, 200),
        ({"q": "%' OR 1=1 --"}, 200),
        ({"q": "   "}, 200),
    ],
)
def test_crafted_searches_get_a_clear_answer(client, candidate, query, status):
    client.force_login(candidate)
    response = client.get(reverse("explore:search"), query)
    assert response.status_code == status
    if status == 400:
        assert "Votre recherche dépasse 200 caractères : raccourcissez-la." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["explore:search", "explore:lookup"])
def test_a_nul_character_is_a_bad_request(client, candidate, name):
    client.force_login(candidate)
    response = client.get(reverse(name) + "?q=%00&liste=metiers")
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


@pytest.mark.django_db
def test_a_lookup_on_an_unknown_list_is_a_400_in_french(client, counsellor):
    client.force_login(counsellor)
    response = client.get(reverse("explore:lookup"), {"liste": "x", "q": "aide"})
    assert response.status_code == 400
    assert response.json() == {
        "results": [],
        "count": 0,
        "message": "Liste inconnue : « liste » vaut « metiers » ou « competences ».",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Aucun résultat"),
        ("a", "Aucun résultat"),
        ("a" * 201, "Votre recherche dépasse 200 caractères : raccourcissez-la."),
    ],
)
def test_an_empty_short_or_long_lookup_has_no_results(client, candidate, q, message):
    client.force_login(candidate)
    response = client.get(reverse("explore:lookup"), {"liste": "competences", "q": q})
    assert response.status_code == 200
    assert response.json() == {"results": [], "count": 0, "message": message}
