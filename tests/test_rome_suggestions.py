"""Jobs suggested to a candidate from their competences, interests and jobs, and the gap between a
candidate and a job. On the full shipped data (loaded once for each class), on SQLite and PostgreSQL."""

from django.test import TestCase

from skills.gap import fiche_gap
from skills.loader import load_rome
from skills.models import CoeurMetier, Fiche, FicheCompetence, Mobilite
from skills.riasec import InterestProfile
from skills.suggestions import suggest

AIDE_SOIGNANT, INFIRMIER, AMBULANCIER = "J1501", "J1506", "J1305"
ESPACES_VERTS = "A1203"  # Agent / Agente d'entretien des espaces verts
ASSISTER_L_INFIRMIER = "489901"  # at the heart of J1501
ACCOMPAGNER_LES_REPAS = "489902"  # at the heart of J1501
LIEN_SOCIAL = "120684"  # Maintenir, favoriser le lien social de la personne: J1501 holds it, not at its heart
SOCIAL_INVESTIGATEUR = InterestProfile({"R": 10, "I": 70, "A": 30, "S": 90, "E": 20, "C": 40})
REALISTE = InterestProfile({"R": 95, "I": 10, "A": 20, "S": 5, "E": 50, "C": 30})


def competences_of(fiche_code: str) -> list[str]:
    return list(FicheCompetence.objects.filter(fiche_id=fiche_code).values_list("competence_id", flat=True))


def codes(suggestions) -> list[str]:
    return [suggestion.fiche.code for suggestion in suggestions]


def by_code(suggestions) -> dict:
    return {suggestion.fiche.code: suggestion for suggestion in suggestions}


class SuggestionsOnTheShippedData(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()

    def test_the_competences_of_a_job_suggest_that_job_first_and_say_how_many(self):
        found = suggest(competences=competences_of(AIDE_SOIGNANT), profile=SOCIAL_INVESTIGATEUR)
        assert AIDE_SOIGNANT in codes(found)[:3]
        best = by_code(found)[AIDE_SOIGNANT]
        assert (best.matched, best.matched_core, best.riasec, best.near) == (27, 13, "SI", "")
        assert best.reason == (
            "27 de vos compétences, dont 13 au cœur du métier ; profil Social–Investigateur comme le vôtre"
        )
        assert best.score == 1.2  # every competence (1.0), the fiche's S and I in the first two letters
        # the rest of the list is about care, not about gardens or code
        assert all(code.startswith("J") for code in codes(found)[:5]), codes(found)

        found = suggest(competences=competences_of(ESPACES_VERTS), profile=REALISTE)
        assert ESPACES_VERTS in codes(found)[:3]
        best = by_code(found)[ESPACES_VERTS]
        assert best.reason == "35 de vos compétences, dont 8 au cœur du métier ; profil Réaliste comme le vôtre"
        assert all(code.startswith("A") for code in codes(found)[:3]), codes(found)

    def test_a_small_job_fully_covered_beats_a_large_one_partly_covered(self):
        mine = competences_of(AIDE_SOIGNANT)
        large = competences_of("K2106")  # Professeur des écoles: 64 competences
        found = suggest(competences=mine + large[:20], profile=None, limit=3)
        assert codes(found)[0] == AIDE_SOIGNANT
        assert by_code(found)[AIDE_SOIGNANT].score > 0.5

    def test_singular_and_all_at_the_heart_of_the_job(self):
        one = by_code(suggest(competences=[ASSISTER_L_INFIRMIER], profile=None, limit=50))[AIDE_SOIGNANT]
        assert (one.matched, one.matched_core) == (1, 1)
        assert one.reason == "1 de vos compétences, au cœur du métier"
        two = suggest(competences=[ASSISTER_L_INFIRMIER, ACCOMPAGNER_LES_REPAS], profile=None, limit=50)
        assert by_code(two)[AIDE_SOIGNANT].reason == "2 de vos compétences, toutes au cœur du métier"
        three = suggest(competences=[ASSISTER_L_INFIRMIER, LIEN_SOCIAL, "300490"], profile=None, limit=100)
        assert by_code(three)[AIDE_SOIGNANT].reason == "3 de vos compétences, dont 1 au cœur du métier"
        one_other = by_code(suggest(competences=[LIEN_SOCIAL], profile=None, limit=100))[AIDE_SOIGNANT]
        assert one_other.reason == "1 de vos compétences"

    def test_nothing_to_go_on_suggests_nothing(self):
        assert suggest(competences=[], profile=None) == []
        assert suggest(competences=[], profile=SOCIAL_INVESTIGATEUR) == []  # RIASEC alone never suggests
        assert suggest(competences=["inconnu"], profile=SOCIAL_INVESTIGATEUR) == []
        assert suggest(competences=competences_of(AIDE_SOIGNANT), profile=None, limit=0) == []

    def test_dismissed_considered_and_retired_jobs_are_never_suggested(self):
        mine = competences_of(AIDE_SOIGNANT)
        assert {AIDE_SOIGNANT, INFIRMIER} <= set(codes(suggest(competences=mine, profile=None, limit=5)))
        found = suggest(competences=mine, profile=None, considered=[INFIRMIER], exclude=[AIDE_SOIGNANT], limit=200)
        assert len(found) == 200
        assert AIDE_SOIGNANT not in codes(found)
        assert INFIRMIER not in codes(found)
        Fiche.objects.filter(pk=AMBULANCIER).update(retired_in_version=461)
        assert AMBULANCIER not in codes(suggest(competences=mine, profile=None, held=[AIDE_SOIGNANT], limit=500))

    def test_the_jobs_close_to_the_current_job_are_suggested_and_said_so(self):
        targets = set(Mobilite.objects.filter(fiche_id=AIDE_SOIGNANT).values_list("cible_id", flat=True))
        assert AMBULANCIER in targets
        found = suggest(competences=[], profile=None, held=[AIDE_SOIGNANT], limit=50)
        assert set(codes(found)) == targets
        assert {(s.near, s.reason) for s in found} == {("held", "proche de votre métier actuel")}

        found = by_code(suggest(competences=competences_of(AIDE_SOIGNANT), profile=None, held=[AIDE_SOIGNANT]))
        assert found[AMBULANCIER].reason.endswith(" ; proche de votre métier actuel")
        assert found[AMBULANCIER].matched > 0

    def test_the_jobs_close_to_a_considered_job_are_said_so(self):
        found = suggest(competences=[], profile=None, considered=[INFIRMIER], limit=50)
        targets = set(Mobilite.objects.filter(fiche_id=INFIRMIER).values_list("cible_id", flat=True))
        assert set(codes(found)) == targets - {INFIRMIER}
        assert {s.reason for s in found} == {"proche d'un métier que vous envisagez"}
        # a job close to both a held and a considered job: the held one counts
        both = suggest(competences=[], profile=None, held=[AIDE_SOIGNANT], considered=[INFIRMIER], limit=50)
        assert by_code(both)[AMBULANCIER].near == "held"

    def test_interests_reorder_and_explain(self):
        mine = competences_of(AIDE_SOIGNANT)[:12]
        plain = by_code(suggest(competences=mine, profile=None, limit=30))
        social = by_code(suggest(competences=mine, profile=SOCIAL_INVESTIGATEUR, limit=30))
        realiste = by_code(suggest(competences=mine, profile=REALISTE, limit=30))
        assert social[AIDE_SOIGNANT].score == round(plain[AIDE_SOIGNANT].score + 0.2, 6)
        assert realiste[AIDE_SOIGNANT].score == plain[AIDE_SOIGNANT].score
        assert plain[AIDE_SOIGNANT].riasec == "" and "profil" not in plain[AIDE_SOIGNANT].reason
        assert realiste[AIDE_SOIGNANT].riasec == ""

    def test_at_most_limit_best_first_in_few_queries(self):
        mine = competences_of(AIDE_SOIGNANT)
        with self.assertNumQueries(3):  # mobility, the aggregate, the fiches
            found = suggest(competences=mine, profile=SOCIAL_INVESTIGATEUR, held=["K2106"], limit=7)
        assert len(found) == 7
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True)
        with self.assertNumQueries(2):
            suggest(competences=mine, profile=None, limit=40)


