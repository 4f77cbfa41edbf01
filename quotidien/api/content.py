"""The paper's articles and sections as the API shows them, in a bounded number of queries.

Lists go through `quotidien.news.queries.article_cards()` (one query per kind of thing, never
per article); tags of a whole page of articles come in one more query.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.rich_text import expand_db_html

from quotidien.links import public_url
from quotidien.news import queries, renditions
from quotidien.news.images import CARD_SPEC, LEAD_SPEC
from quotidien.news.models import ArticlePage, ArticleTag, SectionPage
from quotidien.subscriptions.access import Access
from quotidien.subscriptions.teaser import teaser_html

from .access import access_fields
from .errors import ApiError, invalid_parameter

ABSOLUTE_ATTRIBUTES = re.compile(r'(\s(?:src|href|srcset)=")(/[^/"][^"]*|/)"')
DATE_MESSAGE = "Date attendue : AAAA-MM-JJ ou date-heure ISO 8601 (2024-05-02T08:30:00+03:00)."
MIN_NAIVE, MAX_NAIVE = datetime(1, 1, 2), datetime(9999, 12, 30)
MAX_ID = 2**63 - 1


def absolute(url: str | None) -> str | None:
    """`url` on the paper's public address (SITE_URL), whatever host the request named: one
    answer for every host, which a cache can keep for all (see `caching`)."""
    return public_url(url) if url else None


def image_data(image, spec: str) -> dict | None:
    """A photo at one of the paper's sizes, with caption and credit."""
    if image is None:
        return None
    # The worker makes renditions when a photo is saved or its article published; an
    # answer never makes one (see quotidien.news.renditions). Until it exists, the
    # uploaded photo stands in.
    rendition = renditions.existing(image, [spec]).get(spec)
    if rendition is not None:
        url, width, height = rendition.url, rendition.width, rendition.height
    else:
        url, width, height = image.file.url, image.width, image.height
    return {
        "id": image.pk,
        "url": absolute(url),
        "width": width,
        "height": height,
        "alt": image.default_alt_text or "",
        "caption": image.caption,
        "credit": image.credit,
    }


def section_ref(section: SectionPage | None, request: HttpRequest) -> dict | None:
    if section is None:
        return None
    return {
        "id": section.pk,
        "title": section.title,
        "slug": section.slug,
        "url": absolute(section.get_url(request)),
    }


def tags_by_article(ids: Sequence[int]) -> dict[int, list[Tag]]:
    """The tags of many articles in one query."""
    tags = defaultdict(list)
    for tagged in (
        ArticleTag.objects.filter(content_object_id__in=list(ids))
        .select_related("tag")
        .order_by("tag__name")
    ):
        tags[tagged.content_object_id].append(tagged.tag)
    return tags


def tag_data(tag: Tag) -> dict:
    return {
        "name": tag.name,
        "slug": tag.slug,
        "url": absolute(reverse("tag", args=[tag.slug])),
    }


def summary_data(article: ArticlePage, tags: list[Tag], request: HttpRequest, spec: str) -> dict:
    agency = article.agency
    return {
        "id": article.pk,
        "title": article.title,
        "kicker": getattr(article, "kicker_text", article.kicker),
        "standfirst": article.standfirst,
        "url": absolute(article.get_url(request)),
        "section": section_ref(getattr(article, "section", None), request),
        "authors": [{"name": author.name, "slug": author.slug} for author in article.authors.all()],
        "agency": {"name": agency.name, "short_name": agency.short_name, "slug": agency.slug}
        if agency
        else None,
        "tags": [tag_data(tag) for tag in tags],
        "lead_image": image_data(article.lead_image, spec),
        "first_published_at": article.first_published_at,
        "last_published_at": article.last_published_at,
        "updated": article.was_updated,
        # Sections give `for_subscribers` without a query (attach_sections set the trail).
        **access_fields(article),
    }


def article_summaries(ids: Sequence[int], request: HttpRequest) -> list[dict]:
    """Summaries of live articles, in the order of `ids`."""
    return card_summaries(queries.article_cards(ids, request), request)


def card_summaries(cards: Sequence[ArticlePage], request: HttpRequest) -> list[dict]:
    """Summaries of article cards (`news.queries.article_cards`), with their tags."""
    tags = tags_by_article([card.pk for card in cards])
    return [summary_data(card, tags.get(card.pk, []), request, CARD_SPEC) for card in cards]


def page_link(request: HttpRequest, params: dict, **changes) -> str:
    """The absolute address of this endpoint with the query `params` (None left out), changed."""
    query = {name: value for name, value in params.items() if value is not None}
    return public_url(f"{request.path}?{urlencode({**query, **changes})}")


def offset_links(request: HttpRequest, params: dict, *, count: int, limit: int, offset: int):
    """`next` and `previous` of a list paged by `limit` and `offset` (None at either end)."""
    return {
        "next": page_link(request, params, limit=limit, offset=offset + limit)
        if offset + limit < count
        else None,
        "previous": page_link(request, params, limit=limit, offset=max(offset - limit, 0))
        if offset > 0 and count
        else None,
    }


def live_article(article_id: int, request: HttpRequest) -> ArticlePage:
    """A live, public article, or a 404 in the API's words."""
    if not 1 <= article_id <= MAX_ID:
        raise ApiError(404, f"Aucun article publié ne porte le numéro {article_id}.")
    article = (
        ArticlePage.objects.live()
        .public()
        .filter(pk=article_id)
        .select_related("lead_image", "agency")
        .first()
    )
    if article is None:
        raise ApiError(404, f"Aucun article publié ne porte le numéro {article_id}.")
    return article


