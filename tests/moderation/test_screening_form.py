"""The screening of what a comment's form gives away (shouting, links, spam, floods,
personal data) and of its author's history (duplicates, rate, new accounts)."""

from datetime import timedelta

import pytest

from quotidien.moderation.screening import (
    HOLD,
    PUBLISH,
    REJECT,
    Context,
    Finding,
)
from tests.moderation.screening_helpers import (
    findings,
    verdict,
)


def test_comment_in_all_caps_is_held_for_review():
    found = findings("HONTE À CE GOUVERNEMENT DE VOLEURS QUI NOUS LAISSE SANS ÉLECTRICITÉ")
    assert found["shouting"].verdict == HOLD
    assert found["shouting"].reason == "Commentaire écrit en majuscules (100 % des lettres)"


def test_acronyms_are_not_shouting():
    assert verdict("Le FMI, la BDL, l'EDL et l'UNESCO : quel rapport avec l'ONU ?") == PUBLISH
    assert verdict("FMI BDL EDL ONU UNESCO CPL FL PSP OMS UNICEF UNRWA") == PUBLISH


def test_short_capitals_are_not_shouting():
    assert verdict("BRAVO aux pompiers !") == PUBLISH


def test_arabic_comment_passes():
    assert verdict("الله يحمي لبنان ويعطينا الصبر على هالأزمة") == PUBLISH
    assert verdict("مقال ممتاز، شكراً للكاتبة على هذا التحقيق عن انفجار المرفأ") == PUBLISH


def test_link_is_held_for_review():
    found = findings("Lisez plutôt www.exemple-info.com avant de parler.")
    assert found["link"].verdict == HOLD
    assert verdict("Voir https://exemple.org/rapport") == HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Le calendrier des vaccins est sur https://www.moph.gov.lb/fr/Pages/vaccins, allez voir.",
        "Le dernier rapport du HCR (www.unhcr.org/lb/fr) dit l'inverse de votre article.",
        "Voir la loi elle-même : https://fr.wikipedia.org/wiki/Loi_du_29_juillet_1881.",
    ],
)
def test_link_to_a_public_institution_or_reference_work_is_published(text):
    assert verdict(text) == PUBLISH


def test_link_to_the_papers_own_pages_is_published(settings):
    settings.SITE_URL = "https://www.quotidien.example"
    assert verdict("Relisez https://www.quotidien.example/liban/le-port-deux-ans-apres/") == (
        PUBLISH
    )
    settings.SITE_URL = ""
    assert verdict("Relisez https://www.quotidien.example/liban/le-port-deux-ans-apres/") == HOLD


@pytest.mark.parametrize(
    "text, named",
    [
        # A trusted name at the start of a host that is not theirs.
        ("Offre ici : https://moph.gov.lb.promo-sante.com/vaccins", "moph.gov.lb.promo-sante.com"),
        ("Offre ici : https://legov.lb/vaccins", "legov.lb"),
        # The trusted name as a login before the real host.
        ("Offre ici : https://www.unhcr.org@aide-rapide.net/", "aide-rapide.net"),
        # A backslash, which browsers read as a slash: the host is the first name.
        ("Offre ici : https://aide-rapide.net\\@moph.gov.lb/", "aide-rapide.net"),
        ("Offre ici : https://aide-rapide.net\\.moph.gov.lb/", "aide-rapide.net"),
    ],
)
def test_look_alike_of_a_trusted_domain_is_held(text, named):
    found = findings(text)
    assert found["link"].verdict == HOLD
    assert named in found["link"].reason


@pytest.mark.parametrize(
    "text",
    [
        "Tout sur promo-sante[.]com/offre, écrivez-nous",
        "Tout sur promo-sante[dot]com, écrivez-nous",
        "Tout sur http://promo[sante.com/offre",
        "Écrivez à https://offre＠promo-sante.com/",
    ],
)
def test_a_link_the_parser_cannot_read_is_held_not_skipped(text):
    assert verdict(text) == HOLD
    assert "link" in findings(text)


def test_trusted_link_beside_another_holds_for_the_other_alone():
    found = findings("Comparez www.unhcr.org/lb et www.exemple-info.com avant de parler.")
    assert found["link"].reason == "Lien externe : « www.exemple-info.com »"


def test_trusted_domains_are_the_rules_option():
    from quotidien.moderation.screening.links import Links

    rule = Links(trusted_domains=["exemple-info.com"])
    context = Context.established()
    assert rule.check("Lisez www.exemple-info.com/enquete avant de parler.", context) is None
    assert rule.check("Voir https://www.unhcr.org/lb/fr", context).verdict == HOLD


