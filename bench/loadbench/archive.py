"""The archive the load runs over: articles, comments, readers' sessions, a subscriber."""

import html
import re
import time
import tomllib
from pathlib import Path

from loadbench import POST_PREFIX

SUBSCRIBER_EMAIL = "abonne.banc@example.org"
# The measured article's text, photo caption and credit (see the file for its markup).
FULL_ARTICLE = Path(__file__).with_name("article.toml")
INLINE_LINK = re.compile(r"\[\[(.+?)\]\]")


def create_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.split("?", 1)[0].rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare_archive(articles: int, comments: int) -> None:
    """Migrate, generate the missing articles and comments, index what search lacks."""
    from django.core.management import call_command
    from django.db import connection

    from quotidien.comments.models import Comment
    from quotidien.demo.corpus import generate_comments, generate_corpus
    from quotidien.news.models import ArticlePage
    from quotidien.search.indexing import index_unindexed

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    Comment.objects.filter(body__startswith=POST_PREFIX).delete()
    changed = False
    missing = articles - ArticlePage.objects.live().count()
    if missing > 0:
        started = time.monotonic()
        generate_corpus(articles=missing, seed=articles)
        print(f"  corpus : {missing} articles générés en {time.monotonic() - started:.0f} s")
        changed = True
    missing = comments - Comment.objects.count()
    if missing > 0:
        started = time.monotonic()
        generate_comments(comments=missing, seed=comments)
        print(f"  corpus : {missing} commentaires générés en {time.monotonic() - started:.0f} s")
        changed = True
    started = time.monotonic()
    if indexed := index_unindexed(batch_size=2000):
        print(f"  index : {indexed} articles indexés en {time.monotonic() - started:.0f} s")
        changed = True
    if changed:
        # Statistics for the query planners, as a production database keeps them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def unread_articles(article, count: int) -> list[str]:
    """The addresses of `count` live articles other than `article`, newest first."""
    from quotidien.news.models import ArticlePage

    articles = ArticlePage.objects.live().exclude(pk=article.pk).order_by("-pk")[:count]
    return [page.url for page in articles.defer_streamfields()]


