"""Every e-mail about a reader's account is sent as the subscribers' are: text and HTML,
signed with the paper's name, in short sentences that say what to do."""

import re

import pytest
from django.core import mail
from lxml import html as lxml_html

from quotidien.accounts import services
from tests.html_validation import validate_html

pytestmark = pytest.mark.django_db
PAPER = "Le Quotidien du Levant"
# What a reader takes in at one glance.
LONGEST_SENTENCE = 20


@pytest.fixture
def every_account_email(settings, client, home, make_reader) -> dict:
    """Each account e-mail, sent to a reader of the demo newsroom, by its subject."""
    settings.WAGTAIL_SITE_NAME = PAPER
    reader = make_reader("Rima K.", email="rima@example.org")
    other = make_reader("Georges A.", email="georges@example.org")
    services.send_confirmation(make_reader("Nadia S.", email="nadia@example.org", is_active=False))
    services.send_account_exists(reader)
    client.post("/compte/mot-de-passe/", {"email": "rima@example.org"})
    services.send_email_change(reader, "rima@ailleurs.example")
    services.send_email_change(reader, other.email)
    services.send_email_changed(reader, former="rima@ancienne.example")
    return {message.subject: message for message in mail.outbox}


def test_each_account_email_is_text_and_html_signed_with_the_papers_name(every_account_email):
    assert len(every_account_email) == 6
    for subject, message in every_account_email.items():
        ((html, kind),) = message.alternatives
        assert kind == "text/html", subject
        assert message.body.rstrip().endswith(f"L’équipe de {PAPER}"), subject
        assert f"L’équipe de {PAPER}" in html, subject
        for link in re.findall(r"https?://\S+", message.body):
            assert f'href="{link}"' in html, subject


def test_each_link_is_a_button_that_says_what_it_does(every_account_email):
    """The button reads « Activer mon compte », not a link of 200 characters; the link
    itself follows, small, for a client that shows no button."""
    labels = {}
    for subject, message in every_account_email.items():
        tree = lxml_html.fromstring(message.alternatives[0][0])
        buttons = tree.xpath('//a[contains(@style, "background")]')
        labels[subject] = [button.text_content() for button in buttons]
        for button in buttons:
            assert not button.text_content().startswith("http"), subject
            assert button.get("href") in tree.xpath("//a[not(@style)]/@href"), subject

    assert labels["Confirmez votre adresse e-mail"] == ["Activer mon compte"]
    assert ["Choisir un nouveau mot de passe"] in labels.values()
    assert ["Me connecter", "Choisir un nouveau mot de passe"] in labels.values()
    assert ["Confirmer cette adresse"] in labels.values()


@pytest.mark.html_checker
def test_the_html_of_the_account_emails_is_valid(every_account_email):
    documents = {
        subject: message.alternatives[0][0] for subject, message in every_account_email.items()
    }

    assert validate_html(documents) == {subject: [] for subject in documents}


def test_account_emails_speak_in_short_sentences(every_account_email):
    for subject, message in every_account_email.items():
        text = re.sub(r"https?://\S+", "LIEN", message.body)
        for sentence in re.split(r"(?<=[.:?!])\s+|\n+", text):
            assert len(sentence.split()) <= LONGEST_SENTENCE, (subject, sentence)


def test_the_confirmation_says_the_name_the_delay_and_that_only_the_last_link_counts(
    every_account_email, settings
):
    message = every_account_email["Confirmez votre adresse e-mail"]
    body = " ".join(message.body.split())

    assert "« Nadia S. »" in body
    assert f"{settings.ACCOUNT_CONFIRMATION_DAYS} jours" in body
    assert "/compte/confirmer/" in body
    assert "dernier" in body
    assert "ignorez ce message" in body.lower()
