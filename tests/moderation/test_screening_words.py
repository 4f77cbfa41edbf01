"""The screening's word lists, and the banned and suspect words however they are disguised."""

import pytest

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    REJECT,
    Context,
    WordLists,
    default_word_lists,
    parse_word_list,
    screen_comment,
)
from tests.moderation.screening_helpers import (
    findings,
    hand_written_rules,
    verdict,
)


def test_word_list_skips_comments_and_blank_lines_and_ignores_case():
    text = "\ufeff# Mots interdits\n\nFromage\n  pâté   en croûte  \nchou # un légume\n"
    assert parse_word_list(text) == {"fromage", "pâté en croûte", "chou"}


def test_shipped_lists_are_real_lists_of_dozens_of_entries():
    lists = default_word_lists()
    for entries in (lists.banned, lists.suspect, lists.dehumanising, lists.groups):
        assert len(entries) >= 30
    assert "connard" in lists.banned
    assert "vermine" in lists.dehumanising
    assert "réfugié" in lists.groups


def test_lists_edited_in_the_back_office_replace_the_defaults():
    lists = WordLists(
        banned=parse_word_list("chou-fleur"),
        suspect=frozenset(),
        dehumanising=frozenset(),
        groups=frozenset(),
    )
    found = screen_comment(
        "Encore du CHOUX-FLEURS à la cantine",
        Context.established(lists),
        rules=hand_written_rules(),
    )
    assert [(f.rule, f.verdict) for f in found] == [("banned-word", REJECT)]
    assert verdict("Espèce de connard") == REJECT  # with the shipped lists


def test_banned_word_is_rejected_and_named_in_the_reason():
    found = findings("Quel connard, ce commentateur.")
    assert found["banned-word"].verdict == REJECT
    assert found["banned-word"].reason == "Mot interdit : « connard »"


@pytest.mark.parametrize(
    "text",
    [
        "Pauvre c0nnard",
        "5alope va",
        "s@lope",
        "CONNARDS",
        "une vraie connarde",
        "connnnnnard",
        "c.o.n.n.a.r.d",
        "c o n n a r d",
        "c-o-n-n-a-r-d",
        "Espèce d’enfoiré",
        "fils de putes",
    ],
)
def test_banned_word_disguised_or_inflected_is_rejected(text):
    assert verdict(text) == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "ᴄᴏɴɴᴀʀᴅ",  # small capitals
        "ꜱᴀʟᴏᴘᴇ",
        "ᴘᴜᴛᴇ",
        "рuтe !",  # a Cyrillic « р » and « т »
        "Quel cоnnard",  # a Cyrillic « о »
        "Quel cοnnard",  # a Greek « ο »
        "Ꮯᴏnnard",  # a Cherokee « Ꮯ »
        "ᑕonnard",  # a Canadian syllabic « ᑕ »
        "Ｃｏｎｎａｒｄ",  # full width
        "𝐜𝐨𝐧𝐧𝐚𝐫𝐝",  # mathematical bold
        "con\U000e0041nard",  # a tag character
        "conn\ufe0fard",  # a variation selector
        "co\u200bnn\u00adard",  # a zero-width space and a soft hyphen
        "conn\u00a0ard",  # a no-break space inside the word
        "coonnaard !",  # letters doubled
        "conaard",
        "saloppe",  # a letter doubled, another singled
        "Sallope va",
    ],
)
def test_banned_word_in_look_alike_letters_or_with_letters_doubled_is_rejected(text):
    assert verdict(text) == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "La connaissance du terrain compte.",
        "La salle était comble pour le concert.",
        "Une paternité putative, selon le tribunal.",
        "Il faut compter trois heures de route.",
        "Une cannette de soda abandonnée sur la plage.",
        "Le cône de signalisation a disparu.",
        "Hermès porte un pétase, le chapeau des voyageurs grecs.",
        "La pâte à pizza, les pâtes et les pattes du chat.",
        "Les conneries du passé ne comptent plus.",
        "Un salon de thé, une saleté de pluie, un sale temps.",
        "Les colonnes du temple de Baalbek.",
        "Le conseil municipal se réunit à 20\u00a0h, salle\u00a0B.",
        "Σήμερα η Αθήνα, αύριο η Βηρυτός.",
        "Москва и Бейрут далеко друг от друга.",
    ],
)
def test_ordinary_words_and_other_scripts_stay_clean(text):
    assert verdict(text) == PUBLISH


def test_banned_word_masked_with_stars_is_held():
    found = findings("Ce c*nnard de voisin")
    assert found["banned-word"].verdict == HOLD
    assert "c*nnard" in found["banned-word"].reason


def test_banned_expression_in_arabic_script_and_arabizi_is_rejected():
    assert verdict("كس امك") == REJECT
    assert verdict("Sharmouta !") == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "Une technique unique pour réparer les routes.",
        "Les disputes entre ministres paralysent le Conseil.",
        "La tapette à souris reste le meilleur outil contre les rongeurs.",
        "Les ordures s'entassent de nouveau à Saïda.",
        "La nouvelle s'est répandue comme une traînée de poudre.",
    ],
)
def test_words_that_merely_contain_or_resemble_a_listed_word_pass(text):
    assert verdict(text) == PUBLISH


def test_doubled_letters_of_ordinary_words_are_kept():
    # "année" must not be read as "âne" once its doubled letters are squeezed.
    assert verdict("Les étudiants syriens peuvent-ils s'inscrire cette année ?") == PUBLISH
    assert verdict("Tu es un ââââne") == HOLD


def test_suspect_word_is_held_for_review():
    found = findings("Espèce d'idiot, relis l'article.")
    assert found["suspect-word"].verdict == HOLD
    assert found["suspect-word"].reason == "Mot à vérifier : « idiot »"


def test_suspect_word_after_an_elision_or_in_the_plural_is_held():
    assert verdict("Bande d'abrutis !") == HOLD
    assert verdict("C'est l'imbécile du quartier.") == HOLD


def test_arabic_insult_is_held():
    assert verdict("يا حمار، اقرأ المقال") == HOLD


def test_a_banned_word_written_only_between_quotation_marks_is_held_for_a_moderator():
    reported = findings("Il a traité son adversaire de « connard » en direct : indigne d'un élu.")
    assert reported["banned-word"].verdict == HOLD
    assert reported["banned-word"].reason == "Mot interdit, entre guillemets : « connard »"
    assert verdict("« Connard », voilà ce que tu es, connard.") == REJECT
    # Quotation marks around the whole comment, or nearly, report nothing.
    assert verdict("« Espèce de connard »") == REJECT
    assert verdict("Toi : « connard ».") == REJECT