class GapOnTheShippedData(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_rome()

    def core_competences(self, fiche_code):
        links = FicheCompetence.objects.filter(fiche_id=fiche_code, coeur_metier=CoeurMetier.PRINCIPALE)
        return set(links.values_list("competence_id", flat=True))

    def test_what_the_candidate_has_and_what_the_heart_of_the_job_still_needs(self):
        have = [
            "122570",  # Effectuer l'entretien de végétaux (heart of the job)
            "100063",  # Tailler les arbres (heart of the job)
            "300292",  # Aménager, entretenir un espace vert
            "122739",  # Techniques d'engazonnement (a savoir at the heart of the job)
            "107740",  # a competence of J1501, not of this fiche
        ]
        with self.assertNumQueries(3):
            gap = fiche_gap(ESPACES_VERTS, have)
        assert gap.fiche.code == ESPACES_VERTS
        assert [c.label for c in gap.matched] == [
            "Effectuer l'entretien de végétaux",
            "Tailler les arbres",
            "Aménager, entretenir un espace vert",
        ]
        core = self.core_competences(ESPACES_VERTS)
        assert {c.code for c in gap.missing_core} == core - {"122570", "100063"}
        assert "Planter un arbre, une plante, un végétal" in [c.label for c in gap.missing_core]
        assert [s.label for s in gap.missing_savoirs] == [
            "Procédures d'entretiens de mobiliers urbains",
            "Techniques de taille de végétaux",
            "Utilisation d'engins de tonte (autotractés et autoportés)",
            "Utilisation d'outils de taille",
        ]

    def test_nothing_held_everything_at_the_heart_missing_and_unknown_fiche(self):
        gap = fiche_gap(AIDE_SOIGNANT, [])
        assert gap.matched == []
        assert {c.code for c in gap.missing_core} == self.core_competences(AIDE_SOIGNANT)
        assert len(gap.missing_core) == 13
        assert gap.missing_savoirs == []  # J1501 puts no savoir at the heart of the job
        assert fiche_gap("Z9999", ["122570"]) is None
