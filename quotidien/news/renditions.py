"""The renditions of the paper's photos: what each photo needs, which exist, and the
making of the missing ones, which is the background worker's job.

A reader's request never makes a picture: resizing and encoding a photo in every format
takes about half a second, and the first readers of an article would wait for it. The
`photo` tag shows the renditions that exist (listings prefetch them) and asks the worker,
once, for those missing; the worker makes them and outdates the pages, which then show the
whole picture. Photos get theirs as soon as they are saved or an article using them is
published, so that readers seldom see a page without them.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images.models import Filter
from wagtail.models import ReferenceIndex

from .images import NewsImage, specs_for
from .models import ArticlePage, Author

# The sizes a photo is shown at, by what it is to the paper. An article's photo shows on
# its page, on cards, and small beside its headline on phones.
LEAD_PHOTO = ("lead", "card", "thumb")
BODY_PHOTO = ("body",)
PORTRAIT = ("portrait",)
# Where Wagtail's prefetch_renditions() puts a photo's renditions, and `existing()` too.
PREFETCHED = "prefetched_renditions"
# What listings prefetch for their cards' photos and their authors' portraits, in one query
# for all of them.
CARD_SPECS = specs_for(*LEAD_PHOTO)
PORTRAIT_SPECS = specs_for(*PORTRAIT)


def sizes_needed(image: NewsImage) -> list[str]:
    """The sizes `image` is shown at, from what uses it: an article's lead photo, a photo
    in an article's text (as Wagtail's reference index knows it), an author's portrait."""
    sizes = []
    if ArticlePage.objects.filter(lead_image=image).exists():
        sizes += LEAD_PHOTO
    if ReferenceIndex.get_references_to(image).filter(model_path__startswith="body.").exists():
        sizes += BODY_PHOTO
    if Author.objects.filter(photo=image).exists():
        sizes += PORTRAIT
    return sizes


def article_photos(article: ArticlePage) -> dict[int, list[str]]:
    """The photos `article` shows, by primary key, with the sizes it shows them at."""
    photos: dict[int, list[str]] = {}
    if article.lead_image_id:
        photos[article.lead_image_id] = list(LEAD_PHOTO)
    for block in article.body.raw_data:
        if block["type"] == "photo" and (image_id := block["value"].get("image")):
            photos.setdefault(image_id, []).extend(BODY_PHOTO)
    return photos


def existing(image: NewsImage, specs: Iterable[str]) -> dict[str, object]:
    """The renditions of `image` that exist among `specs`, by spec; never makes one.

    Prefetched renditions are used when the query gave them (a listing's cards, a body's
    photos); otherwise all of the photo's are read in one query and kept on it, so that
    the page's picture and its Open Graph image cost one query together.
    """
    # Wagtail reads prefetched renditions from either place a prefetch may have put them.
    if not hasattr(image, PREFETCHED) and "renditions" not in getattr(
        image, "_prefetched_objects_cache", {}
    ):
        prefetch_related_objects([image], Prefetch("renditions", to_attr=PREFETCHED))
    found = image.find_existing_renditions(*(Filter(spec) for spec in specs))
    return {filter.spec: rendition for filter, rendition in found.items()}


def missing(image: NewsImage, sizes: Iterable[str]) -> list[str]:
    specs = specs_for(*sizes)
    found = existing(image, specs)
    return [spec for spec in specs if spec not in found]


def make_missing(image: NewsImage, sizes: Iterable[str] | None = None) -> int:
    """Make the renditions of `image` at `sizes` (by default the sizes it is used at) that
    do not exist yet; returns how many were made."""
    specs = missing(image, sizes_needed(image) if sizes is None else sizes)
    if specs:
        added(image, image.create_renditions(*(Filter(spec) for spec in specs)).values())
    return len(specs)


def added(image: NewsImage, renditions: Iterable) -> None:
    """Count `renditions`, just made, among those read for `image` by `existing()`."""
    if hasattr(image, PREFETCHED):
        getattr(image, PREFETCHED).extend(renditions)


def make_every_missing() -> int:
    """Make what the photos of live articles and the authors' portraits lack; returns how
    many renditions were made. For the demo and archives written in bulk, whose photos
    never went through the worker: it reads every live article's body."""
    wanted: dict[int, set[str]] = defaultdict(set)
    articles = ArticlePage.objects.live().only("lead_image", "body").order_by("pk")
    for article in articles.iterator(chunk_size=500):
        for image_id, sizes in article_photos(article).items():
            wanted[image_id].update(sizes)
    for image_id in Author.objects.filter(photo__isnull=False).values_list("photo", flat=True):
        wanted[image_id].update(PORTRAIT)
    images = (
        NewsImage.objects.filter(pk__in=wanted)
        .order_by("pk")
        .prefetch_related(Prefetch("renditions", to_attr=PREFETCHED))
    )
    return sum(
        make_missing(image, sorted(wanted[image.pk])) for image in images.iterator(chunk_size=500)
    )
