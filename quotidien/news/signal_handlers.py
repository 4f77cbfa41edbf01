"""A byline, an agency or a photo changed outdates every cached page: any page may show
them (cards, the front page, the authors' pages)."""

from django.db.models.signals import post_delete, post_save

from quotidien.pagecache import versions

from .images import NewsImage
from .models import Agency, Author


def connect() -> None:
    for model in (Author, Agency, NewsImage):
        for signal in (post_save, post_delete):
            signal.connect(versions.outdate_site, sender=model, weak=False)
