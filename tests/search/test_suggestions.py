"""« Vouliez-vous dire ? »: a search that finds nothing proposes the query written with the
archive's own words, and only where that query leads to articles."""

from datetime import timedelta
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from quotidien.live.models import LivePage
from quotidien.news.management.commands import publish_scheduled_loop
from quotidien.search import vocabulary
from quotidien.search.models import Word
from quotidien.search.service import search_articles
from quotidien.search.suggestions import suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def lebanon(make_section, make_article):
    """A few articles, counted as the nightly recount counts them."""
    section = make_section("Liban")
    make_article(
        section,
        "Coupures d’électricité à Beyrouth",
        standfirst="Le Hezbollah réclame des générateurs pour la banlieue sud.",
        body=[("paragraph", "<p>Le prix du pain augmente, le salaire stagne.</p>")],
    )
    make_article(section, "Le salaire des enseignants à Beyrouth", standfirst="Grève en vue.")
    make_article(section, "Salaire : la fonction publique attend", standfirst="Un décret tarde.")
    make_article(section, "Un chauffe-eau solaire pour chaque école", standfirst="À Zahlé.")
    vocabulary.recount()
    return section


def suggested(query: str, **filters) -> str | None:
    found = search_articles(query=query, **filters).count
    suggestion = suggest(query=query, found=found, **filters)
    return suggestion.text if suggestion else None


def page(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def by_class(tree, name: str) -> list:
    return tree.xpath(f"//*[contains(concat(' ', @class, ' '), ' {name} ')]")


def test_typo_query_gets_the_archive_spelling_as_a_link_to_results(client, lebanon):
    tree = page(client, q="electrcité beyrout", rubrique=lebanon.pk)

    (proposal,) = by_class(tree, "search-suggestion")
    # One account of what was found, never "1 résultat" beside "Aucun article".
    assert " ".join(proposal.text_content().split()) == (
        "Aucun article ne correspond à « electrcité beyrout » ; "
        "voici les résultats pour « électricité beyrouth »."
    )
    assert not by_class(tree, "notice")
    (link,) = proposal.xpath(".//a")
    assert link.text_content() == "électricité beyrouth"
    assert [strong.text for strong in link.xpath(".//strong")] == ["électricité", "beyrouth"]
    params = parse_qs(urlsplit(link.get("href")).query)
    assert params == {"q": ["électricité beyrouth"], "rubrique": [str(lebanon.pk)]}
    # Its results are shown at once, below the line that says nothing matched as typed.
    text = " ".join(tree.text_content().split())  # typography's narrow spaces as spaces
    titles = [title.text_content() for title in by_class(tree, "search-result__title")]
    assert titles == ["Coupures d’électricité à Beyrouth"]
    assert "1 résultat pour « électricité beyrouth »" in text
    results = page(client, **{key: value[0] for key, value in params.items()})
    titles = [title.text_content() for title in by_class(results, "search-result__title")]
    assert titles == ["Coupures d’électricité à Beyrouth"]
    assert not by_class(results, "search-suggestion")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("électricté", "électricité"),  # a letter missing
        ("hezbolah électricté", "hezbollah électricité"),  # a name as the paper spells it
        ("électriccité", "électricité"),  # one too many
        ("beyrotuh", "beyrouth"),  # two letters swapped
        ("generatuers", "générateurs"),  # swapped, and the accents the archive writes
        ("Électrisitée", "Électricité"),  # two slips in a long word, the reader's capital
    ],
)
def test_slips_of_one_or_two_letters_are_put_right(lebanon, typed, meant):
    assert suggested(typed) == meant


def test_words_that_match_quotes_and_exclusions_are_kept_as_typed(lebanon):
    assert suggested("Beyrouth électricté -grève") == "Beyrouth électricité -grève"
    assert suggested("« prix du pian »") == "« prix du pain »"


def test_the_more_frequent_of_two_words_as_near_is_proposed(lebanon):
    # « salaire » (three articles) and « solaire » (one) are both one letter away.
    assert suggested("sulaire") == "salaire"


def test_query_with_results_gets_no_suggestion(client, lebanon):
    tree = page(client, q="salaire")

    assert by_class(tree, "search-result")
    assert not by_class(tree, "search-suggestion")
    assert suggested("solaire") is None


def test_no_suggestion_without_a_word_near_enough(client, lebanon):
    tree = page(client, q="xylophone")

    assert "Aucun article ne correspond" in tree.text_content()
    assert not by_class(tree, "search-suggestion")
    assert suggested("zahle beyrouth ecole") is None  # the words are there, not together