def test_shortened_or_messaging_link_is_rejected():
    assert findings("Tout est ici : bit.ly/3xYz")["link"].verdict == REJECT
    assert findings("Rejoignez-nous t.me/gains")["link"].verdict == REJECT


def test_sentence_without_space_after_full_stop_is_not_a_link():
    assert verdict("Le courant est revenu à minuit.Me voilà soulagé.") == PUBLISH


def test_money_making_spam_is_rejected():
    text = "Gagnez 500 $ par jour depuis chez vous grâce au trading ! Contactez-moi sur WhatsApp."
    assert findings(text)["spam"].verdict == REJECT


def test_talking_about_bitcoin_or_earning_money_is_not_spam():
    assert verdict("Le bitcoin ne sauvera pas les déposants, c'est une illusion.") == PUBLISH
    assert verdict("Ils veulent gagner de l'argent sur notre dos, ces banquiers.") == PUBLISH


def test_emoji_flood_is_held_but_a_few_emoji_pass():
    assert findings("🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥 promo")["flood"].verdict == HOLD
    assert verdict("Bravo aux pompiers, vous êtes des héros 👏👏👏") == PUBLISH


def test_same_word_over_and_over_is_held():
    assert findings("honte honte honte honte honte honte")["flood"].verdict == HOLD


@pytest.mark.parametrize(
    "number",
    [
        "+961 3 123 456",
        "+961 71 123 456",
        "00961 3 123456",
        "03/123456",
        "03 123 456",
        "70 123 456",
        "01-234567",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "0612345678",
        "+963 944 123 456",
        "٠٣/١٢٣٤٥٦",
    ],
)
def test_phone_number_is_held_as_personal_data(number):
    found = findings(f"Appelez-le au {number} pour les dollars.")
    assert found["personal-data"].verdict == HOLD
    assert found["personal-data"].reason.startswith("Données personnelles : numéro de téléphone")


@pytest.mark.parametrize(
    "text",
    [
        "Le budget est de 2 300 000 dollars et non 23 millions.",
        "La guerre a duré de 1975 à 1990 (1975-1990).",
        "L'explosion a eu lieu le 04/08/2020 à 18 h 07.",
        "Le générateur coûte 70 000 000 livres par mois pour l'immeuble.",
        "Il y a 3 123 456 électeurs inscrits selon le ministère.",
        "Le bilan s'élève à 71 000 000 dollars de dégâts.",
        "Appelez le 125, la Défense civile répond jour et nuit.",
        "Le taux est passé de 1 507,5 à 89 500 livres en quatre ans.",
    ],
)
def test_year_and_amounts_are_not_phone_numbers(text):
    assert verdict(text) == PUBLISH


def test_email_address_is_held_as_personal_data():
    found = findings("Écrivez-lui : nabil.khoury@gmail.com")
    assert found["personal-data"].reason.startswith("Données personnelles : adresse électronique")
    assert verdict("son adresse : rima_saad arobase hotmail point com") == HOLD


def test_spelt_links_and_addresses_are_read_through_letters_of_other_scripts():
    greek_o = "\u03bf"
    spelt = findings(f"voir exemple point c{greek_o}m")
    assert spelt["link"].reason == "Lien externe : « exemple point com »"
    email = findings(f"son adresse : rima_saad arobase h{greek_o}tmail point c{greek_o}m")
    assert email["personal-data"].reason.startswith("Données personnelles : adresse électronique")


def test_same_text_posted_again_is_rejected():
    first = "Trois ans après l'explosion, l'enquête est toujours bloquée."
    found = findings(first.upper() + "  ", recent_texts=["Autre chose", first])
    assert found["duplicate"].verdict == REJECT


def test_short_thanks_may_be_written_twice():
    assert verdict("Bravo !", recent_texts=["Bravo !"]) == PUBLISH


def test_too_many_comments_in_a_minute_are_held():
    assert findings("Encore un avis.", comments_last_minute=3)["rate"].verdict == HOLD
    assert verdict("Encore un avis.", comments_last_minute=2) == PUBLISH


def test_first_comment_of_a_new_account_is_held():
    found = findings("Bonjour à tous.", published_comments=0, account_age=timedelta(hours=2))
    assert found["new-account"] == Finding(
        "new-account", HOLD, "Premier commentaire d’un nouveau compte"
    )
    assert verdict("Bonjour.", published_comments=0, account_age=timedelta(days=3)) == PUBLISH
    assert verdict("Bonjour.", published_comments=1, account_age=timedelta(hours=2)) == PUBLISH


