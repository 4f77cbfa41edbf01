"""Nothing the model finds is shown to readers without enough confidence or an editor's
review: a one-word person never on its own, a district under its true kind, a name once
named in enough articles. The mentions are given as the model would find them: no spaCy."""

import pytest
from django.contrib.auth import get_user_model

from quotidien.entities import services
from quotidien.entities.extraction import Mention
from quotidien.entities.models import Entity
from quotidien.entities.queries import article_entities, entity_for_query, related_entities

PERSON, PLACE, ORG = "personne", "lieu", "organisation"


@pytest.fixture
def sport(make_section):
    return make_section("Sport", slug="sport")


def named(article, *mentions: tuple[str, str]) -> None:
    services.record_mentions(
        article=article, mentions=[Mention(spelling, kind) for spelling, kind in mentions]
    )


def entity(name: str) -> Entity:
    return Entity.objects.get(name=name)


def test_what_the_model_guesses_waits_for_confidence_before_readers_see_it(
    client, sport, make_article, settings
):
    settings.QUOTIDIEN_ENTITIES_MIN_ARTICLES = 2
    final = make_article(sport, "Le Phénix en finale")
    named(
        final,
        ("Walid Tannous", PERSON),
        ("Walid", PERSON),  # the full name's first name, later in the text
        ("Achille", PERSON),  # « talon d'Achille »
        ("Badaro", PERSON),  # a district of the known list
        ("Phénix de Batroun", PERSON),
        ("Olympique", PLACE),
    )

    shown = [found.name for found in article_entities(final)]
    assert shown == ["Badaro", "Phénix de Batroun"]  # known: public at once
    assert (entity("Badaro").kind, entity("Phénix de Batroun").kind) == (PLACE, ORG)
    assert not Entity.objects.filter(name="Walid").exists()  # counted for Walid Tannous
    assert client.get("/sujets/achille/").status_code == 404
    assert client.get("/sujets/walid-tannous/").status_code == 404  # one article so far
    assert entity_for_query("Achille") is None

    again = make_article(sport, "Le Phénix accueilli à Batroun")
    named(again, ("Walid Tannous", PERSON), ("Olympique", PLACE), ("Achille", PERSON))
    third = make_article(sport, "Achille, le mythe")
    named(third, ("Achille", PERSON))

    page = client.get("/sujets/walid-tannous/")
    assert page.status_code == 200 and "Walid Tannous" in page.content.decode()
    assert entity("Olympique").public  # two articles
    assert not entity("Achille").public  # a person of one word waits for an editor
    assert "Achille" not in [found.name for found in related_entities(entity("Olympique"))]

    editor = get_user_model().objects.create_superuser(username="rima", password="x-Secret-1")
    achille = entity("Achille")
    services.change_entity(
        entity=achille, name="Achille", kind=PERSON, hidden=False, reviewed=True, by=editor
    )
    assert client.get("/sujets/achille/").status_code == 200
