"""Wagtail's generic messages read as French written for this paper, whatever the model."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _
from lxml import html as lxml_html
from wagtail.models import PageLogEntry

from quotidien.news.models import ArticlePage
from quotidien.news.newsroom import JOURNALISTS
from tests.news.article_form import article_form

pytestmark = pytest.mark.django_db
GUESSED_GENDER = ("(e)", "Le(la)", "Nouvel(le)", "un(e)", "Ce(tte)", "le/la")


def test_a_live_entry_refused_for_its_errors_says_so_without_guessing_a_gender(client, editor):
    html = client.post(reverse("live_entries:add"), {"body-count": "0"}).content.decode()

    assert "Impossible de créer cet élément (entrée de direct) : corrigez les erreurs" in html
    assert "Ajout : Entrée de direct" in html
    assert not [mark for mark in GUESSED_GENDER if mark in html]


def test_article_form_side_panel_and_dashboard_read_well(
    client, editor, make_section, make_article
):
    article = make_article(make_section("Liban"), "Le festival de Baalbek")

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[article.get_parent().pk]))

    assert "Sans verrou" in edit
    assert "Tout le monde peut modifier cet élément" in edit
    assert "État actuel de la page" in listing.content.decode()
    assert not [mark for mark in GUESSED_GENDER if mark in edit]
    assert "crées" not in home


@pytest.fixture
def submitted(editor, make_member, make_section):
    """An article Nadia Khoury, a journalist, submitted to the editor for review; the form
    she sent."""
    section = make_section("Liban")
    form = article_form(
        "Pénurie de mazout dans la Békaa",
        "penurie-mazout-bekaa",
        standfirst="Les stations ferment les unes après les autres.",
        paragraph="Les files s’allongent.",
    )
    writer = Client()
    writer.force_login(make_member(JOURNALISTS, "Nadia Khoury", "nadia@quotidien.example"))
    add = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    writer.post(add, {**form, "action-submit": "1"})
    return ArticlePage.objects.get(slug="penurie-mazout-bekaa"), form


def test_approving_an_article_says_it_is_published(client, editor, submitted):
    article, form = submitted
    assert article.workflow_in_progress

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {**form, "action-workflow-action": "true", "workflow-action-name": "approve"},
        follow=True,
    )
    html = response.content.decode()

    article.refresh_from_db()
    assert article.live
    assert "« Pénurie de mazout dans la Békaa » est approuvé et publié." in html
    assert "est enregistrée" not in html


def test_review_e_mails_greet_and_name_people_and_ask_for_changes_in_the_paper_s_words(
    client, editor, submitted
):
    from django.core import mail

    article, form = submitted
    [submitted] = [m for m in mail.outbox if m.to == ["rita@quotidien.example"]]
    mail.outbox.clear()

    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {
            **form,
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "Citez le ministère."}',
        },
    )

    [returned] = [m for m in mail.outbox if m.to == ["nadia@quotidien.example"]]
    assert submitted.body.lstrip().startswith("Bonjour Rita Chidiac,")
    assert "«\u00a0Pénurie de mazout dans la Békaa\u00a0» attend votre relecture" in submitted.body
    assert returned.body.lstrip().startswith("Bonjour Nadia Khoury,")
    assert "renvoyé pour modifications" in returned.body and "par Rita Chidiac" in returned.body
    assert "modifications demandées" in returned.subject
    assert "rejet" not in returned.subject + returned.body
    assert "rita@" not in returned.body


def test_site_history_names_each_action_without_guessing_a_gender(
    client, editor, make_section, make_article
):
    article = make_article(make_section("Liban"), "Le festival de Baalbek")
    actions = ("unpublish", "delete", "move", "rename", "copy", "reorder")
    for action in actions:
        PageLogEntry.objects.log_action(article, f"wagtail.{action}", user=editor)

    page = client.get(reverse("wagtailadmin_reports:site_history")).content
    rows = lxml_html.fromstring(page).xpath("//table[.//th[normalize-space()='Action']]/tbody/tr")
    # Name, type, action, user, date: the newest first, then the article's and its
    # section's creation and publication as make_article and make_section logged them.
    said = [" ".join(row.xpath("./td")[2].text_content().split()) for row in rows]
    assert said[: len(actions) + 2] == [
        "Changement d’ordre",
        "Copie",
        "Changement de titre",
        "Déplacement",
        "Suppression",
        "Dépublication",
        "Publication",
        "Création",
    ]


def test_a_moment_ago_the_review_and_uploads_read_as_the_paper_writes_them():
    from django.utils import timezone
    from django.utils.translation import override
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with override("fr"):
        moment = timesince_simple(timezone.now())
        words = {text: _(text) for text in ("Cancel workflow ", "Upload", "Uploading…")}

    assert moment == "à l’instant"
    assert words == {
        "Cancel workflow ": "Annuler la relecture",
        "Upload": "Envoyer",
        "Uploading…": "Envoi…",
    }


def _wagtail_french_messages():
    """Every message Wagtail's French translates, as (context, message id, plural)."""
    import gettext
    from pathlib import Path

    import wagtail

    for mo in Path(wagtail.__file__).parent.glob("**/locale/fr/LC_MESSAGES/django.mo"):
        with mo.open("rb") as catalogue:
            for key in gettext.GNUTranslations(catalogue)._catalog:
                msgid, plural = key if isinstance(key, tuple) else (key, None)
                if msgid and plural in (None, 0):
                    context, _sep, message = msgid.rpartition("\x04")
                    yield context, message, plural is not None


