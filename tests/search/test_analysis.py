"""French words are matched whatever their accents, case, number or verb form."""

import tomllib
from pathlib import Path

import pytest

from quotidien.search.analysis import index_fields, index_terms, terms


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


STEMMING = tomllib.loads((Path(__file__).parent / "stemming.toml").read_text("utf-8"))


@pytest.mark.parametrize("forms", STEMMING["same"], ids="/".join)
def test_regression_set_forms_that_must_meet(forms):
    assert len({tuple(terms(form)) for form in forms}) == 1


@pytest.mark.parametrize("words", STEMMING["apart"], ids="/".join)
def test_regression_set_words_that_must_stay_apart(words):
    first, second = words

    assert terms(first) != terms(second)


def test_hyphenated_compounds_keep_their_parts_in_order_stop_words_included():
    assert terms("Alep-Est") == ["alep", "est"]
    assert terms("les quartiers d’Alep-Est") == ["quarti", "alep", "est"]
    assert terms("Moyen-Orient") == ["moyen", "orient"]


def test_a_verb_and_its_subject_are_not_a_compound():
    assert terms("Alep est-elle tombée ? a-t-il dit") == terms("Alep tombée dit")


def test_the_arabic_article_is_one_term_however_written():
    assert terms("el-Assad") == terms("al-Assad") == ["al", "assad"]
    assert terms("Bachar el Assad") == terms("Bachar al-Assad")


def test_names_and_compounds_are_indexed_with_their_keys_after_the_words():
    assert index_terms("Le Hezbollah à Dahiyé") == ["hezbollah", "dahiy", "0hezbola", "0dahi"]
    assert index_terms("une ville") == ["vill"]
    assert index_terms("Moyen-Orient")[-1] == "0moienorient"


def test_a_stop_word_that_opens_a_sentence_is_no_name():
    assert index_terms("Sur le quai") == terms("quai") == ["quais"]


def test_a_french_conjunction_inside_a_compound_is_no_arabic_article():
    assert terms("Seine-et-Marne") == ["sein", "et", "marn"]
    assert terms("ad-Dawla") == ["al", "dawl"]


def test_dashes_of_word_processors_and_soft_hyphens_join_as_hyphens_do():
    assert terms("Alep–Est") == terms("Alep‑Est") == terms("Alep-Est")
    assert terms("Ab\u00adbas") == terms("Abbas")


def test_a_capital_that_opens_a_sentence_gives_no_key():
    assert index_terms("Guerre des prix. Salle comble") == ["guerr", "prix", "sall", "combl"]
    assert index_terms("« Hezbollah », dit-il") == ["hezbollah", "dit"]


def test_a_name_that_opens_a_sentence_has_its_key_when_written_so_elsewhere():
    headline, body = index_fields(["Joumblatt réunit", "Selon Joumblatt, non."])

    assert headline == ["joumblatt", "reun", "0jumblat"]
    assert body[-1] == "0jumblat"
