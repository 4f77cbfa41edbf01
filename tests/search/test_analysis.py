"""French words are matched whatever their accents, case, number or verb form."""

import pytest

from quotidien.search.analysis import terms


@pytest.mark.parametrize(
    "written, typed",
    [
        ("Genève", "geneve"),
        ("élection", "ELECTION"),
        ("incendies", "incendie"),
        ("hôpitaux", "hopital"),
        ("évacuations", "évacuation"),
        ("évacuées", "évacué"),
        ("réfugiées", "refugie"),
        ("annoncent", "annonce"),
        ("brûlent", "brulé"),
        ("cœur", "coeur"),
        ("nationaux", "national"),
        ("oliviers", "olivier"),
    ],
)
def test_forms_of_a_word_have_the_same_term(written, typed):
    assert terms(written) == terms(typed)


@pytest.mark.parametrize("different", [("port", "pont"), ("pain", "paix"), ("forêt", "foire")])
def test_different_words_keep_different_terms(different):
    first, second = different

    assert terms(first) != terms(second)


def test_stop_words_and_elisions_are_left_out():
    assert terms("Le prix du pain à l’école d'été") == terms("prix pain école été")
    assert terms("le de la des et ou") == []


def test_numbers_and_other_scripts_are_kept():
    assert terms("87 personnes en 2023") == ["87", "person", "2023"]
    assert len(terms("بيروت")) == 1
