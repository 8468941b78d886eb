"""A candidate's RIASEC interests: ratings become scores from 0 to 100, the scores a Holland code
(undecided letters and letters scored 0 left out), the code a label such as « Social–Artistique »."""

import pytest

from skills.models import RIASEC_CHOICES
from skills.riasec import ADJECTIVES, DIMENSIONS, NAMES, InterestProfile, profile_from_ratings


def profile(**scores):
    return InterestProfile({letter: scores.get(letter, 0) for letter in DIMENSIONS})


def test_six_dimensions_in_holland_order_with_one_home_for_their_labels():
    assert DIMENSIONS == ("R", "I", "A", "S", "E", "C")
    assert [str(ADJECTIVES[letter]) for letter in DIMENSIONS] == [
        "Réaliste",
        "Investigateur",
        "Artistique",
        "Social",
        "Entreprenant",
        "Conventionnel",
    ]
    assert [(letter, str(label)) for letter, label in RIASEC_CHOICES] == [
        (letter, str(NAMES[letter])) for letter in DIMENSIONS
    ]


def test_each_dimension_scores_its_mean_rating_rescaled_to_0_100():
    ratings = [("S", 5), ("S", 4), ("A", 3), ("A", 4), ("R", 1), ("C", 2), ("C", 3), ("C", 3), ("C", 3)]
    assert profile_from_ratings(ratings, steps=5).scores == {
        "R": 0,  # rated, at the bottom of the scale
        "I": 0,  # not rated
        "A": 63,  # mean 3.5 → 62.5, rounded half up
        "S": 88,  # mean 4.5 → 87.5
        "E": 0,
        "C": 44,  # mean 2.75 → 43.75
    }
    assert profile_from_ratings([("E", 4), ("I", 1)], steps=4).scores["E"] == 100
    assert profile_from_ratings([("E", 2)], steps=3).scores["E"] == 50


def test_nothing_rated_is_no_profile_and_bad_ratings_are_refused():
    assert profile_from_ratings([], steps=5) is None
    assert profile_from_ratings([("S", None)], steps=5) is None
    with pytest.raises(ValueError):
        profile_from_ratings([("S", 6)], steps=5)
    with pytest.raises(ValueError):
        profile_from_ratings([("X", 3)], steps=5)
    with pytest.raises(ValueError):
        profile_from_ratings([("S", 1)], steps=1)


def test_letters_best_first_with_ties_in_riasec_order():
    assert profile(S=90, A=70, E=70, C=10).ranked() == ["S", "A", "E", "C", "R", "I"]
    assert profile().ranked() == list(DIMENSIONS)


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ({"S": 90, "A": 70, "E": 50, "C": 10}, "SAE"),
        ({"S": 90, "A": 70, "E": 50, "C": 50}, "SA"),  # the third tied with the fourth: undecided
        ({"S": 90, "A": 70, "E": 70, "C": 10}, "SAE"),  # tied inside the code: RIASEC order
        ({"S": 90, "A": 70, "E": 70, "C": 70}, "S"),  # second, third and fourth tied
        ({"S": 90, "A": 70}, "SA"),  # letters scored 0 are never in the code
        ({"S": 90}, "S"),
        ({"R": 40, "I": 40, "A": 40, "S": 40, "E": 40, "C": 40}, ""),
        ({}, ""),
        ({"C": 100, "R": 100, "I": 20}, "RCI"),
    ],
)
def test_the_holland_code(scores, code):
    assert profile(**scores).code == code


def test_the_label_names_the_first_letters_with_an_en_dash():
    social_artistique = profile(S=90, A=70, E=50)
    assert social_artistique.label() == "Social–Artistique"
    assert social_artistique.label(3) == "Social–Artistique–Entreprenant"
    assert social_artistique.label(1) == "Social"
    assert profile(I=80).label() == "Investigateur"
    assert profile().label() == ""


def test_shared_letters_with_the_first_two_of_the_code():
    candidate = profile(S=90, A=70, E=50)
    assert candidate.shares("AS") == "SA"  # in the order of the code
    assert candidate.shares("SC") == "S"
    assert candidate.shares("E") == ""
    assert candidate.shares("E", length=3) == "E"
    assert candidate.shares(["S", ""]) == "S"
