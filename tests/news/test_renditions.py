"""Photos show in every width and format the worker made, and a reader's request makes none.

Photos here are small plain pictures drawn by Pillow: encoding stays quick.
"""

from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.cache import cache, caches
from django.core.files.images import ImageFile
from django.template import Context, Template
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageDraw, features

from quotidien.news import renditions
from quotidien.news.images import SIZES, NewsImage, NewsRendition, specs_for
from quotidien.news.models import Author
from tests.test_worker import database_queue, run_worker  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("renditions")]

ASKS = "quotidien.news.tasks.make_photo_renditions"


@pytest.fixture(autouse=True)
def _nothing_asked_yet():
    """What this process asked the worker for is remembered in the default cache."""
    cache.clear()


def small_photo(name: str, size=(960, 540)) -> NewsImage:
    drawing = Image.new("RGB", size, (40, 70, 110))
    ImageDraw.Draw(drawing).rectangle((size[0] // 4, size[1] // 3, size[0] // 2, size[1]), "gold")
    buffer = BytesIO()
    drawing.save(buffer, "JPEG")
    image = NewsImage(title=f"Le port de {name}", caption=f"Le port de {name}.", credit="ALP")
    image.file = ImageFile(buffer, name=f"{name}.jpg")
    image.save()
    return image


class Elements(HTMLParser):
    """The elements of some HTML, in order, as (tag, attributes)."""

    def __init__(self, text: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def picture_of(image: NewsImage, size: str, **options) -> list[tuple[str, dict]]:
    """The elements of the photo tag's <picture>, for a photo read afresh."""
    arguments = "".join(f' {name}="{value}"' for name, value in options.items())
    rendered = Template(f'{{% load news_tags %}}{{% photo image "{size}"{arguments} %}}').render(
        Context({"image": NewsImage.objects.get(pk=image.pk)})
    )
    return Elements(rendered).found


def img_of(image: NewsImage, size: str, **options) -> dict:
    [img] = [attributes for tag, attributes in picture_of(image, size, **options) if tag == "img"]
    return img


def widths(srcset: str) -> list[int]:
    return [int(entry.rsplit(" ", 1)[1].rstrip("w")) for entry in srcset.split(", ")]


def extensions(srcset: str) -> set[str]:
    return {entry.split(" ")[0].rsplit(".", 1)[1] for entry in srcset.split(", ")}


def test_a_card_offers_avif_and_webp_at_each_width_then_a_jpeg_with_its_dimensions():
    image = small_photo("Tyr")
    renditions.make_missing(image, ["card"])

    (picture, _), *sources, (last, img) = picture_of(image, "card")

    assert (picture, last) == ("picture", "img")
    modern = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]
    assert [source["type"] for tag, source in sources if tag == "source"] == modern
    for _tag, source in sources:
        assert widths(source["srcset"]) == [240, 480, 800]
        assert extensions(source["srcset"]) == {source["type"].split("/")[1]}
        assert source["sizes"] == SIZES["card"].sizes
    assert img.get("src").endswith(".jpg") and "fill-480x270" in img.get("src")
    assert widths(img.get("srcset")) == [240, 480, 800]
    assert extensions(img.get("srcset")) == {"jpg"}
    assert (img.get("width"), img.get("height")) == ("480", "270")
    assert img.get("sizes") == SIZES["card"].sizes
    assert img.get("alt") == "Le port de Tyr"
    assert (img.get("loading"), img.get("decoding")) == ("lazy", "async")
    assert img.get("fetchpriority") is None


def test_the_first_picture_of_a_page_is_loaded_at_once_and_first():
    image = small_photo("Byblos")
    renditions.make_missing(image, ["lead"])

    img = img_of(image, "lead", loading="eager")

    assert (img.get("loading"), img.get("fetchpriority")) == ("eager", "high")


def test_a_photo_smaller_than_the_widest_size_is_offered_at_its_own_width_once():
    image = small_photo("Saïda")  # 960 px: the lead's 1200 px comes out at 960
    renditions.make_missing(image, ["lead"])

    img = img_of(image, "lead")

    assert widths(img.get("srcset")) == [480, 800, 960]
    assert (img.get("width"), img.get("height")) == ("960", "540")


def test_a_photo_in_the_text_keeps_its_shape_and_a_thumbnail_is_square():
    image = small_photo("Batroun", size=(600, 900))
    renditions.make_missing(image, ["body", "thumb"])

    body = img_of(image, "body")
    thumb = img_of(image, "thumb")

    assert widths(body.get("srcset")) == [480, 600]
    assert (body.get("width"), body.get("height")) == ("600", "900")
    assert (thumb.get("width"), thumb.get("height")) == ("160", "160")


def test_publishing_an_article_gives_its_photos_the_renditions_of_their_sizes(
    make_section, make_article
):
    lead, inside = small_photo("Jounieh"), small_photo("Anfeh", size=(640, 480))
    make_article(
        make_section("Liban"),
        lead_image=lead,
        body=[("photo", {"image": inside, "caption": ""})],
    )

    def made(image):
        return set(NewsRendition.objects.filter(image=image).values_list("filter_spec", flat=True))

    # Every width in every format, and no more than a page can ask for.
    assert made(lead) == set(specs_for("lead", "card", "thumb"))
    assert made(inside) == set(specs_for("body"))
    assert len(made(lead)) <= 16


def test_an_author_given_a_portrait_gets_its_renditions():
    portrait = small_photo("Nadia", size=(400, 400))

    Author.objects.create(name="Nadia Khoury", slug="nadia-khoury", photo=portrait)

    assert set(portrait.renditions.values_list("filter_spec", flat=True)) == set(
        specs_for("portrait")
    )


@pytest.fixture
def cached_pages(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()


def test_a_readers_view_makes_no_rendition_asks_once_and_the_worker_refreshes_the_page(
    database_queue,  # noqa: F811
    cached_pages,
    make_section,
    make_article,
):
    article = make_article(make_section("Liban"), "Le port rouvre", lead_image=small_photo("Tyr"))
    # Published, but the worker has not come yet: the photo has no rendition.
    assert NewsRendition.objects.count() == 0

    first = Client().get(article.url)
    again = Client().get(article.url, headers={"cookie": "sessionid=x"})

    assert first.status_code == again.status_code == 200
    assert "Le port rouvre" in first.text and "<picture" not in first.text
    assert NewsRendition.objects.count() == 0
    asked = DBTaskResult.objects.filter(task_path=ASKS, args_kwargs__args__1=["lead"])
    assert asked.count() == 1
    assert Client().get(article.url)["X-Page-Cache"] == "hit"

    run_worker()

    assert DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).count() == 0
    refreshed = Client().get(article.url)
    assert refreshed["X-Page-Cache"] == "miss"
    elements = Elements(refreshed.text).found
    [img] = [attributes for tag, attributes in elements if tag == "img" and "srcset" in attributes]
    assert widths(img.get("srcset")) == [480, 800, 960]


def test_a_photo_saved_with_a_new_focal_point_is_cropped_anew_by_the_worker(
    database_queue,  # noqa: F811
    make_section,
    make_article,
):
    image = small_photo("Tripoli")
    make_article(make_section("Liban"), lead_image=image)
    run_worker()
    before = set(image.renditions.values_list("focal_point_key", flat=True))

    image.focal_point_x, image.focal_point_y = 700, 300
    image.focal_point_width = image.focal_point_height = 100
    image.save()

    assert DBTaskResult.objects.filter(
        task_path=ASKS, status=TaskResultStatus.READY, args_kwargs__args=[image.pk]
    ).exists()
    run_worker()
    cropped = image.renditions.exclude(focal_point_key__in=before)
    assert set(cropped.values_list("filter_spec", flat=True)) == {
        spec for spec in specs_for("lead", "card", "thumb") if spec.startswith("fill-")
    }
