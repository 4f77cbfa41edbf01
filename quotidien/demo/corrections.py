"""The demo's corrections and right-of-reply requests, from content/corrections.toml.

Like the rest of the demo, loading again creates nothing new: a correction already on its
article (same text) or a request already filed (same address, same article) is skipped.
A demo request is recorded without its e-mails: its addresses are made up.
"""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from wagtail.log_actions import log

from quotidien.corrections import services
from quotidien.corrections.models import Correction, ReplyRequest, repeat_key
from quotidien.news.models import ArticlePage

CONTENT_FILE = Path(__file__).parent / "content" / "corrections.toml"


def load_demo_corrections(*, path: Path = CONTENT_FILE, editor) -> list[str]:
    """Add the corrections and requests missing; returns what was created, for the report."""
    content = tomllib.loads(path.read_text(encoding="utf-8"))
    now = timezone.now()
    created = []
    for item in content.get("corrections", []):
        article = ArticlePage.objects.live().get(slug=item["article"])
        text = item["text"].strip()
        if Correction.objects.filter(article=article, text=text).exists():
            continue
        services.add_correction(
            article=article,
            kind=item.get("kind", Correction.Kind.CORRECTION),
            text=text,
            published_at=now - timedelta(hours=item.get("age_hours", 0)),
            by=editor,
        )
        created.append(f"{item.get('kind', 'rectificatif')}:{article.slug}")
    for item in content.get("reply_requests", []):
        article = ArticlePage.objects.live().get(slug=item["article"])
        if ReplyRequest.objects.filter(article=article, email=item["email"]).exists():
            continue
        received_at = now - timedelta(hours=item.get("age_hours", 0))
        request = ReplyRequest.objects.create(
            article=article,
            article_title=article.title,
            name=item["name"],
            email=item["email"],
            text=item["text"].strip(),
            received_at=received_at,
            repeat_key=repeat_key(
                article_id=article.pk, email=item["email"], text=item["text"].strip()
            ),
        )
        log(request, services.REQUEST_RECEIVED, data={"article": article.pk})
        created.append(f"droit-de-reponse:{article.slug}")
    return created
