"""The screening of dehumanising language and slurs aimed at a group of people, and the
ordinary sentences that share their words."""

import pytest

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    REJECT,
)
from tests.moderation.screening_helpers import (
    findings,
    verdict,
)


@pytest.mark.parametrize(
    "text",
    [
        "Ces gens sont des bactéries.",
        "Les Syriens sont de la vermine.",
        "Les réfugiés ? De la vermine qui vit à nos crochets.",
        "Cette vermine syrienne envahit nos villages.",
        "Ces cafards de chiites ont encore gagné.",
        "Les chrétiens, tous des chiens.",
        "Ils se reproduisent comme des rats, ces Palestiniens.",
        "Les travailleuses éthiopiennes, c'est du bétail.",
    ],
)
def test_dehumanising_term_aimed_at_a_group_is_held(text):
    found = findings(text)
    assert found["dehumanising"].verdict == HOLD
    assert "visant un groupe" in found["dehumanising"].reason


def test_dehumanising_term_with_a_call_to_eliminate_is_rejected():
    found = findings("Ces gens sont des rats qu'il faut éliminer.")
    assert found["dehumanising"].verdict == REJECT


def test_slur_before_a_group_word_is_held():
    assert findings("Sales Syriens, rentrez chez vous.")["dehumanising"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Les rats du port infestent les silos de blé depuis l'explosion.",
        "La municipalité promet d'éliminer les rats du port avant l'été.",
        "Un parasite ravage les oliviers du Sud depuis deux saisons.",
        "Depuis les élections, j'ai le cafard.",
        "Les cafards envahissent les immeubles privés d'électricité.",
        "Les réfugiés du camp disent que leur tente est infestée de rats.",
        "Les travailleuses éthiopiennes sont traitées comme des chiens, c'est une honte.",
        "Le confessionnalisme est le cancer des Libanais.",
        "Le port reçoit des cargaisons de bétail du Brésil.",
        "Ces ministres sont des rats qui quittent le navire.",
    ],
)
def test_animal_and_disease_words_not_aimed_at_people_pass(text):
    assert verdict(text) == PUBLISH


def test_calling_a_reader_a_donkey_is_held_as_an_insult():
    found = findings("Tu es un âne, Georges.")
    assert found["insult"].verdict == HOLD
    assert "« âne »" in found["insult"].reason
    assert verdict("Vous n'êtes que des moutons et des ânes.") == HOLD
    assert verdict("Sale rat, retourne dans ton égout.") == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Espèce de menteur !",
        "Vous êtes une bande de lâches et de menteurs.",
        "Va te cacher, guignol !",
        "Retourne à tes livres, gros naze, tu n'y connais rien.",
        "T'es vraiment trop con pour comprendre.",
    ],
)
def test_name_calling_aimed_at_someone_is_held(text):
    assert findings(text)["insult"].verdict == HOLD


def test_speed_bumps_and_pets_are_not_insults():
    assert verdict("Les dos-d'âne de la route de Jounieh cassent nos voitures.") == PUBLISH
    assert verdict("Une bande de chiens errants a mordu deux enfants.") == PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Ces migrants prolifèrent dans nos quartiers comme des cafards.",
        "Les réfugiés, dans nos villages, comme des rats partout.",
        "Les Syriens grouillent dans chaque rue de Jounieh.",
        "Ces réfugiés, eux, se reproduisent sans compter.",
        "Une horde de migrants attend à la frontière.",
        "Les chrétiens de ce quartier ne sont bons qu'à voler.",
        "Ces gens-là font des enfants à la chaîne.",
        "Les homos sont des malades.",
    ],
)
def test_group_compared_to_animals_or_said_to_breed_or_swarm_is_held(text):
    found = findings(text)
    assert found["dehumanising"].verdict == HOLD
    assert "visant un groupe" in found["dehumanising"].reason


@pytest.mark.parametrize(
    "text",
    [
        "Ces ministres traitent les Syriens comme des chiens, c'est honteux.",
        "Les réfugiés meurent comme des mouches dans les camps, faute de soins.",
        "Les réfugiés vivent comme des rats dans des caves insalubres.",
        "Les réfugiés disent que les rats pullulent dans le camp.",
        "Les agressions contre les Syriens se multiplient depuis l'été.",
        "Les écoles des réfugiés se multiplient dans la Békaa.",
        "L'invasion israélienne de 1982 a tout détruit sur son passage.",
        "Une marée humaine a envahi la place des Martyrs.",
        "Les Libanais se battent comme des lions depuis 2019.",
        "Les ministres ne sont bons qu'à se remplir les poches.",
        "Vos joueurs ont couru comme des poulets sans tête, on vous attend au retour !",
        "Les réfugiés malades attendent des médicaments depuis un mois.",
    ],
)
def test_pity_news_and_sport_with_the_same_words_pass(text):
    assert verdict(text) == PUBLISH


def test_hateful_words_quoted_to_condemn_them_pass():
    quoted = "Un député a dit que les Syriens « se reproduisent comme des lapins », quelle honte."
    assert verdict(quoted) == PUBLISH
    assert verdict("Un élu les a traités de « parasites » : c'est du racisme pur.") == PUBLISH
    # Quoting with approval is no excuse.
    assert verdict("Les Syriens « se reproduisent comme des lapins », il a raison.") == HOLD


def test_name_for_a_group_after_a_collective_noun_is_held():
    text = "Les druzes ne sont qu'un clan de vipères."
    assert findings(text)["dehumanising"].verdict == HOLD


def test_group_opening_the_sentence_then_called_to_be_eliminated_is_rejected():
    assert findings("Les Syriens, il faudrait les éradiquer.")["threat"].verdict == REJECT
    assert verdict("Les déchets des camps de réfugiés, il faut les éliminer vite.") == PUBLISH
    assert verdict("Les rats du port, la mairie promet de les éliminer.") == PUBLISH
