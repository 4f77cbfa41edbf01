"""The small paper of the syndication tests: its public address, photos and dates."""

from io import BytesIO
from urllib.parse import quote

import extruct
from django.core.files.images import ImageFile
from lxml import html as lxml_html

from quotidien.demo.photos import photo_jpeg
from quotidien.news.images import NewsImage
from quotidien.news.models import ArticlePage

SITE_URL = "https://journal.example"
# The Arabic-slugged article of the `paper` fixture, as a URL must write it: percent-encoded.
BEIRUT_URL = f"{SITE_URL}/monde-arabe/{quote('بيروت-مهرجان')}/"


def make_photo(name: str, caption: str = "", credit: str = "") -> NewsImage:
    photo = NewsImage(title=caption or name, caption=caption, credit=credit)
    photo.file = ImageFile(BytesIO(photo_jpeg(name)), name=f"{name}.jpg")
    photo.save()
    return photo


def set_dates(article: ArticlePage, *, first, last=None) -> ArticlePage:
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=first, last_published_at=last or first
    )
    article.refresh_from_db()
    return article


def structured(client, url: str) -> dict:
    """JSON-LD, Open Graph, canonical URL, description and Twitter card of the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    data = extruct.extract(page, base_url=SITE_URL, syntaxes=["json-ld", "opengraph"])
    tree = lxml_html.fromstring(page)
    data["canonical"] = tree.xpath("//head/link[@rel='canonical']/@href")
    data["description"] = tree.xpath("//head/meta[@name='description']/@content")
    data["twitter"] = {
        meta.get("name"): meta.get("content")
        for meta in tree.xpath("//head/meta[starts-with(@name, 'twitter:')]")
    }
    return data


def json_ld(data: dict, kind: str) -> dict:
    [found] = [item for item in data["json-ld"] if item.get("@type") == kind]
    return found


def open_graph(data: dict) -> dict[str, list[str]]:
    properties: dict[str, list[str]] = {}
    for item in data["opengraph"]:
        for name, value in item["properties"]:
            properties.setdefault(name, []).append(value)
    return properties