def article_detail(article: ArticlePage, request: HttpRequest, access: Access) -> dict:
    """Everything about one article, its body block by block and rendered as HTML.

    A reader without `access.full` gets the teaser of a subscriber article as its only
    paragraph, never a block of the rest, and `locked` says so.
    """
    data = summary_data(article, list(article.tags.all()), request, LEAD_SPEC)
    data["locked"] = not access.full
    if access.full:
        data["body"] = [block_data(block, request) for block in article.body]
        html = "\n".join(str(block.render(context={"request": request})) for block in article.body)
    else:
        html = str(teaser_html(article))
        data["body"] = [{"type": "paragraph", "id": "teaser", "html": html}]
    data["body_html"] = absolute_links(html)
    return data


def absolute_links(html: str) -> str:
    """`html` with its site-relative links and images made absolute, for apps."""
    return ABSOLUTE_ATTRIBUTES.sub(
        lambda match: f'{match.group(1)}{absolute(match.group(2))}"', html
    )


def block_data(block, request: HttpRequest) -> dict:
    kind, value = block.block_type, block.value
    data = {"type": kind, "id": block.id or ""}
    if kind == "paragraph":
        data["html"] = expand_db_html(value.source)
    elif kind == "subheading":
        data["text"] = str(value)
    elif kind == "quote":
        data["text"], data["attribution"] = value["text"], value["attribution"] or ""
    elif kind == "photo":
        image = value["image"]
        data["image"] = image_data(image, "width-800")
        data["caption"] = value["caption"] or (image.caption if image else "")
    elif kind == "read_also":
        linked = value["article"]  # already an ArticlePage: the chooser names the page type
        data["article"] = (
            {
                "id": linked.pk,
                "title": linked.title,
                "url": absolute(linked.get_url(request)),
            }
            if linked is not None and queries.is_public(linked)
            else None
        )
    return data


def moment(text: str, *, end_of_day: bool, name: str) -> datetime:
    """A filter bound as an aware datetime; a bare date covers its whole day (newsroom time)."""
    try:
        if len(text) == 10:
            value = date.fromisoformat(text)
            day = value + timedelta(days=1) if end_of_day and value < date.max else value
            value = datetime.combine(day, time.min)
        else:
            value = datetime.fromisoformat(text.upper())
    except ValueError:
        raise invalid_parameter(name, DATE_MESSAGE) from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value) if MIN_NAIVE <= value <= MAX_NAIVE else value
    if timezone.is_naive(value):  # too close to year 1 or 9999 for the newsroom's time zone
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return (
            datetime.min.replace(tzinfo=UTC)
            if value.year == 1
            else datetime.max.replace(tzinfo=UTC)
        )


def is_number(value: str) -> bool:
    """Whether a parameter is a number in ASCII digits (others, "²" or "٣", are slugs)."""
    return value.isascii() and value.isdecimal()


def live_sections(section: str) -> list[SectionPage]:
    """The live sections a filter names, by number or slug, in tree order; 404 if none."""
    if is_number(section) and int(section) > MAX_ID:
        raise ApiError(404, f"Aucune rubrique en ligne « {section} ».")
    lookup = {"pk": int(section)} if is_number(section) else {"slug": section}
    sections = list(
        SectionPage.objects.live().filter(**lookup).only("path", "depth").order_by("path")
    )
    if not sections:
        raise ApiError(404, f"Aucune rubrique en ligne « {section} ».")
    return sections


def filtered_article_ids(
    *,
    section: str | None = None,
    tag: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> QuerySet:
    """Ids of live public articles matching the filters, newest first (lazy, to be sliced)."""
    articles = ArticlePage.objects.live().public()
    if section:
        under = Q()
        for found in live_sections(section):
            under |= queries.in_section(found.path)
        articles = articles.filter(under)
    if tag:
        subject = Tag.objects.filter(slug=tag).first()
        if subject is None:
            raise ApiError(404, f"Aucun mot-clé « {tag} ».")
        articles = articles.filter(tagged_items__tag=subject)
    if since is not None:
        bound = moment(since, end_of_day=False, name="since")
        articles = articles.filter(first_published_at__gte=bound)
    if until is not None:
        bound = moment(until, end_of_day=True, name="until")
        if len(until) > 10:
            articles = articles.filter(first_published_at__lte=bound)
        else:
            articles = articles.filter(first_published_at__lt=bound)
    return articles.order_by("-first_published_at", "-pk").values_list("pk", flat=True)


def section_list(request: HttpRequest) -> list[dict]:
    """Every live section, in tree order, with its parent."""
    sections = list(
        SectionPage.objects.live()
        .public()
        .only("title", "slug", "path", "depth", "url_path", "live", "intro")
        .order_by("path")
    )
    by_path = {section.path: section for section in sections}
    top = min((section.depth for section in sections), default=0)
    items = []
    for section in sections:
        parent = by_path.get(section.path[: -section.steplen])
        items.append(
            {
                "id": section.pk,
                "title": section.title,
                "slug": section.slug,
                "url": absolute(section.get_url(request)),
                "parent_id": parent.pk if parent else None,
                "level": section.depth - top + 1,
                "intro": section.intro,
            }
        )
    return items