def pick_article(*, besides=None):
    """The open article with the most published comments (the newest if none has any);
    with `besides`, the busiest other than that one."""
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Count
    from django.utils import timezone

    from quotidien.comments.models import Comment
    from quotidien.news.models import ArticlePage

    since = timezone.now() - timedelta(days=settings.QUOTIDIEN_COMMENTS_OPEN_DAYS - 1)
    open_articles = ArticlePage.objects.live().filter(
        first_published_at__gte=since, comments_closed=False
    )
    if besides is not None:
        open_articles = open_articles.exclude(pk=besides.pk)
    busiest = (
        Comment.objects.published()
        .filter(article__in=open_articles)
        .values("article")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    if busiest:
        return ArticlePage.objects.get(pk=busiest["article"])
    article = open_articles.order_by("-first_published_at").first()
    if article is None:
        raise SystemExit(
            "Aucun article n’accepte de commentaires dans cette archive (tous ont plus de "
            f"{settings.QUOTIDIEN_COMMENTS_OPEN_DAYS} jours) : supprimez-la pour la régénérer."
        )
    return article


def prepare_full_article(article):
    """Give `article` the anatomy of a daily's article, from FULL_ARTICLE: a lead photo
    with caption and credit, some 800 words with subheads, inline links to other articles,
    a quote and a "(Lire aussi : …)", and three "Lire aussi" picks; publish it and make its
    photo's renditions, as the worker does on publishing. Its comments stay. Run again, it
    only makes what renditions are missing. Returns the article as published."""
    from io import BytesIO

    from django.core.files.images import ImageFile

    from quotidien.demo.photos import photo_jpeg
    from quotidien.news import renditions
    from quotidien.news.images import NewsImage
    from quotidien.news.models import ArticlePage, ArticleRelatedLink

    content = tomllib.loads(FULL_ARTICLE.read_text(encoding="utf-8"))
    article = ArticlePage.objects.get(pk=article.pk)
    if article.title != content["title"]:
        others = ArticlePage.objects.live().exclude(pk=article.pk).order_by("-first_published_at")
        links = iter(others.values_list("pk", flat=True)[:7])
        photo = NewsImage(
            title=content["caption"], caption=content["caption"], credit=content["credit"]
        )
        photo.file = ImageFile(BytesIO(photo_jpeg("banc-de-charge")), name="banc-de-charge.jpg")
        photo.save()
        article.title = content["title"]
        article.standfirst = content["standfirst"]
        article.lead_image = photo
        article.body = _full_body(content["body"], links)
        article.related_links.set(
            [ArticleRelatedLink(article_id=pk, sort_order=order) for order, pk in enumerate(links)]
        )
        article.save_revision().publish()
    for image, sizes in renditions.article_photos(article).items():
        renditions.make_missing(NewsImage.objects.get(pk=image), sizes)
    return article


def _full_body(text: str, links) -> list[tuple[str, object]]:
    """Stream blocks from FULL_ARTICLE's markup; links go to the articles `links` yields."""
    from quotidien.news.models import ArticlePage

    blocks = []
    for chunk in (part.strip() for part in text.strip().split("\n\n")):
        if chunk.startswith("## "):
            blocks.append(("subheading", chunk[3:]))
        elif chunk.startswith("> "):
            quote, _, speaker = chunk[2:].partition(" — ")
            blocks.append(("quote", {"text": quote, "attribution": speaker}))
        elif chunk == "[lire-aussi]":
            blocks.append(("read_also", {"article": ArticlePage.objects.get(pk=next(links))}))
        else:
            paragraph = INLINE_LINK.sub(
                lambda match: f'<a linktype="page" id="{next(links)}">{match[1]}</a>',
                html.escape(" ".join(chunk.split()), quote=False),
            )
            blocks.append(("paragraph", f"<p>{paragraph}</p>"))
    return blocks


def prepare_posters(count: int) -> list[tuple[str, str]]:
    """(Cookie header, form token) for `count` readers of the archive, logged in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    from quotidien.demo.corpus import READER_EMAIL

    emails = [READER_EMAIL.format(number=number) for number in range(1, count + 1)]
    readers = list(get_user_model().objects.filter(username__in=emails).order_by("pk"))
    if not readers:
        raise SystemExit("L’archive n’a pas de lecteurs : générez-la avec des commentaires.")
    posters = []
    for reader in readers:
        request = HttpRequest()
        token = get_token(request)
        cookie = (
            f"{session_cookie(reader)}; {settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
        )
        posters.append((cookie, token))
    return posters


def _stored_session_cookie(values: dict) -> str:
    """A Cookie header's `sessionid=…` for a new stored session holding `values`."""
    from importlib import import_module

    from django.conf import settings

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update(values)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def anonymous_session_cookie() -> str:
    """A Cookie header's `sessionid=…` for a stored session without login: the page cache
    stays out of its requests, which Django renders as an anonymous reader's."""
    return _stored_session_cookie({"banc": "contourne-le-cache"})


def session_cookie(user) -> str:
    """A Cookie header's `sessionid=…` for `user`, logged in as the login form does it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    return _stored_session_cookie(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "quotidien.accounts.backends.EmailOrUsernameBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )


def prepare_subscriber_article(article) -> str:
    """Set `article` to subscribers, and give a reader a running subscription: the Cookie
    header of a new session of theirs. Run again, it reuses the reader and the plan, and
    the subscription while it runs."""
    from datetime import timedelta
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from quotidien.news.models import Access, ArticlePage
    from quotidien.subscriptions.models import Plan, Price, Subscription

    # Set in the database directly: the server starts afterwards, with nothing kept.
    ArticlePage.objects.filter(pk=article.pk).update(access=Access.SUBSCRIBERS)
    plan, created = Plan.objects.get_or_create(slug="banc-mensuel", defaults={"name": "Mensuel"})
    if created:
        Price.objects.create(plan=plan, currency="USD", amount=Decimal("12"))
    user, _created = get_user_model().objects.get_or_create(
        username=SUBSCRIBER_EMAIL, defaults={"email": SUBSCRIBER_EMAIL, "display_name": "Abonné"}
    )
    if not Subscription.objects.giving_access().filter(user=user).exists():
        Subscription.objects.create(
            user=user,
            plan=plan,
            status=Subscription.Status.ACTIVE,
            source=Subscription.Source.MANUAL,
            currency="USD",
            amount=Decimal("12"),
            current_period_end=timezone.now() + timedelta(days=365),
        )
    return session_cookie(user)


def posted_comments(run_tag: str):
    """The comments the posting load of run `run_tag` stored."""
    from quotidien.comments.models import Comment

    return Comment.objects.filter(body__startswith=f"{POST_PREFIX} {run_tag}-")


def settle(run_tag: str) -> None:
    """Wait until the posts wrk stopped waiting for at the end of its run are all stored."""
    from django.db import connections

    posted = posted_comments(run_tag)
    stored, deadline = -1, time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(2)
        if (now := posted.count()) == stored:
            break
        stored = now
    connections.close_all()
