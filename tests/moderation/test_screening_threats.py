"""The screening of threats and calls to violence, and the ordinary sentences that share
their words."""

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
        "On sait où tu habites, Karim.",
        "Je vais te retrouver et t'égorger.",
        "Ce juge mérite une balle dans la tête.",
        "Tes jours sont comptés.",
        "Si je te croise, je te casse la gueule.",
        "Il faut exterminer les chiites jusqu'au dernier.",
        "Il faut nettoyer le pays de ces gens.",
        "Mort aux Juifs.",
    ],
)
def test_threat_or_call_to_kill_is_rejected(text):
    assert findings(text)["threat"].verdict == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "Je connais ton vrai nom, ton adresse et l'école de tes enfants.",
        "On va brûler ta maison.",
        "Celui qui a signé ce papier mérite qu'on lui coupe la langue.",
        "Il va regretter d'être né.",
    ],
)
def test_threat_against_home_family_or_body_is_rejected(text):
    assert findings(text)["threat"].verdict == REJECT


def test_veiled_threat_is_held():
    assert findings("Continue comme ça et tu vas le payer cher.")["threat"].verdict == HOLD
    assert findings("Tu ne perds rien pour attendre.")["threat"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "L'explosion a tué plus de 200 personnes et personne n'est en prison.",
        "Tu vas payer ta facture d'électricité deux fois plus cher avec la nouvelle taxe.",
        "Je sais où tu veux en venir, mais les chiffres disent le contraire.",
        "Il faut éliminer la corruption à la racine.",
        "Il faut éliminer le confessionnalisme qui divise chrétiens et musulmans.",
        "Balle de match pour le Liban au tie-break !",
        "On vous attend nombreux samedi au concert de Byblos.",
        "La mort-aux-rats de la mairie ne sert à rien.",
    ],
)
def test_news_about_killings_and_ordinary_phrases_are_not_threats(text):
    assert verdict(text) == PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Je vais te refaire le portrait si je te croise.",
        "On va lui péter les dents, à ce journaliste.",
        "Continue et tu finiras dans un sac poubelle.",
        "Tu finiras six pieds sous terre.",
    ],
)
def test_harm_to_the_body_or_where_it_will_end_up_is_rejected(text):
    assert findings(text)["threat"].verdict == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "Un jour on va t'avoir, crois-moi.",
        "On finira par te trouver.",
        "Tu vas comprendre ta douleur.",
        "Tu ne passeras pas l'hiver.",
        "Un soir quelqu'un viendra sonner à ta porte.",
        "Je sais qui tu es, Nadim.",
        "Tu vas regretter chaque mot de ce commentaire.",
        "Fais attention à toi quand tu sors le soir.",
    ],
)
def test_veiled_threat_in_other_words_is_held(text):
    assert findings(text)["threat"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Ne te casse pas la tête, la réponse est dans l'article.",
        "On va vous trouver une solution, promet le ministre.",
        "Je vais te trouver le lien vers le rapport de la Banque mondiale.",
        "Tu vas comprendre en lisant l'article jusqu'au bout.",
        "Je comprends ta douleur, toutes mes condoléances.",
        "Vous ne verrez pas la fin de la crise avant dix ans, hélas.",
        "Le recenseur viendra frapper à votre porte la semaine prochaine.",
        "Fais attention à toi sur la route de Dahr el-Baidar, prends soin de toi.",
        "Tu finiras par comprendre que l'économie ne se décrète pas.",
        "Ton dernier article était excellent, merci.",
        "Vous allez regretter d'avoir voté pour eux, vous verrez.",
    ],
)
def test_same_words_without_a_threat_pass(text):
    assert verdict(text) == PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Remets les pieds à Saïda et tu repartiras sur une civière.",
        "Quelqu'un devrait lui apprendre la politesse à coups de bâton.",
    ],
)
def test_leaving_on_a_stretcher_or_beaten_into_line_is_rejected(text):
    assert findings(text)["threat"].verdict == REJECT


@pytest.mark.parametrize(
    "text",
    [
        "Retire ton commentaire, sinon il pourrait t'arriver malheur.",
        "Je te ferai avaler tes articles un par un.",
    ],
)
def test_something_may_happen_to_you_is_held(text):
    assert findings(text)["threat"].verdict == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Les manifestants ont été dispersés à coups de matraque place Riad el-Solh.",
        "S'il t'arrive quelque chose sur la route, appelle le 140.",
        "Tu sortiras de l'hôpital en pleine forme, courage.",
        "Je te ferai goûter le vrai houmous de ma mère.",
    ],
)
def test_news_advice_and_kindness_with_the_same_words_pass(text):
    assert verdict(text) == PUBLISH


def test_taking_care_of_readers_in_general_is_not_a_warning():
    assert verdict("Faites attention à vous, les amis, les faux billets circulent.") == PUBLISH
    assert findings("Faites attention à vous quand vous sortez le soir.")["threat"].verdict == HOLD


def test_a_call_against_a_group_reported_between_quotation_marks_is_held_not_refused():
    reported = findings("Les tags « mort aux chrétiens » sur l'église de Zahlé sont une honte.")
    assert reported["threat"].verdict == HOLD
    assert reported["threat"].reason == (
        "Appel à la violence contre un groupe de personnes, entre guillemets"
    )
    assert verdict("Les tags disent mort aux chrétiens, et ils ont raison.") == REJECT
    # Quotation marks around part of the call only do not make it a report.
    assert verdict("Il faut « exterminer » les chiites jusqu'au dernier.") == REJECT
    assert verdict("« Mort aux chrétiens »") == REJECT