def _wagtail_said_in_french():
    """(message id, what the site says for it in French) for each of Wagtail's messages."""
    from django.utils.translation import ngettext, override, pgettext

    with override("fr"):
        for context, message, plural in _wagtail_french_messages():
            if plural:
                yield message, ngettext(message, message, 2)
            else:
                yield message, pgettext(context, message) if context else _(message)


def test_wagtail_s_french_curls_its_apostrophes_and_quotes_in_french():
    from django.utils.translation import override

    straight = []
    for message, said in _wagtail_said_in_french():
        # Markup keeps its quotes; a message left in English and the quote mark named
        # as a character, « guillemets doubles (") », are no typography to change.
        text = said.replace('(")', "")
        if said != message and "<" not in text and ("'" in text or '"' in text):
            straight.append(said)
    with override("fr"):
        samples = [_(text) for text in ("More actions", "Anchor link")]
        empty = _("There are no %(model_name)s to display.") % {"model_name": "fils d’agence"}

    assert samples == ["Plus d’actions", "Lien d’ancrage"]
    assert empty == "Il n’y a pas de fils d’agence à afficher."
    assert straight == []


def test_a_page_s_form_is_headed_by_its_type_in_french(client, editor, make_section, make_article):
    section = make_section("Liban")
    article = make_article(section, "Le festival de Baalbek")

    titles = [
        " ".join(
            lxml_html.fromstring(
                client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
            )
            .xpath("//title")[0]
            .text_content()
            .split()
        )
        for page in (article, section)
    ]

    assert titles[0].startswith("Modification de l’article : Le festival de Baalbek -")
    assert titles[1].startswith("Modification de la rubrique : Liban -")


def test_headings_and_review_notices_read_without_guessing_a_type_s_gender():
    from django.utils.translation import override

    with override("fr"):
        editing = _("Editing %(page_type)s") % {"page_type": "Article"}
        column = _("%(related_model_name)s %(field_label)s") % {
            "related_model_name": "Abonné",
            "field_label": "adresse électronique",
        }
        reviewers = _(
            "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers "
            "from editing"
        ) % {"model_name": "page"}
        notices = [
            _(text) % {"model_name": "entrée de direct"}
            for text in (
                "Are you sure you want to delete this %(model_name)s?",
                "The %(model_name)s could not be saved as it is locked",
                "You can preview the %(model_name)s here:",
            )
        ]

    assert notices == [
        "Supprimer cet élément (entrée de direct) ?",
        "Impossible d’enregistrer cet élément : il est verrouillé",
        "Vous pouvez prévisualiser cet élément ici :",
    ]
    assert editing == "Modification (Article)"
    assert column == "Abonné : adresse électronique"
    assert reviewers == (
        "Les relecteurs peuvent modifier cet élément ; verrouillez-le pour empêcher "
        "les autres relecteurs de le modifier."
    )


def test_wagtail_s_french_guesses_no_gender_and_skips_to_the_main_content():
    from django.utils.translation import override

    guessed = [
        said
        for _message, said in _wagtail_said_in_french()
        if "sûr(e)" in said or "ce(tte)" in said.lower()
    ]
    with override("fr"):
        skip, choose = _("Skip to main content"), _("Choose %(object)s") % {"object": "agence"}

    assert guessed == []
    assert (skip, choose) == ("Aller au contenu principal", "Choisir : agence")


def test_the_account_page_offers_time_zones_a_browser_knows(client, editor):
    html = client.get(reverse("wagtailadmin_account")).content.decode()

    zones = set(re.findall(r'<option value="([^"]+)"', html))
    assert {"Asia/Beirut", "Europe/Paris", "UTC"} <= zones
    assert not zones & {"localtime", "Factory", "posixrules"}
