"""An archive whose articles name people, places and organisations, their entities found
by spaCy's French model once for the module (the model loads in a couple of seconds)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from quotidien.entities.permissions import EDITOR_PERMISSIONS
from quotidien.grants import EDITORS, grant
from quotidien.news.models import Access, ArticlePage, SectionPage
from quotidien.news.newsroom import ensure_newsroom
from tests.entities.switch import extracting

# Original texts of the archive: (slug, headline, standfirst, paragraphs, hours ago).
SYRIA = [
    (
        "delegation-a-damas",
        "Une délégation jordanienne reçue à Damas",
        "Le président syrien a promis de rouvrir la route commerciale du sud.",
        [
            "Bachar el-Assad a reçu mardi à Damas une délégation venue d’Amman pour parler "
            "du passage de Nassib, fermé depuis des mois.",
            "Selon l’Observatoire syrien des droits de l’homme, les tirs ont repris la même "
            "nuit près d’Alep. Assad n’a rien dit de ces combats devant ses invités.",
        ],
        30,
    ),
    (
        "conseil-des-ministres",
        "Un conseil des ministres consacré aux prix du pain",
        "Le gouvernement annonce une aide aux boulangeries.",
        [
            "Bashar al-Assad a présidé dimanche un conseil des ministres consacré au prix du "
            "pain. L’OSDH fait état de nouveaux combats dans la province d’Idleb.",
        ],
        20,
    ),
    (
        "reconstruction-alep",
        "La reconstruction d’Alep promise à la télévision",
        "Les habitants des quartiers est restent sceptiques.",
        [
            "Dans un discours télévisé, Bachar Assad a promis la reconstruction d’Alep avant "
            "la fin de l’année prochaine.",
        ],
        10,
    ),
]
LEBANON = [
    (
        "rassemblement-beyrouth",
        "Un rassemblement sous haute surveillance à Beyrouth",
        "Le Hezbollah a réuni ses partisans dans la banlieue sud.",
        [
            "Le Hezbollah a tenu samedi un rassemblement à Beyrouth. Nabih Berry a appelé "
            "au calme dans une déclaration lue à la radio.",
        ],
        5,
    ),
]
# A subscriber article: readers without access see its first paragraph only, and the
# search index holds the rest scrambled; its entities come from the whole text.
LOCKED = (
    "enquete-port",
    "Enquête sur les conteneurs du port",
    "Des documents éclairent la chaîne des responsabilités.",
    [
        "Notre enquête commence au hangar numéro douze.",
        "Les courriers consultés montrent que Walid Haddad, ancien directeur des douanes, "
        "avait signalé le danger trois fois à Tripoli.",
    ],
    2,
)


def publish(section: SectionPage, slug: str, title: str, standfirst: str, paragraphs, hours):
    article = ArticlePage(
        title=title,
        slug=slug,
        standfirst=standfirst,
        body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
        live=False,
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    when = timezone.now() - timedelta(hours=hours)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=when, last_published_at=when
    )
    article.refresh_from_db()
    return article


def add_section(home, title: str, slug: str, **fields) -> SectionPage:
    section = SectionPage(title=title, slug=slug, **fields)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """The archive, its entities found as the worker finds them when each article is
    published; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = ensure_newsroom(site_name="Quotidien")
        syria = add_section(home, "Syrie", "syrie")
        lebanon = add_section(home, "Liban", "liban")
        inquiries = add_section(home, "Enquêtes", "enquetes", access=Access.SUBSCRIBERS)
        # Publication enqueues the extraction once committed: here, as the module's
        # transaction never commits, when the block ends. A name in one article of this
        # small archive is shown (test_confidence.py checks the rule of two articles).
        with (
            override_settings(QUOTIDIEN_ENTITIES_MIN_ARTICLES=1),
            extracting(),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            articles = {
                item[0]: publish(section, *item)
                for section, items in ((syria, SYRIA), (lebanon, LEBANON), (inquiries, [LOCKED]))
                for item in items
            }
        with override_settings(QUOTIDIEN_ENTITIES_MIN_ARTICLES=1):
            yield SimpleNamespace(home=home, syria=syria, articles=articles)
        transaction.set_rollback(True)


@pytest.fixture
def editor(archive):
    """An editor of the newsroom, with the rights a newsroom set up before entities existed
    gets from the migration that brings them."""
    grant(apps, EDITORS, EDITOR_PERMISSIONS)
    user = get_user_model().objects.create_user(
        username="rima", email="rima@quotidien.example", password="redaction-Secrete-1"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user
