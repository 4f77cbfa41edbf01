"""The reader's pages that the quality checks visit, chosen in the demo newsroom.

Run with the site's settings, `python -m tests.quality.pages` prints them as JSON, by name:
the production server under test runs in other processes, on its own database.
"""

import json
from urllib.parse import urlencode

import django
from django.db.models import Count, Q


def chosen_pages() -> dict[str, str]:
    """The home page, a section, an article with its lead photo and the most comments
    (open to every reader: a subscriber article shows only its teaser), its comments page,
    and a search for its section's name."""
    # Imported once Django is set up: this module runs as a script.
    from quotidien.comments.models import Comment
    from quotidien.news.models import ArticlePage

    published = Q(comments__status=Comment.Status.PUBLISHED)
    candidates = (
        ArticlePage.objects.live()
        .filter(lead_image__isnull=False)
        .annotate(comment_count=Count("comments", filter=published))
        .filter(comment_count__gt=0)
        .order_by("-comment_count", "-first_published_at", "pk")
    )
    article = next((page for page in candidates if not page.for_subscribers), None)
    if article is None:
        raise SystemExit(
            "The demo has no article open to every reader with a lead photo and comments: "
            "check quotidien/demo/content."
        )
    section = article.get_parent().specific
    return {
        "accueil": "/",
        "rubrique": section.url,
        "article": article.url,
        "commentaires": f"{article.url}commentaires/",
        "recherche": "/recherche/?" + urlencode({"q": section.title}),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(chosen_pages()))
