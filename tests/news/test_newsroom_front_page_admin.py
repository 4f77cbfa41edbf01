"""The front page as an editor arranges it in the back office: « La une » in the menu, the
chosen stories told apart by their section and date, a new one first, and « Mettre à la
une » on an article."""

import pytest
from django.urls import reverse

from quotidien.news.models import HomePage, HomePageTopStory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(home, make_section, make_article):
    """The front page with three published stories, the first its lead."""
    section = make_section("Liban")
    articles = [make_article(section, f"Une {number}") for number in (1, 2, 3)]
    for order, article in enumerate(articles):
        home.top_stories.add(HomePageTopStory(article=article, sort_order=order))
    home.save_revision().publish()
    return articles


def live_top_stories() -> list[str]:
    home = HomePage.objects.get()
    return [story.article.title for story in home.top_stories.order_by("sort_order")]


def draft_top_stories() -> list[str]:
    draft = HomePage.objects.get().get_latest_revision_as_object()
    return [story.article.title for story in draft.top_stories.all()]


def test_the_editors_menu_leads_to_the_front_page_form(client, home, editor):
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "La une" in dashboard
    assert reverse("news_front_page") in dashboard
    response = client.get(reverse("news_front_page"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(home.pk,))


def test_a_journalist_has_no_front_page_entry(client, home, journalist):
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("news_front_page") not in dashboard
    # Wagtail answers a refusal with its dashboard and a message.
    assert client.get(reverse("news_front_page")).url == reverse("wagtailadmin_home")


def test_each_chosen_story_shows_its_section_and_publication_date(
    client, home, editor, stories, make_article
):
    draft = make_article(stories[0].get_parent().specific, "Pas encore sortie", live=False)
    home.top_stories.add(HomePageTopStory(article=draft, sort_order=3))
    home.save_revision().publish()

    html = client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))).content.decode()

    assert html.count("Liban · publié le ") == 3
    assert "Pas en ligne : la une ne le montre qu’une fois publié." in html
    # A newly chosen article goes first (news/admin/new-first.js).
    assert 'data-news-new-first="id_top_stories"' in html
    assert "news/admin/new-first.js" in html


def test_an_editor_puts_an_article_at_the_top_of_the_front_page(
    client, editor, stories, make_article
):
    new = make_article(stories[0].get_parent().specific, "La dernière nouvelle")
    url = reverse("news_lead", args=(new.pk,))

    assert "Mettre à la une" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert live_top_stories() == ["La dernière nouvelle", "Une 1", "Une 2", "Une 3"]


def test_a_story_already_on_the_front_page_moves_up_to_lead(client, editor, stories):
    client.post(reverse("news_lead", args=(stories[2].pk,)))

    assert live_top_stories() == ["Une 3", "Une 1", "Une 2"]


def test_a_front_page_with_changes_waiting_stays_a_draft(
    client, home, editor, stories, make_article
):
    waiting = HomePage.objects.get()
    waiting.top_stories_heading = "Ce soir"
    waiting.save_revision(user=editor)
    new = make_article(stories[0].get_parent().specific, "La dernière nouvelle")

    client.post(reverse("news_lead", args=(new.pk,)))

    assert live_top_stories() == ["Une 1", "Une 2", "Une 3"]
    assert draft_top_stories() == ["La dernière nouvelle", "Une 1", "Une 2", "Une 3"]
    assert HomePage.objects.get().get_latest_revision_as_object().top_stories_heading == "Ce soir"


def test_an_unpublished_article_is_not_put_on_the_front_page(client, editor, stories, make_article):
    draft = make_article(stories[0].get_parent().specific, "Pas encore sortie", live=False)

    response = client.post(reverse("news_lead", args=(draft.pk,)), follow=True)

    assert "publiez-le d’abord" in response.content.decode()
    assert live_top_stories() == ["Une 1", "Une 2", "Une 3"]


def test_the_article_page_offers_the_editor_to_put_it_on_the_front_page(client, editor, stories):
    html = client.get(reverse("wagtailadmin_pages:edit", args=(stories[0].pk,))).content.decode()

    assert reverse("news_lead", args=(stories[0].pk,)) in html


def test_a_journalist_may_not_put_an_article_on_the_front_page(client, journalist, stories):
    url = reverse("news_lead", args=(stories[2].pk,))

    assert client.post(url).url == reverse("wagtailadmin_home")
    assert live_top_stories() == ["Une 1", "Une 2", "Une 3"]
