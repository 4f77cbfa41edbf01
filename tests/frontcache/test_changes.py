"""Every change that outdates pages has the proxy in front forget the same addresses."""

import pytest

from quotidien.comments.models import Comment
from quotidien.corrections.services import add_correction
from quotidien.frontcache.models import PendingPurge
from quotidien.live.models import LivePage
from quotidien.moderation.services import approve, reject
from tests.live.conftest import post_entry

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
LISTINGS = {"/rss/", "/atom/", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-directs.xml"}


@pytest.fixture
def paper(home, make_section, make_article, make_reader, moderator, publish_comment):
    lebanon = make_section("Liban")
    article = make_article(lebanon, "Le barrage de Qaraoun se remplit", slug="barrage")
    live = LivePage(title="Crue en direct", slug="crue", standfirst="Le Litani monte.")
    lebanon.add_child(instance=live)
    live.save_revision().publish()
    reader = make_reader("Nour H.")
    return {
        "lebanon": lebanon,
        "world": make_section("Monde"),
        "article": article,
        "live": live,
        "make_article": make_article,
        "moderator": moderator,
        "published": publish_comment(article, reader),
        "waiting": Comment.objects.create(article=article, author=reader, body="En attente."),
    }


def publish(paper):
    paper["make_article"](paper["lebanon"], "Nouvelle crue du Litani")


def unpublish(paper):
    paper["article"].unpublish()


def edit(paper):
    article = paper["article"]
    article.title = "Le barrage de Qaraoun déborde"
    article.save_revision().publish()


def move(paper):
    paper["article"].move(paper["world"], pos="last-child")


def publish_comment(paper):
    approve(comments=[paper["waiting"]], moderator=paper["moderator"])


def remove_comment(paper):
    reject(comments=[paper["published"]], moderator=paper["moderator"], reason="Hors sujet.")


def correct(paper):
    add_correction(article=paper["article"], text="Le barrage date de 1959.", by=None)


def post_live_entry(paper):
    post_entry(paper["live"], title="La route de Saïda est coupée")


@pytest.mark.parametrize(
    ("change", "paths"),
    [
        (publish, {"/"}),
        (unpublish, {"/"}),
        (edit, {"/"}),
        (move, {"/"}),
        (publish_comment, {"/liban/barrage/"}),
        (remove_comment, {"/liban/barrage/"}),
        (correct, {"/liban/barrage/", "/corrections/", *LISTINGS}),
        (post_live_entry, {"/liban/crue/", *LISTINGS}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_each_change_has_the_proxy_forget_the_pages_it_outdated(
    paper, purges, django_capture_on_commit_callbacks, change, paths
):
    with django_capture_on_commit_callbacks(execute=True):
        change(paper)

    assert purges.purged() == {SITE + path for path in paths}
    assert not PendingPurge.objects.exists()
