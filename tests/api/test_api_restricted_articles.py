"""An article under a view restriction (a password, a reader's login, on it or on its
section) is named nowhere in the API's answers, not even by the inline « Lire aussi » of
another article's body."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_read_also_blocks_name_no_restricted_article(api_client, make_section, make_article):
    liban, culture = make_section("Liban"), make_section("Culture")
    opened = make_article(liban, "Le moulin à huile de Amioun rouvre")
    secret = make_article(liban, "Pénurie d’eau dans le Metn")
    private = make_article(culture, "Le festival de Baalbeck prépare sa saison")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="citernes"
    )
    PageViewRestriction.objects.create(page=culture, restriction_type=PageViewRestriction.LOGIN)
    article = make_article(
        liban,
        "Les oliveraies du Koura face à la sécheresse",
        body=[("read_also", {"article": linked}) for linked in (opened, secret, private)],
    )

    answer = api_client.get(f"/api/v1/articles/{article.pk}/").json()

    linked = [block["article"] for block in answer["body"]]
    assert [block and block["id"] for block in linked] == [opened.pk, None, None]
    html = answer["body_html"]
    assert opened.url in html
    for hidden in (secret, private):
        assert hidden.url not in html
        assert hidden.title not in html
