import pytest
from django.utils import timezone

from quotidien.comments.models import Comment


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(make_section("Liban"), "Les pluies reviennent sur la Békaa")


@pytest.fixture
def reader(client, make_reader):
    user = make_reader("Rima K.")
    client.force_login(user)
    return user


@pytest.fixture
def publish_comment():
    """A published comment stored directly, as if it had been approved."""

    def publish(article, author, body="Merci pour cet article.", *, when=None, parent=None):
        when = when or timezone.now()
        return Comment.objects.create(
            article=article,
            author=author,
            body=body,
            parent=parent,
            status=Comment.Status.PUBLISHED,
            created_at=when,
            published_at=when,
        )

    return publish
