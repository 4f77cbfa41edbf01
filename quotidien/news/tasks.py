"""Photo work done by `quotidien worker`: the renditions of a photo, or of an article's
photos, and the signals that ask for them (connected by the news app).

A photo asks when it is saved (a new file or focal point needs new renditions), an author
when their portrait changes, an article when it is published. Once the worker has made
anything, the cached pages are outdated: every listing may show the photo on a card.

Tasks take primary keys, so that they read the rows as they are when they run. They are
enqueued at once, as search's are: the database queue keeps them in the transaction of the
change, so the worker sees neither before it commits, and neither without the other.
"""

from django.core.cache import cache
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.signals import page_published

from quotidien.pagecache import versions

from . import renditions
from .images import NewsImage
from .models import ArticlePage, Author

# How long a photo's missing renditions, once asked for, are not asked for again by this
# process (by any, with Redis): the worker usually makes them within seconds, and asking
# twice costs only a look at what exists.
ASKED_SECONDS = 300


def _made(count: int) -> int:
    if count:
        versions.outdate_site()
    return count


@task()
def make_photo_renditions(image_id: int, sizes: list[str] | None = None) -> int:
    """Make the missing renditions of a photo at `sizes` (by default, the sizes it is used
    at); returns how many were made."""
    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return _made(renditions.make_missing(image, sizes))


@task()
def make_article_renditions(article_id: int) -> int:
    """Make the missing renditions of the photos a live article shows; returns how many."""
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return 0
    photos = renditions.article_photos(article)
    images = NewsImage.objects.filter(pk__in=photos)
    return _made(sum(renditions.make_missing(image, photos[image.pk]) for image in images))


def ask_for_missing(image: NewsImage, size: str) -> bool:
    """Enqueue the making of `image`'s renditions at `size`, unless this was asked for in
    the last ASKED_SECONDS; returns whether it was enqueued."""
    # The file's name too: a new file is new work, even under the same primary key.
    asked = f"quotidien:renditions-asked:{image.pk}:{size}:{image.file.name}"
    if not cache.add(asked, True, ASKED_SECONDS):
        return False
    make_photo_renditions.enqueue(image.pk, [size])
    return True


def photo_saved(sender, instance: NewsImage, raw: bool = False, **kwargs) -> None:
    if not raw:
        make_photo_renditions.enqueue(instance.pk)


def author_saved(sender, instance: Author, raw: bool = False, **kwargs) -> None:
    if not raw and instance.photo_id:
        make_photo_renditions.enqueue(instance.photo_id, list(renditions.PORTRAIT))


def article_published(sender, instance: ArticlePage, **kwargs) -> None:
    make_article_renditions.enqueue(instance.pk)


def connect() -> None:
    post_save.connect(photo_saved, sender=NewsImage, dispatch_uid="news-renditions-photo")
    post_save.connect(author_saved, sender=Author, dispatch_uid="news-renditions-author")
    page_published.connect(
        article_published, sender=ArticlePage, dispatch_uid="news-renditions-article"
    )
