"""The screening of insults aimed at a reader, and the ordinary sentences that share their
words."""

import pytest

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
)
from tests.moderation.screening_helpers import (
    findings,
    verdict,
)


@pytest.mark.parametrize(
    "text",
    [
        "Tu as tout faux, pauvre nigaud.",
        "Tais-toi, vieux crétin, tu radotes.",
        "Sombre pitre, relis donc l'article.",
        "T'es qu'une grosse larve devant ton écran.",
        "Vous n'êtes qu'un vieux bouffon aigri.",
    ],
)
def test_contempt_word_after_pauvre_vieux_gros_is_name_calling(text):
    assert findings(text)["insult"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Pauvre Liban, tant de talents et si peu d'avenir.",
        "Le vieux port de Saïda est magnifique au printemps.",
        "Un petit âne porte encore les olives au pressoir du village.",
        "Pauvre chien, abandonné sur l'autoroute par ses maîtres.",
        "Mon beauf travaille à la Banque centrale depuis vingt ans.",
    ],
)
def test_pauvre_vieux_petit_before_ordinary_words_pass(text):
    assert verdict(text) == PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Ferme-la donc, tu n'y connais rien.",
        "Dégage de ce forum, on ne veut plus te lire.",
        "Casse-toi, personne ne t'a sonné.",
        "Retourne jouer à la console et laisse parler les grands.",
        "Va te faire soigner, sérieusement.",
        "Tu es vraiment stupide ou tu le fais exprès ?",
        "Vous êtes d'une bêtise affligeante.",
    ],
)
def test_telling_a_reader_to_shut_up_or_go_or_that_they_are_stupid_is_held(text):
    assert findings(text)["insult"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Ferme la fenêtre, le mazout coûte cher, disait mon père.",
        "La fumée qui se dégage de la décharge de Saïda est toxique.",
        "Dégagez une enveloppe pour les écoles publiques, messieurs les députés !",
        "Je retourne à Beyrouth demain après dix ans d'absence.",
        "Retournez à l'article de 2019 : les chiffres ont changé depuis.",
        "Va voir l'exposition de Beit Beirut, elle en vaut la peine.",
        "Tu es libre de trouver ça ridicule, moi pas.",
        "Vous êtes nombreux à trouver cette loi stupide, et vous avez raison.",
    ],
)
def test_ordinary_imperatives_and_opinions_addressed_to_readers_pass(text):
    assert verdict(text) == PUBLISH


def test_comparing_a_reader_to_an_animal_is_held():
    assert findings("Toi, tu raisonnes comme un mouton.")["insult"].verdict == HOLD


def test_being_taken_for_a_fool_by_the_government_is_not_an_insult():
    assert verdict("Le gouvernement nous prend pour des imbéciles.") == PUBLISH
    assert verdict("Tu es un imbécile.") == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Avec tes deux neurones, tu ne risques pas de comprendre.",
        "Un cerveau de bulot, voilà ce que tu as.",
        "Vous avez une cervelle d'huître, madame.",
    ],
)
def test_mocking_a_readers_brain_is_held(text):
    assert findings(text)["insult"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Le cerveau de l'opération a été arrêté à Tripoli.",
        "Le sudoku fait travailler les neurones des plus âgés.",
        "J'ai une mémoire de poisson rouge, je ne me souvenais plus de cette loi.",
    ],
)
def test_brains_in_ordinary_sentences_pass(text):
    assert verdict(text) == PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Des camarades l'ont traité de « sale Syrien » à l'école. Il a neuf ans.",
        "« Dégage, Salamé ! » criaient les manifestants, et ils avaient raison.",
        "Le député a lancé « ferme-la » à une collègue en pleine séance.",
        "On m'a écrit « espèce de guignol » parce que je défendais la réforme.",
    ],
)
def test_insults_reported_between_quotation_marks_pass(text):
    assert verdict(text) == PUBLISH


def test_the_same_insults_said_outright_are_held():
    assert verdict("Dégage, tocard !") == HOLD
    assert verdict("Espèce de guignol, tu défends n'importe quoi.") == HOLD
