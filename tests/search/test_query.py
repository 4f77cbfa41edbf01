"""Readers' queries: words, "phrases", -exclusions; anything else is just text."""

import pytest

from quotidien.search.query import MAX_QUERY_LENGTH, QueryError, parse_query

# Queries read the editors' name variants.
pytestmark = pytest.mark.django_db


def phrases(groups):
    """Each group's terms as a phrase, without the other ways it may match."""
    return tuple(group[0] for group in groups)


def test_words_must_all_match():
    query = parse_query("Incendies Chouf")

    assert phrases(query.required) == (("incend",), ("chouf",))
    assert query.excluded == ()


def test_a_word_is_also_looked_for_by_its_key_as_a_name():
    assert parse_query("Bashar").required == ((("bashar",), ("0bachar",)),)


def test_quoted_words_form_a_phrase_and_french_quotes_count():
    assert phrases(parse_query('"prix du pain" liban').required) == (("prix", "pain"), ("liban",))
    assert phrases(parse_query("« prix du pain »").required) == (("prix", "pain"),)


def test_a_quoted_name_is_also_looked_for_by_its_words_keys_in_order():
    assert parse_query('"bashar al-assad"').required == (
        (("bashar", "al", "assad"), ("0bachar", "0asad")),
    )


def test_minus_excludes_a_word_or_a_phrase():
    query = parse_query('basket -finale -"match décisif"')

    assert phrases(query.required) == (("basket",),)
    assert phrases(query.excluded) == (("final",), ("match", "decisif"))


def test_hyphenated_words_stay_together_and_whole():
    assert parse_query("porte-conteneurs").required == (
        (("port", "conteneur"), ("0portconteneurs",)),
    )
    assert parse_query("Alep-Est").required == ((("alep", "est"), ("0alepest",)),)


@pytest.mark.parametrize(
    "text, words",
    [
        ('"prix du pain', (("prix",), ("pain",))),
        (
            "pain OR 1=1; DROP TABLE x",
            (("pain",), ("or",), ("1", "1"), ("drop",), ("tabl",), ("x",)),
        ),
        ("NEAR(pain prix)", (("near", "pain"), ("prix",))),
        ("pain*", (("pain",),)),
    ],
)
def test_operators_of_search_engines_and_sql_are_plain_text(text, words):
    assert phrases(parse_query(text).required) == words


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Saisissez un ou plusieurs mots"),
        ("   ", "Saisissez un ou plusieurs mots"),
        ("« ?! » ()", "ne contient que des signes"),
        ("x" * (MAX_QUERY_LENGTH + 1), "trop longue"),
        ("le la les", "mots trop courants"),
        ("-pain -prix", "en plus des mots à exclure"),
    ],
)
def test_queries_that_cannot_be_searched_get_a_french_message(text, message):
    with pytest.raises(QueryError, match=message):
        parse_query(text)
