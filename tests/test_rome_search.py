"""Searching the référentiel as people type: accents, case, hyphens, gender forms, word prefixes and
small words do not matter; whole words and shorter labels come first. On the full shipped data
(loaded once for the class), on SQLite and on PostgreSQL alike."""

import pytest
from django.test import TestCase

from skills.loader import load_rome
from skills.models import Appellation
from skills.normalise import normalise, query_words
from skills.search import search_appellations, search_competences, search_fiches, search_savoirs


def labels(results):
    return [item.label for item in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aide-soignant / Aide-soignante", "aide soignant aide soignante"),
        ("Professeur / Professeure des écoles", "professeur professeure des ecoles"),
        ("Conducteur / Conductrice d'engins", "conducteur conductrice d engins"),
        ("Œnologue  CHEF", "oenologue chef"),
    ],
)
def test_labels_and_queries_are_normalised_alike(text, expected):
    assert normalise(text) == expected


def test_small_words_do_not_count_unless_nothing_else_is_typed():
    assert query_words("prof des écoles") == ["prof", "ecoles"]
    assert query_words("de la") == ["de", "la"]
    assert query_words("  ") == []


class SearchOnTheShippedData(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()

    def test_the_four_examples_of_the_issue(self):
        assert "Développeur / Développeuse web" in labels(search_appellations("developpeur", limit=10))
        assert labels(search_appellations("aide soignante"))[0] == "Aide-soignant / Aide-soignante"
        assert labels(search_appellations("prof des ecoles"))[0] == "Professeur / Professeure des écoles"
        # v460 has no « Animer une réunion »: the savoir « Conduite de réunions » and the macro-compétence
        # « Préparer et animer une réunion, … » are what it holds.
        assert labels(search_savoirs("conduite de reunion"))[0] == "Conduite de réunions"
        assert "Préparer et animer une réunion, un groupe de travail, un atelier" in labels(
            search_competences("animer une reunion", limit=5)
        )

    def test_accents_case_hyphens_and_gender_forms_do_not_matter(self):
        expected = "Aide-soignant / Aide-soignante"
        for query in ("AIDE-SOIGNANTE", "aide soignant", "Aide Soignante", "aide-soignant", "aidé soignanté"):
            assert labels(search_appellations(query, limit=3))[0] == expected, query
        for query in ("Développeuse web", "DEVELOPPEUR WEB", "développeur-web"):
            assert "Développeur / Développeuse web" in labels(search_appellations(query, limit=3)), query
        assert "Professeure des écoles" in search_appellations("professeure ecoles")[0].label

    def test_every_word_is_a_word_prefix_in_any_order(self):
        assert labels(search_appellations("ecol prof", limit=3))[0] == "Professeur / Professeure des écoles"
        assert "Développeur / Développeuse web" in labels(search_appellations("dev web", limit=5))
        # a prefix of a word, not the middle of one: « soignant » is not found by « oignant »
        assert not any("soignant" in text for text in (a.search_text for a in search_appellations("oignant")))

    def test_nothing_for_nothing_and_no_match_for_a_word_absent_from_the_label(self):
        assert search_appellations("") == []
        assert search_appellations("aide soignante astronaute") == []

    def test_whole_words_and_shorter_labels_come_first(self):
        results = labels(search_appellations("aide soignant"))
        assert results[0] == "Aide-soignant / Aide-soignante"
        assert results.index("Aide-soignant / Aide-soignante") < results.index(
            "Aide-soignant / Aide-soignante en gériatrie"
        )
        # « web » as a whole word before « webmaster »-like words that merely start with it
        web = search_appellations("web", limit=50)
        whole = [" web " in item.search_text for item in web]
        assert whole == sorted(whole, reverse=True)
        assert search_appellations("developpeur", limit=10) == search_appellations("developpeur", limit=10)

    def test_a_job_title_leads_to_its_fiche(self):
        found = search_appellations("prof des ecoles", limit=1)[0]
        assert found.fiche.code == "K2106"
        assert "K2106" in [fiche.code for fiche in search_fiches("prof des ecoles")]
        assert search_fiches("aide soignante")[0].code == "J1501"

    def test_a_retired_title_is_no_longer_found(self):
        Appellation.objects.filter(code="18161").update(retired_in_version=461)
        assert "Professeur / Professeure des écoles" not in labels(search_appellations("prof des ecoles"))
