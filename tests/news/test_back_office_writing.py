"""The back office as a journalist and an editor find it: a new article from the
dashboard, ASCII addresses, drafts that do not block the next article, « relecture »,
sections kept for the editors, agencies and authors in the article form."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from quotidien.news.admin_forms import SearchableCheckboxes
from quotidien.news.models import Agency, ArticlePage, Author, SectionPage
from quotidien.news.newsroom import EDITORS, JOURNALISTS
from tests.html_validation import validate_html
from tests.news.article_form import article_form

pytestmark = pytest.mark.django_db

HEADLINE = "Avancée fulgurante : l’armée reprend le cœur de la ville"
ADDRESS = "avancee-fulgurante-l-armee-reprend-le-coeur-de-la-ville"


def member(group: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x-Secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def journalist(client):
    user = member(JOURNALISTS, "nadia")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = member(EDITORS, "rita")
    client.force_login(user)
    return user


def add_url(section, model: str = "articlepage") -> str:
    return reverse("wagtailadmin_pages:add", args=("news", model, section.pk))


def test_new_article_with_an_accented_headline_gets_an_ascii_address(
    client, make_section, journalist
):
    section = make_section("Monde")

    response = client.post(add_url(section), article_form(HEADLINE))

    assert response.status_code == 302
    assert ArticlePage.objects.get(title=HEADLINE).slug == ADDRESS


def test_a_headline_without_latin_letters_gets_the_address_of_its_kind(
    client, make_section, journalist
):
    section = make_section("Monde")

    for headline in ("بيروت تستعد للمهرجان", "بيروت في الربيع"):
        response = client.post(add_url(section), article_form(headline))
        assert response.status_code == 302

    slugs = ArticlePage.objects.order_by("pk").values_list("slug", flat=True)
    assert list(slugs) == ["article", "article-2"]


def test_slug_field_folds_the_headline_as_the_server_does(client, make_section, journalist):
    html = client.get(add_url(make_section("Monde"))).content.decode()

    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
    # No "allow unicode": the browser folds accents, and replaces what the server replaces.
    assert "data-w-slug-allow-unicode-value" not in slug_input
    formatters = json.loads(
        re.search(r'data-w-slug-formatters-value="([^"]*)"', slug_input)
        .group(1)
        .replace("&quot;", '"')
    )
    assert [["\u0153", "gu"], "oe"] in formatters
    assert [["\u2019", "gu"], "-"] in formatters


def test_autosaved_draft_does_not_block_the_next_article_with_the_same_headline(
    client, make_section, journalist
):
    section = make_section("Monde")
    # The autosave of an incomplete form (no standfirst yet) keeps a draft: the slug the
    # browser derived from the headline is taken.
    autosave = client.post(
        add_url(section),
        article_form(HEADLINE, ADDRESS, standfirst=""),
        headers={"Accept": "application/json"},
    )
    assert autosave.json()["success"]

    # The journalist starts again: the same headline, the same derived slug.
    again = client.post(
        add_url(section),
        article_form(HEADLINE, ADDRESS),
        headers={"Accept": "application/json"},
    )

    assert again.json()["success"]
    assert again.json()["field_updates"]["slug"] == f"{ADDRESS}-2"
    slugs = set(ArticlePage.objects.filter(title=HEADLINE).values_list("slug", flat=True))
    assert slugs == {ADDRESS, f"{ADDRESS}-2"}


def test_a_taken_slug_typed_by_hand_is_refused_at_the_top_of_the_form(
    client, make_section, make_article, journalist
):
    section = make_section("Monde")
    make_article(section, "Un autre article", slug="bilan")

    response = client.post(add_url(section), article_form("Le bilan de la semaine", "bilan"))

    html = response.content.decode()
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(title="Le bilan de la semaine").exists()
    messages = html[html.index('class="messages"') :]
    assert "L’adresse « bilan » est déjà celle d’une autre page de cette rubrique" in messages
    assert "onglet « Promotion »" in messages


def test_an_article_in_review_reads_relecture_not_moderation(
    client, make_section, journalist, editor
):
    section = make_section("Monde")
    client.force_login(journalist)
    client.post(add_url(section), article_form(HEADLINE, **{"action-submit": "1"}))
    article = ArticlePage.objects.get(title=HEADLINE)
    assert article.workflow_in_progress

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=(section.pk,))).content.decode()

    for page in (html.lower(), listing.lower()):
        assert "en cours de relecture" in page
        assert "modération" not in page


@pytest.mark.parametrize("group", [JOURNALISTS, EDITORS])
def test_dashboard_offers_a_new_article_in_a_chosen_section(client, make_section, group):
    monde = make_section("Monde")
    syrie = make_section("Syrie", parent=monde)
    client.force_login(member(group, "nadia"))

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    chosen = client.get(reverse("news_new_article"), {"rubrique": syrie.pk})

    panel = html[html.index('id="new-article') :]
    assert "Nouvel article" in html
    assert f'<option value="{monde.pk}">Monde</option>' in panel
    assert f'<option value="{syrie.pk}">— Syrie</option>' in panel
    assert chosen.status_code == 302
    assert chosen.url == add_url(syrie)


def test_new_article_refuses_a_page_that_is_not_a_section(client, home, make_section, editor):
    make_section("Monde")

    response = client.get(reverse("news_new_article"), {"rubrique": home.pk})

    assert response.status_code == 200
    assert "choisissez-en une de la liste" in response.content.decode()


def test_journalists_are_not_offered_sections_nor_can_create_one(client, make_section, journalist):
    section = make_section("Monde")

    chooser = client.get(reverse("wagtailadmin_pages:add_subpage", args=(section.pk,)))
    html = chooser.content.decode()
    by_url = client.get(add_url(section, "sectionpage"))
    by_post = client.post(add_url(section, "sectionpage"), {"title": "Sport", "slug": "sport"})

    assert add_url(section) in html
    assert reverse("wagtailadmin_pages:add", args=("live", "livepage", section.pk)) in html
    assert add_url(section, "sectionpage") not in html
    # Refused as Wagtail refuses what a user may not do: back to the dashboard, with a message.
    assert by_url.url == by_post.url == reverse("wagtailadmin_home")
    assert not SectionPage.objects.filter(title="Sport").exists()


def test_only_editors_create_the_papers_own_pages(client, home, django_user_model):
    """The charter, the legal notice, the contact page are the paper's, as its sections."""
    page_url = reverse("wagtailadmin_pages:add", args=("sitepages", "informationpage", home.pk))
    chooser_url = reverse("wagtailadmin_pages:add_subpage", args=(home.pk,))
    seen = {}
    for group in (JOURNALISTS, EDITORS):
        user = django_user_model.objects.create_user(
            f"{group}@example.org", f"{group}@example.org", "x"
        )
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        seen[group] = (
            page_url in client.get(chooser_url).content.decode(),
            client.get(page_url).status_code,
        )
    assert seen == {JOURNALISTS: (False, 302), EDITORS: (True, 200)}