def test_home_address_of_a_person_is_held_as_personal_data():
    found = findings("Il habite rue Pasteur, immeuble Saad, 4e étage : allez le voir.")
    assert found["personal-data"].verdict == HOLD
    assert "adresse d'une personne" in found["personal-data"].reason


@pytest.mark.parametrize(
    "text",
    [
        "J'habite rue Hamra depuis trente ans et les coupures empirent.",
        "Ils vivent rue Gouraud depuis trois générations et ont tout perdu.",
        "Elle vit au 5e étage d'un immeuble sans ascenseur, imaginez l'été.",
    ],
)
def test_streets_and_buildings_in_ordinary_stories_pass(text):
    assert verdict(text) == PUBLISH


def test_car_registration_is_held_as_personal_data():
    found = findings("Sa plaque d'immatriculation : M 345678, vous savez quoi faire.")
    assert "plaque d'immatriculation" in found["personal-data"].reason
    assert verdict("La plaque commémorative du 4 août a été volée au port.") == PUBLISH


@pytest.mark.parametrize(
    ("text", "what", "shown"),
    [
        ("Son passeport, c'est le RL4471203 : qu'on le retrouve.", "pièce d'identité", "RL4471203"),
        ("Carte d'identité n° 000731554 trouvée devant l'église.", "pièce d'identité", "000731554"),
        ("his passport number is LR 8830417", "pièce d'identité", "LR 8830417"),
        (
            "Numéro de compte de mon oncle à la banque : 0471-228934-2, versez ce que vous pouvez.",
            "coordonnées bancaires",
            "0471-228934-2",
        ),
        (
            "Envoyez à LB62 0999 0000 0001 0019 0122 9114, tout ira à la famille.",
            "coordonnées bancaires",
            "LB62 0999 0000 0001 0019 0122 9114",
        ),
        (
            "Sa voiture, immatriculée B 772914, dort devant chez lui.",
            "plaque d'immatriculation",
            "B 772914",
        ),
        (
            "The guy in the grey jeep, plate G 558201, ask him.",
            "plaque d'immatriculation",
            "G 558201",
        ),
        (
            "Le passeport RL4471203 de Rima Saad traîne sur le comptoir.",
            "pièce d'identité",
            "RL4471203",
        ),
        ("carte d'identite 000731554, celle de mon voisin", "pièce d'identité", "000731554"),
        (
            "IBAN de ma tante : lb62 0999 0000 0001 0019 0122 9114",
            "coordonnées bancaires",
            "lb62 0999 0000 0001 0019 0122 9114",
        ),
    ],
)
def test_identity_papers_bank_details_and_plates_are_held_as_personal_data(text, what, shown):
    found = findings(text)["personal-data"]
    assert found.verdict == HOLD
    assert found.reason == f"Données personnelles : {what} (« {shown} »)"


@pytest.mark.parametrize(
    "text",
    [
        "La loi n° 44/2015 sur le blanchiment n'a jamais été appliquée.",
        "Le décret 6433 fixe la frontière maritime, relisez-le.",
        "Mon passeport a expiré et la Sûreté générale donne rendez-vous dans six mois.",
        "Le compte de la municipalité sur Instagram a 120000 abonnés.",
        "Sur mon compte bancaire : 3000000 livres bloquées depuis 2019.",
        "Dossier n° 2021/4471 devant le tribunal : le juge n'a toujours pas statué.",
        "Bureau de vote n° 214 à Achrafieh : trois heures d'attente.",
        # After the name of a paper or an account, numbers that are no identifier: years,
        # dates, amounts, ranks.
        "Les passeports 2023-2024 ont été retardés de six mois.",
        "Mon passeport expire le 2024-03-12, et aucun rendez-vous avant l'été.",
        "Mon passeport a expiré le 12 03 2024.",
        "La CNSS doit 2 000 000 000 à l'hôpital de Zahlé.",
        "La sécurité sociale : 1 500 000 affiliés et pas un sou.",
        "Le permis de conduire coûte 300 000 au guichet, plus les pourboires.",
        "Mon compte bancaire est vide depuis 2019 2020.",
        "Le passeport libanais, 44e sur 199, ne vaut plus rien.",
        "Le permis de conduire n° 12-345 de mon père a expiré hier.",
        # A company's registration, and the adjective « plate ».
        "La société est immatriculée au RCS de Paris B 552 081 317.",
        "La plate-forme V 2024 de la municipalité ne marche pas.",
        # Letters and digits that are no IBAN (the check digits are wrong).
        "Référence du dossier : FR12 3456 7890 1234 5678 90",
    ],
)
def test_laws_files_and_amounts_are_not_personal_data(text):
    assert "personal-data" not in findings(text)
