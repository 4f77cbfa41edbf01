"""The API's URLs are on the paper's address (SITE_URL) whatever host the request named, so
that the one answer a cache keeps for a URL is right for every reader."""

import re

import pytest

from tests.api.address import SITE_URL

# A host ALLOWED_HOSTS lets through ("127.0.0.1" with any port), chosen by the sender.
CHOSEN_HOST = "127.0.0.1:6666"


def urls_in(data) -> list[str]:
    """Every URL in an answer, however deep, and those of its HTML."""
    if isinstance(data, dict):
        return [url for value in data.values() for url in urls_in(value)]
    if isinstance(data, list):
        return [url for value in data for url in urls_in(value)]
    if not isinstance(data, str):
        return []
    return [data] if data.startswith("http") else re.findall(r'(?:src|href)="([^"]+)"', data)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/articles/?limit=2&offset=1",
        "/api/v1/sections/",
        "/api/v1/search/?q=ministres",
    ],
)
def test_an_answer_is_the_same_whatever_host_the_request_named(api_client, paper, path):
    usual = api_client.get(path)
    chosen = api_client.get(path, HTTP_HOST=CHOSEN_HOST)

    assert chosen.status_code == 200
    assert chosen.content == usual.content
    assert CHOSEN_HOST not in chosen.content.decode()
    assert "localhost" not in chosen.content.decode()
    urls = urls_in(chosen.json())
    assert urls and all(url.startswith(f"{SITE_URL}/") for url in urls), urls


@pytest.mark.usefixtures("renditions")
def test_an_article_its_photos_and_its_links_are_on_the_papers_address(api_client, paper):
    article = api_client.get(f"/api/v1/articles/{paper['lead'].pk}/", HTTP_HOST=CHOSEN_HOST)

    data = article.json()
    assert data["url"].startswith(f"{SITE_URL}/monde/")
    assert data["section"]["url"] == f"{SITE_URL}/monde/"
    assert data["lead_image"]["url"].startswith(f"{SITE_URL}/media/")
    assert {tag["url"] for tag in data["tags"]} == {
        f"{SITE_URL}/sujet/diplomatie/",
        f"{SITE_URL}/sujet/eau/",
    }
    assert f'src="{SITE_URL}/media/' in data["body_html"]
    assert CHOSEN_HOST not in article.content.decode()


def test_pages_of_a_list_link_to_each_other_on_the_papers_address(api_client, paper):
    first = api_client.get("/api/v1/articles/?limit=2", HTTP_HOST=CHOSEN_HOST).json()

    assert first["next"] == f"{SITE_URL}/api/v1/articles/?limit=2&offset=2"
    second = api_client.get(first["next"].removeprefix(SITE_URL), HTTP_HOST=CHOSEN_HOST).json()
    assert second["previous"] == f"{SITE_URL}/api/v1/articles/?limit=2&offset=0"


def test_a_public_answer_kept_by_a_cache_serves_every_host(api_client, paper):
    usual = api_client.get("/api/v1/articles/")
    chosen = api_client.get("/api/v1/articles/", HTTP_HOST=CHOSEN_HOST)

    assert chosen["Cache-Control"] == "public, max-age=60"
    assert chosen["ETag"] == usual["ETag"]
    revalidated = api_client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=chosen["ETag"])
    assert revalidated.status_code == 304