def test_editors_still_create_sections(client, make_section, editor):
    section = make_section("Monde")

    chooser = client.get(reverse("wagtailadmin_pages:add_subpage", args=(section.pk,)))

    assert add_url(section, "sectionpage") in chooser.content.decode()
    assert client.get(add_url(section, "sectionpage")).status_code == 200


def test_journalist_adds_a_missing_agency_from_the_article_form(client, make_section, journalist):
    chooser = client.get(reverse("wagtailsnippetchoosers_news_agency:choose"))
    created = client.post(
        reverse("wagtailsnippetchoosers_news_agency:create"),
        {"name": "Agence du Levant", "short_name": "ADL", "slug": "adl"},
    )

    assert "Nouvelle agence" in chooser.json()["html"]
    assert created.json()["result"]["string"] == "ADL"
    assert Agency.objects.filter(short_name="ADL").exists()
    assert not journalist.has_perm("news.change_agency")
    assert not journalist.has_perm("news.delete_agency")


def test_article_form_has_searchable_authors_and_explains_the_photo_description(
    client, make_section, journalist
):
    Author.objects.create(name="Sami Frem", slug="sami-frem")

    article = client.get(add_url(make_section("Monde"))).content.decode()
    photo = client.get(reverse("wagtailimages:add")).content.decode()

    assert re.search(r'<input type="search"[^>]*data-news-filter', article)
    assert re.search(r'<input type="checkbox" name="authors"[^>]*>\s*Sami Frem', article)
    assert "ce que les lecteurs d’écran lisent aux lecteurs aveugles ou malvoyants" in photo


@pytest.mark.html_checker
def test_new_article_pages_and_the_authors_search_are_valid_html(client, make_section, journalist):
    monde = make_section("Monde")
    make_section("Syrie", parent=monde)
    authors = SearchableCheckboxes(
        choices=[(1, "Sami Frem"), (2, "Rita Haddad")], search_label="Chercher un auteur"
    ).render("authors", [2], attrs={"id": "id_authors"})
    pages = {
        "tableau de bord": client.get(reverse("wagtailadmin_home")).content.decode(),
        "nouvel article": client.get(reverse("news_new_article")).content.decode(),
        "rubrique refusée": client.get(
            reverse("news_new_article"), {"rubrique": "x"}
        ).content.decode(),
        # Wagtail's article form has errors of its own (side panels, choosers): the widget
        # added to it is checked alone.
        "auteurs": '<!doctype html><html lang="fr"><head><title>Auteurs</title></head>'
        f"<body><form>{authors}</form></body></html>",
    }

    errors = validate_html(pages)

    assert errors == {name: [] for name in pages}
