"""A live page under a section, with entries of every kind, for the live coverage tests."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from quotidien.live.models import LiveEntry, LivePage
from quotidien.news.models import Author
from quotidien.news.newsroom import EDITORS, JOURNALISTS
from tests.syndication.paper import SITE_URL, make_photo


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE_URL
    settings.WAGTAIL_SITE_NAME = "Quotidien"


@pytest.fixture
def staff(home):
    """A journalist and an editor of the newsroom, by their group."""

    def make(username: str, group: str):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@quotidien.example",
            password="redaction-Secrete-1",
            display_name=username.capitalize(),
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "nadia": make("nadia", JOURNALISTS),
        "karim": make("karim", JOURNALISTS),
        "rita": make("rita", EDITORS),
    }


def post_entry(page: LivePage, *, age=timedelta(0), author=None, **fields) -> LiveEntry:
    fields.setdefault("body", [("paragraph", "<p>Les pompiers progressent.</p>")])
    entry = LiveEntry(page=page, posted_at=timezone.now() - age, author=author, **fields)
    entry.full_clean()
    entry.save()
    return entry


@pytest.fixture
def live(home, make_section, make_article, staff):
    """An open live page on a fire in Liban, an article it links to, and five entries."""
    section = make_section("Liban")
    article = make_article(section, "Les pompiers volontaires du Chouf manquent de tout")
    photo = make_photo("colline", "La colline au-dessus de Baakline.", "Quotidien / Rami Azar")
    page = LivePage(
        title="Incendie dans les collines de Baakline",
        slug="incendie-baakline",
        standfirst="Un feu de broussailles menace les premières maisons du village.",
        summary="<ul><li>Trois hameaux évacués.</li></ul>",
        lead_image=photo,
    )
    section.add_child(instance=page)
    page.authors.set([Author.objects.create(name="Léa Sfeir", slug="lea-sfeir")])
    page.save_revision().publish()
    page.refresh_from_db()
    nadia = staff["nadia"]
    entries = [
        post_entry(page, age=timedelta(hours=3), author=nadia, title="Le feu a pris vers midi"),
        post_entry(
            page,
            age=timedelta(hours=2),
            author=nadia,
            pinned=True,
            title="Évacuation de trois hameaux",
            body=[("paragraph", "<p>La Défense civile évacue les hameaux.</p>")],
        ),
        post_entry(
            page,
            age=timedelta(hours=1),
            author=nadia,
            body=[
                (
                    "quote",
                    {"text": "Le vent tourne, il faut partir.", "attribution": "un pompier"},
                )
            ],
        ),
        post_entry(
            page,
            age=timedelta(minutes=30),
            author=staff["karim"],
            body=[("photo", {"image": photo, "caption": "Les flammes au crépuscule."})],
        ),
        post_entry(
            page,
            age=timedelta(minutes=10),
            author=nadia,
            body=[("read_also", {"article": article})],
        ),
    ]
    return {"page": page, "article": article, "photo": photo, "entries": entries}