def test_a_suggestion_keeps_the_filters_and_finds_articles_with_them(lebanon, make_section):
    other = make_section("Monde")

    assert suggested("électricté", section=lebanon) == "électricité"
    assert suggested("électricté", section=other) is None


def test_words_of_drafts_and_withdrawn_articles_are_never_proposed(lebanon, make_article):
    make_article(lebanon, "Brouillon sur la pistacheraie", live=False)
    withdrawn = make_article(lebanon, "Les mandariniers de Tyr")
    assert suggested("mandarniers") == "mandariniers"

    withdrawn.unpublish()
    # Before the nightly recount, the word is still in the vocabulary, but leads nowhere.
    assert suggested("mandarniers") is None
    vocabulary.recount()

    assert not Word.objects.filter(folded__in=["mandariniers", "pistacheraie"]).exists()
    assert suggested("pistacheraies") is None


def test_a_new_word_can_be_proposed_as_soon_as_its_article_is_published(lebanon, make_article):
    assert suggested("kaakh beyrout") is None

    make_article(lebanon, "Le kaakeh de Beyrouth")

    assert suggested("kaakh beyrout") == "kaakeh beyrouth"


def test_words_take_the_stemming_of_the_day_when_indexed_again(lebanon, make_article):
    # As after an upgrade that stems « salaire » otherwise, before the archive is re-indexed.
    Word.objects.filter(folded="salaire").update(term="salaire-avant")

    make_article(lebanon, "Le salaire minimum relevé")

    assert Word.objects.get(folded="salaire").term == "salair"
    assert suggested("sulaire") == "salaire"


def test_recount_counts_the_live_articles_of_each_word(lebanon, make_article):
    make_article(lebanon, "Salaire gelé")
    assert Word.objects.get(folded="salaire").articles == 3

    call_command("recount_search_vocabulary", "--now", stdout=StringIO())

    assert Word.objects.get(folded="salaire").articles == 4
    words = Word.objects.filter(folded__in=["beyrouth", "electricite", "salaire"])
    assert dict(words.values_list("folded", "written")) == {
        "beyrouth": "Beyrouth",
        "electricite": "électricité",
        "salaire": "salaire",
    }


def test_the_scheduler_has_the_vocabulary_recounted_once_a_night(lebanon, monkeypatch):
    loop = publish_scheduled_loop
    Word.objects.filter(folded="salaire").update(articles=99)
    night = timezone.localtime().replace(hour=loop.VOCABULARY_RECOUNT_HOUR - 1, minute=30)
    monkeypatch.setattr(timezone, "localtime", lambda *args: night)
    assert loop.once_a_day("recount_search_vocabulary", loop.VOCABULARY_RECOUNT_HOUR, None) is None
    assert Word.objects.get(folded="salaire").articles == 99

    later = night + timedelta(hours=1)
    monkeypatch.setattr(timezone, "localtime", lambda *args: later)
    done = loop.once_a_day("recount_search_vocabulary", loop.VOCABULARY_RECOUNT_HOUR, None)

    assert done == later.date()
    assert Word.objects.get(folded="salaire").articles == 3  # the task ran (tests run at once)


def test_rebuilding_the_index_makes_the_vocabulary_anew(lebanon):
    Word.objects.filter(folded="salaire").update(articles=99, written="SALAIRE")

    call_command("rebuild_search_index", stdout=StringIO())

    assert Word.objects.get(folded="salaire").articles == 3
    assert Word.objects.get(folded="salaire").written == "salaire"


def test_api_answer_carries_the_suggestion(lebanon):
    client = Client(HTTP_HOST="localhost")
    answer = client.get("/api/v1/search/", {"q": "electrcité beyrout"}).json()
    found = client.get("/api/v1/search/", {"q": "électricité"}).json()

    assert answer["count"] == 0 and answer["suggestion"] == "électricité beyrouth"
    assert found["count"] == 1 and found["suggestion"] is None


def test_a_word_of_a_live_page_alone_is_suggested_by_the_page_not_the_api(lebanon, client):
    live = LivePage(
        title="Glissement de terrain à Bhamdoun",
        slug="direct-bhamdoun",
        standfirst="La route est coupée.",
    )
    lebanon.add_child(instance=live)
    live.save_revision().publish()
    api = Client(HTTP_HOST="localhost").get("/api/v1/search/", {"q": "bhamdoum"}).json()

    (proposal,) = by_class(page(client, q="bhamdoum"), "search-suggestion")

    # The search page lists live pages, the API articles alone: each suggests what it finds.
    assert [link.text_content() for link in proposal.xpath(".//a")] == ["bhamdoun"]
    assert (api["count"], api["suggestion"]) == (0, None)
    assert suggested("bhamdoum") is None
    assert suggested("bhamdoum", live_pages=True) == "bhamdoun"
