"""A large corpus of generated articles, for benchmarks and load tests.

`generate_corpus()` writes live articles straight into Wagtail's page tree with
bulk inserts, so that a hundred thousand of them take minutes. Their text is
composed at random from the word lists below: it reads like a French daily and
tells nothing true. No external data is used.
"""

import random
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from itertools import accumulate, islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connections, router, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from treebeard.exceptions import PathOverflow
from wagtail.models import Page
from wagtail.query import PageQuerySet

from quotidien.comments.models import Comment
from quotidien.news.models import Agency, ArticlePage, ArticleTag, Author, SectionPage
from quotidien.news.newsroom import ensure_newsroom

Progress = Callable[[int, int], None]

# Articles are published over the last five years, more of them recently.
PUBLICATION_SPAN = timedelta(days=5 * 365)
UPDATED_SHARE = 0.2
# Rows per INSERT for the page table (Django lowers it further where the database requires).
PAGE_INSERT_BATCH = 1000
# Values per `IN (…)` lookup, below every database's limit on query parameters.
LOOKUP_CHUNK = 900
SLUG_BASE_LENGTH = 80

# -- Word lists ----------------------------------------------------------------------------------

# Created only when the site has no live section yet: (slug, title, intro).
DEFAULT_SECTIONS = [
    ("liban", "Liban", "L’actualité politique, sociale et locale du pays."),
    ("monde", "Monde", "Les affaires du monde, vues de Beyrouth."),
    ("economie", "Économie", "Monnaie, banques, entreprises et vie chère."),
    ("culture", "Culture", "Livres, scènes, expositions et patrimoine."),
    ("sport", "Sport", "Football, basket, athlétisme et sports de montagne."),
    ("opinion", "Opinion", "Tribunes, éditoriaux et points de vue."),
]
# Created only when there is no author: fictional journalists (name, role).
DEFAULT_AUTHORS = [
    ("Yasmine Abi Nader", "Journaliste politique"),
    ("Antoine Karam", "Grand reporter"),
    ("Maya Saadé", "Journaliste économique"),
    ("Ziad Moussa", "Correspondant à Paris"),
    ("Carla Hélou", "Journaliste culture"),
    ("Nabil Chahine", "Journaliste sportif"),
    ("Joëlle Tabet", "Journaliste société"),
    ("Hadi Mansour", "Éditorialiste"),
]
# Created only when there is no agency: (name, short name, slug), as in the demo newsroom.
DEFAULT_AGENCIES = [
    ("Agence Levant Presse", "ALP", "alp"),
    ("Méditerranée Information Presse", "MIP", "mip"),
]


def _words(text: str) -> list[str]:
    """A word list written as comma-separated text."""
    return [word.strip() for word in text.split(",") if word.strip()]


def _lines(text: str) -> list[str]:
    """A phrase list written one phrase a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# Cities only: they take « à » and « de » without an article, or with « Le » (au, du).
PLACES = _words("""
    Beyrouth, Tripoli, Saïda, Tyr, Zahlé, Baalbeck, Jounieh, Byblos, Batroun, Nabatieh, Aley,
    Bcharré, Deir el-Qamar, Halba, Marjayoun, Hermel, Broummana, Damour, Chtaura, Ehden, Damas,
    Alep, Homs, Amman, Bagdad, Nicosie, Larnaca, Le Caire, Alexandrie, Istanbul, Ankara, Téhéran,
    Riyad, Doha, Dubaï, Paris, Marseille, Lyon, Genève, Bruxelles, Berlin, Rome, Athènes, Madrid,
    Londres, Washington, New York, Montréal, Moscou, Pékin
""")
TOPICS = _words("""
    Électricité, Budget, Santé, Éducation, Transports, Environnement, Justice, Diplomatie,
    Banques, Élections, Football, Patrimoine, Cinéma, Agriculture, Tourisme, Eau, Déchets,
    Logement, Emploi, Retraites, Carburant, Inflation, Télécoms, Internet, Port, Aéroport,
    Sécurité routière, Incendies, Climat, Littoral, Forêts, Universités, Examens officiels,
    Rentrée scolaire, Hôpitaux, Médicaments, Vaccination, Réfugiés, Frontières, Armée,
    Municipales, Législatives, Parlement, Gouvernement, Constitution, Corruption, Marchés publics,
    Fiscalité, Dette publique, Monnaie, Dollar, Épargne, Dépôts bancaires, Commerce,
    Importations, Exportations, Industrie, Artisanat, Start-up, Numérique,
    Intelligence artificielle, Médias, Presse, Liberté d’expression, Droits des femmes, Enfance,
    Handicap, Personnes âgées, Pauvreté, Aide humanitaire, Reconstruction, Urbanisme,
    Archéologie, Musées, Théâtre, Musique, Littérature, Festivals, Arts plastiques, Photographie,
    Gastronomie, Vin, Basket-ball, Athlétisme, Ski, Natation, Cyclisme, Tennis, Jeux olympiques,
    Coupe du monde, Randonnée, Montagne, Météo, Tempêtes, Séisme, Pollution, Énergie solaire,
    Gaz, Pétrole, Transport aérien, Autoroutes, Chemins de fer, Pêche, Immobilier, Loyers,
    Salaires, Fonction publique, Grèves, Syndicats, Consommation, Prix, Pain, Subventions,
    Assurances, Sécurité sociale, Recherche, Sciences, Espace, Archives, Bibliothèques, Mode,
    Design, Architecture, Danse, Opéra, Jazz, Rap, Bande dessinée, Séries, Jeux vidéo,
    Sport automobile, Volley-ball, Handball, Rugby, Boxe, Escalade, Marathon, Diaspora,
    Émigration, Mémoire, Religion, Laïcité, Famille, Jeunesse, Santé mentale, Cancer, Nutrition,
    Animaux, Biodiversité, Sécheresse, Inondations, Transition énergétique
""")
COUNTRIES = _words("""
    Liban, Syrie, Jordanie, Égypte, Irak, Chypre, Turquie, Iran, Arabie saoudite, Qatar, Koweït,
    Émirats arabes unis, Oman, Maroc, Algérie, Tunisie, France, Belgique, Suisse, Allemagne,
    Italie, Grèce, Espagne, Royaume-Uni, États-Unis, Canada, Brésil, Russie, Chine, Inde, Japon,
    Arménie, Sénégal, Côte d’Ivoire, Australie
""")
INSTITUTIONS = _words("""
    ONU, Union européenne, FMI, Banque mondiale, Unesco, Unicef, OMS, Ligue arabe,
    Conseil de sécurité, Banque centrale, Conseil constitutionnel, Cour des comptes,
    Conseil des ministres, Casques bleus, Croix-Rouge, Protection civile, Municipalités, Patronat,
    Ordre des médecins, Ordre des avocats, Université libanaise, Francophonie, Sécurité générale
""")
# Subjects of the news; those starting « Les » or « Plusieurs » are plural.
ACTORS = _lines("""
    Le gouvernement
    Le Premier ministre
    Le ministre des Finances
    La ministre de l’Énergie
    Le ministre de l’Éducation
    La ministre de la Santé
    Le Parlement
    La commission des Finances du Parlement
    Les députés de l’opposition
    Plusieurs blocs parlementaires
    Le conseil municipal {de_place}
    La municipalité {de_place}
    Les habitants {de_place}
    La chambre de commerce {de_place}
    Les syndicats de la fonction publique
    L’ordre des médecins
    L’ordre des ingénieurs
    Les commerçants du centre-ville
    La Banque centrale
    L’Association des banques
    Les agriculteurs de la Békaa
    Une coalition d’associations
    L’Union européenne
    Le Conseil de sécurité de l’ONU
    Le Fonds monétaire international
    La Banque mondiale
    Les enseignants du secteur public
    Les étudiants de l’université
    Le Comité olympique
    La fédération de football
    Le ministère de la Culture
    Les organisateurs du festival
    Un collectif d’artistes
    Les riverains du port
    Les transporteurs routiers
    Les pharmaciens
    Les hôpitaux privés
    Les distributeurs de carburant
    Le patronat
    Une délégation européenne
    Les importateurs de produits alimentaires
    Les compagnies aériennes
    Les comités de parents d’élèves
    Le syndicat de la presse
    Les associations de défense de l’environnement
    Le Conseil constitutionnel
    Les propriétaires de générateurs
    Les locataires des anciens baux
    Les retraités de l’armée
    Le fournisseur public d’électricité
""")
PLURAL_STARTS = ("Les ", "Plusieurs ")
# Verbs taking a direct object: present singular / present plural / past participle.
VERBS = [
    tuple(forms.split(" / "))
    for forms in _lines("""
        annonce / annoncent / annoncé
        dénonce / dénoncent / dénoncé
        réclame / réclament / réclamé
        examine / examinent / examiné
        prépare / préparent / préparé
        présente / présentent / présenté
        adopte / adoptent / adopté
        conteste / contestent / contesté
        salue / saluent / salué
        critique / critiquent / critiqué
        envisage / envisagent / envisagé
        défend / défendent / défendu
        rejette / rejettent / rejeté
        propose / proposent / proposé
        soutient / soutiennent / soutenu
        met en garde contre / mettent en garde contre / mis en garde contre
        relance / relancent / relancé
        exige / exigent / exigé
        approuve / approuvent / approuvé
        remet en cause / remettent en cause / remis en cause
        promet / promettent / promis
        bloque / bloquent / bloqué
        accélère / accélèrent / accéléré
        suspend / suspendent / suspendu
    """)
]
OBJECTS = _lines("""
    un nouveau plan de relance
    la réforme des retraites
    une hausse des tarifs de l’électricité
    le projet de budget pour l’année prochaine
    un accord sur la gestion des déchets
    la levée des subventions sur le carburant
    la fermeture provisoire des écoles
    un programme d’aide aux familles modestes
    la réouverture du port
    un plan de réhabilitation du réseau d’eau
    la construction d’une nouvelle centrale
    un moratoire sur les expulsions
    la révision des loyers anciens
    un audit des comptes publics
    la restructuration du secteur bancaire
    la nouvelle grille des salaires
    le calendrier des examens officiels
    un plan de lutte contre les incendies de forêt
    la hausse du prix du pain
    une enquête sur les marchés publics
    un accord de coopération régionale
    la numérisation de l’administration
    la création d’une zone économique spéciale
    la rénovation du musée national
    le programme du festival d’été
    la relance du tourisme
    un plan de transport public
    l’extension de l’aéroport
    la protection du littoral
    la fermeture des carrières illégales
    le prix des médicaments
    un nouveau découpage électoral
    la loi sur l’indépendance de la justice
    le recensement des bâtiments fissurés
    le contrôle des capitaux
    un emprunt auprès des bailleurs internationaux
    la réforme du code du travail
    la reconstruction des quartiers sinistrés
    le retour des familles déplacées
    la sélection nationale
    le chantier du nouveau stade
    l’ouverture de la saison de ski
    la restauration des souks
    la protection des forêts de cèdres
    une campagne de vaccination
    la gratuité des transports scolaires
    une taxe sur les boissons sucrées
    le raccordement des villages au réseau
    la hausse des frais de scolarité
    un plan d’urgence pour les hôpitaux
    la privatisation de la gestion des parkings
    l’installation de panneaux solaires sur les bâtiments publics
    le tri des déchets à la source
    un nouveau plan de circulation
    la réforme des marchés publics
""")
KICKERS = _words("""
    Analyse, Reportage, Éclairage, Entretien, Décryptage, Enquête, Récit, Chronique, Éditorial,
    Tribune, Focus, Repères
""")
SUBHEADINGS = _lines("""
    Un calendrier serré
    Des réactions contrastées
    L’inquiétude des habitants
    Une facture salée
    Vers un compromis ?
    Ce que prévoit le texte
    Un précédent qui inquiète
    Les bailleurs attendent
    Sur le terrain
    Des moyens limités
    Une longue histoire
    Le poids de la crise
    Des promesses à tenir
    Un secteur à bout de souffle
    La rue gronde
    Le silence des autorités
    Un pari risqué
    Des chiffres en trompe-l’œil
    Les jeunes en première ligne
    Une mobilisation inédite
    Le nerf de la guerre
    Des élus divisés
    Ce qui change pour les usagers
    Les prochaines étapes
    Un modèle à réinventer
    L’exemple des voisins
    Une attente interminable
    Des solutions de fortune
    Le regard des experts
    La société civile s’organise
    Un public au rendez-vous
    Les coulisses d’un accord
    Un bilan mitigé
    Et maintenant ?
    Le temps presse
    Des inquiétudes persistantes
    Un enjeu régional
    Une première
    Le prix de l’attente
    Des zones d’ombre
""")
# When or how the news happened, said after the object; « , » ones follow a comma.
CIRCUMSTANCES = _lines("""
    lundi
    mardi
    mercredi
    jeudi
    vendredi
    samedi
    dimanche
    ce matin
    dans la soirée
    lors d’une conférence de presse
    , à l’issue d’une réunion à huis clos
    , après des semaines de négociations
    , malgré les réserves de l’opposition
    à la veille de la rentrée
    , dans un contexte de crise persistante
    , sous la pression de la rue
    dans un communiqué publié en fin de journée
    , au terme d’un long débat
    {at_place}
    devant la presse {at_place}
    lors d’une visite {at_place}
    en marge d’un forum régional
    , à la surprise générale
""")
CONNECTORS = _words("""
    Par ailleurs, De son côté, Dans le même temps, Toutefois, En outre, Pour l’heure,
    Dans la foulée, À ce stade, Selon nos informations, Pour rappel, En attendant,
    Sur le terrain, Au total
""")
FACTS = _lines("""
    la question divise profondément la classe politique
    les négociations se poursuivent à huis clos
    plusieurs quartiers restent privés de courant plus de dix heures par jour
    le dossier traîne depuis plus de deux ans
    aucune date n’a encore été fixée pour le vote
    les bailleurs internationaux conditionnent leur aide à des réformes profondes
    la mesure devrait concerner plusieurs dizaines de milliers de familles
    les files d’attente se sont allongées devant les stations-service
    les prix ont presque doublé en quelques mois
    le texte doit encore être examiné en séance plénière
    les associations de consommateurs dénoncent une décision précipitée
    la situation reste tendue dans plusieurs régions du pays
    les discussions ont repris après une longue interruption
    le projet avait été gelé faute de financement
    les premiers travaux pourraient débuter avant la fin de l’année
    la fréquentation a nettement baissé depuis le début de la crise
    le ministère n’a pas souhaité commenter ces informations
    un comité de suivi doit être mis en place dans les prochaines semaines
    les experts appellent à la prudence
    les habitants attendent des mesures concrètes
    la décision a été accueillie avec soulagement par les professionnels du secteur
    le calendrier reste flou
    plusieurs pays voisins ont adopté des mesures comparables
    les recettes de l’État ont fortement diminué
    le coût total de l’opération n’a pas été rendu public
    une réunion de suivi est prévue la semaine prochaine
    les syndicats menacent d’une grève générale
    les écoles publiques peinent à retenir leurs enseignants
    la saison touristique s’annonce meilleure que prévu
    le secteur emploie plusieurs milliers de personnes
    les autorités locales réclament davantage de moyens
    la population reste sceptique
    les chiffres officiels sont contestés par plusieurs économistes
    l’initiative a déjà été testée dans trois villes
    le texte prévoit une période de transition de six mois
    les résultats sont attendus au printemps
    la réforme est réclamée depuis des années par les bailleurs
    aucun incident n’a été signalé
    les organisateurs espèrent attirer un large public
    le public a répondu présent malgré la chaleur
""")
QUOTES = _lines("""
    Nous ne pouvons plus attendre
    Il faut rétablir la confiance avant toute chose
    La situation reste très préoccupante
    Ce n’est qu’un premier pas
    Personne ne nous a consultés
    Nous irons jusqu’au bout
    Les gens n’en peuvent plus
    C’est une décision courageuse, mais elle arrive tard
    Nous avons besoin de règles claires et stables
    Tout le monde doit faire un effort
    Le plus dur reste à faire
    On nous promet beaucoup, on ne voit rien venir
    Il n’y a pas d’autre solution
    Nous restons ouverts au dialogue
    Ce projet changera le quotidien de milliers de familles
    Nous avons été pris de court
    Les chiffres parlent d’eux-mêmes
    Il est encore trop tôt pour tirer des conclusions
    Nous demandons simplement que la loi soit appliquée
    C’est tout un secteur qui est menacé
    La jeunesse mérite mieux
    Nous travaillons jour et nuit pour tenir les délais
    Le pays ne peut pas se permettre un nouvel échec
    Chacun doit prendre ses responsabilités
    Nous ne céderons pas
    Le public est revenu, et c’est la meilleure des nouvelles
    Il faut tout reconstruire, pierre par pierre
    Nous n’avons jamais connu une saison pareille
    La confiance ne se décrète pas
    C’est une question de dignité
""")
SPEAKERS = _lines("""
    un responsable du ministère
    une source proche du dossier
    le porte-parole du gouvernement
    une habitante {de_place}
    un commerçant {de_place}
    un député de l’opposition
    une enseignante
    un économiste
    une militante associative
    le président de la fédération
    un diplomate européen
    une chercheuse de l’université
    un agriculteur de la Békaa
    le maire {de_place}
    une infirmière
    un chauffeur de taxi
    une étudiante
    un entrepreneur
    la directrice du festival
    un syndicaliste
    un ancien ministre
    une avocate
""")
SAYS = _words("""
    a déclaré, a affirmé, a estimé, a souligné, a confié, résume, explique, insiste, assure,
    regrette
""")
SOURCES = _lines("""
    l’Administration centrale de la statistique
    les chiffres du ministère
    un rapport de la Banque mondiale
    les données des douanes
    une enquête de l’observatoire des prix
    la chambre de commerce
    une étude universitaire
    les statistiques officielles
""")
# Singular, so that « a augmenté » agrees.
METRICS = _lines("""
    le prix du pain
    le nombre de demandeurs d’emploi
    la fréquentation des musées
    le trafic au port
    le prix de l’essence
    le coût moyen d’un panier de courses
    le nombre de touristes
    la production d’électricité
    le montant des transferts de la diaspora
    le nombre d’élèves inscrits dans le public
    le volume des exportations agricoles
    le niveau des loyers
    le nombre de vols quotidiens
    la consommation d’eau
    le nombre d’entreprises créées
    le prix des médicaments importés
""")
TRENDS = _words("augmenté, reculé, progressé, baissé, bondi, chuté")
PERIODS = _words("""
    en un an, depuis janvier, sur les six derniers mois, par rapport à l’an dernier,
    au dernier trimestre, en deux ans
""")
# What is to come: a modal (singular / plural), an infinitive, an object, a time.
MODALS = [
    tuple(forms.split(" / "))
    for forms in _words("""
        doit / doivent, devrait / devraient, pourrait / pourraient, entend / entendent,
        compte / comptent, espère / espèrent
    """)
]
INFINITIVES = _words("""
    examiner, présenter, adopter, réviser, financer, lancer, soumettre au vote, défendre,
    mettre en œuvre, finaliser
""")
FUTURES = _lines("""
    d’ici à la fin du mois
    la semaine prochaine
    avant l’été
    dans les prochains jours
    au cours du prochain trimestre
    lors de la prochaine session
    avant la fin de l’année
    dès la rentrée
""")
TAG_NAMES = list(dict.fromkeys(TOPICS + PLACES + COUNTRIES + INSTITUTIONS))


# -- Text ----------------------------------------------------------------------------------------


def _de(place: str) -> str:
    """« de Tyr », « d’Alep », « du Caire »."""
    if place.startswith("Le "):
        return f"du {place[3:]}"
    return f"d’{place}" if place[0] in "AEIOUYÉÈÂÎ" else f"de {place}"


def _at(place: str) -> str:
    """« à Tyr », « au Caire »."""
    return f"au {place[3:]}" if place.startswith("Le ") else f"à {place}"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[0].upper() + text[1:]


@dataclass(slots=True)
class _Story:
    """What an article is about: who did what, where, and under which topic."""

    actor: str
    plural: bool
    verb: tuple[str, str, str]
    object: str
    place: str
    topic: str


def _actor(rng: random.Random, place: str) -> tuple[str, bool]:
    """A subject of the news, and whether it is plural."""
    words = rng.choice(ACTORS)
    return words.format(de_place=_de(place)), words.startswith(PLURAL_STARTS)


def _story(rng: random.Random) -> _Story:
    place = rng.choice(PLACES)
    actor, plural = _actor(rng, place)
    return _Story(
        actor=actor,
        plural=plural,
        verb=rng.choice(VERBS),
        object=rng.choice(OBJECTS),
        place=place,
        topic=rng.choice(TOPICS),
    )


def _headline(rng: random.Random, story: _Story) -> str:
    verb = story.verb[1] if story.plural else story.verb[0]
    action = f"{_lower_first(story.actor)} {verb} {story.object}"
    form = rng.random()
    if form < 0.4:
        return f"{story.topic} : {action}"
    if form < 0.6 and story.place not in story.actor:
        return f"{_upper_first(_at(story.place))}, {action}"
    if form < 0.65:
        return f"{_upper_first(story.object)} : ce qu’il faut savoir"
    return _upper_first(action)


def _event(
    rng: random.Random, actor: str, plural: bool, verb: tuple[str, str, str], obj: str, place: str
) -> str:
    """« Le Parlement a adopté la réforme des retraites lundi. »"""
    circumstance = rng.choice(CIRCUMSTANCES).format(at_place=_at(place))
    separator = "" if circumstance.startswith(",") else " "
    auxiliary = "ont" if plural else "a"
    return f"{actor} {auxiliary} {verb[2]} {obj}{separator}{circumstance}."


def _random_event(rng: random.Random, story: _Story) -> str:
    actor, plural = _actor(rng, story.place)
    return _event(rng, actor, plural, rng.choice(VERBS), rng.choice(OBJECTS), story.place)


def _fact(rng: random.Random, story: _Story) -> str:
    fact = rng.choice(FACTS)
    if rng.random() < 0.6:
        return f"{rng.choice(CONNECTORS)}, {fact}."
    return f"{_upper_first(fact)}."


def _speaker(rng: random.Random, story: _Story) -> str:
    return rng.choice(SPEAKERS).format(de_place=_de(story.place))


def _quotation(rng: random.Random, story: _Story) -> str:
    return f"« {rng.choice(QUOTES)} », {rng.choice(SAYS)} {_speaker(rng, story)}."


def _statistic(rng: random.Random, story: _Story) -> str:
    value = rng.randint(2, 60)
    figure = f"{value},{rng.randint(1, 9)}" if rng.random() < 0.4 else str(value)
    return (
        f"Selon {rng.choice(SOURCES)}, {rng.choice(METRICS)} a {rng.choice(TRENDS)} "
        f"de {figure}\u00a0% {rng.choice(PERIODS)}."
    )


def _outlook(rng: random.Random, story: _Story) -> str:
    actor, plural = _actor(rng, story.place)
    modal = rng.choice(MODALS)[1 if plural else 0]
    return f"{actor} {modal} {rng.choice(INFINITIVES)} {rng.choice(OBJECTS)} {rng.choice(FUTURES)}."


SENTENCES = [_random_event, _fact, _fact, _quotation, _statistic, _outlook]


def _paragraph(rng: random.Random, story: _Story) -> str:
    sentences = [rng.choice(SENTENCES)(rng, story) for _n in range(rng.randint(2, 4))]
    return f"<p>{escape(' '.join(sentences), quote=False)}</p>"


def _block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _body(rng: random.Random, story: _Story) -> list[dict]:
    """StreamField JSON: paragraphs, a subheading before each later part, now and then a quote."""
    blocks = []
    for part in range(rng.randint(1, 4)):
        if part:
            blocks.append({"type": "subheading", "value": rng.choice(SUBHEADINGS)})
        blocks += [
            {"type": "paragraph", "value": _paragraph(rng, story)}
            for _n in range(rng.randint(2, 4))
        ]
        if rng.random() < 0.15:
            quote = {"text": f"{rng.choice(QUOTES)}.", "attribution": _speaker(rng, story)}
            blocks.append({"type": "quote", "value": quote})
    for block in blocks:
        block["id"] = _block_id(rng)
    return blocks


def _standfirst(rng: random.Random, story: _Story) -> str:
    lead = _event(rng, story.actor, story.plural, story.verb, story.object, story.place)
    follow = rng.choice((_fact, _outlook, None))
    return f"{lead} {follow(rng, story)}" if follow else lead


# -- Articles as drafts --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Newsroom:
    """What generated articles are attached to, with how often each is drawn."""

    sections: list[SectionPage]
    section_weights: list[float]
    author_ids: list[int]
    agency_ids: list[int]
    tag_ids: dict[str, int]
    tag_pool: list[int]
    tag_weights: list[float]


@dataclass(slots=True)
class _Draft:
    """One article to write: its section, text, dates, byline and tags."""

    section: SectionPage
    title: str
    kicker: str
    standfirst: str
    body: list[dict]
    first_published_at: datetime
    last_published_at: datetime
    author_ids: tuple[int, ...]
    agency_id: int | None
    tag_ids: tuple[int, ...]


def _cumulative_zipf(rng: random.Random, items: list) -> list[float]:
    """Shuffle `items` in place; cumulative weights that make the first ones the most drawn."""
    rng.shuffle(items)
    return list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(items))))


def _publication_dates(rng: random.Random, now: datetime) -> tuple[datetime, datetime]:
    age = PUBLICATION_SPAN * rng.random() ** 1.5 + timedelta(minutes=rng.randint(5, 600))
    first = (now - age).replace(microsecond=0)
    if rng.random() >= UPDATED_SHARE:
        return first, first
    return first, min(first + timedelta(minutes=rng.randint(10, 36 * 60)), now)


def _byline(rng: random.Random, newsroom: _Newsroom) -> tuple[tuple[int, ...], int | None]:
    """Mostly one or two of the staff; otherwise an agency, alone or with the staff."""
    kind = rng.random()
    agency = rng.choice(newsroom.agency_ids) if kind >= 0.7 and newsroom.agency_ids else None
    if agency is not None and kind < 0.9:
        return (), agency
    authors = rng.sample(
        newsroom.author_ids, min(rng.choice((1, 1, 1, 2)), len(newsroom.author_ids))
    )
    return tuple(authors), agency


def _tags(rng: random.Random, newsroom: _Newsroom, story: _Story) -> tuple[int, ...]:
    """1 to 4 tags: the story's topic, maybe its place, and popular ones."""
    wanted = rng.randint(1, 4)
    chosen = [newsroom.tag_ids[story.topic]]
    if wanted > 1 and rng.random() < 0.5:
        chosen.append(newsroom.tag_ids[story.place])
    while len(set(chosen)) < wanted:
        chosen += rng.choices(newsroom.tag_pool, cum_weights=newsroom.tag_weights)
    return tuple(dict.fromkeys(chosen))


def _draft_article(rng: random.Random, newsroom: _Newsroom, now: datetime) -> _Draft:
    """An article composed at random, in the order `rng` is drawn: same seed, same article."""
    story = _story(rng)
    section = rng.choices(newsroom.sections, cum_weights=newsroom.section_weights)[0]
    first, last = _publication_dates(rng, now)
    authors, agency = _byline(rng, newsroom)
    return _Draft(
        section=section,
        title=_headline(rng, story),
        kicker=rng.choice(KICKERS) if rng.random() < 0.15 else "",
        standfirst=_standfirst(rng, story),
        body=_body(rng, story),
        first_published_at=first,
        last_published_at=last,
        author_ids=authors,
        agency_id=agency,
        tag_ids=_tags(rng, newsroom, story),
    )


# -- The newsroom --------------------------------------------------------------------------------


def _live_sections() -> list[SectionPage]:
    """Live sections in tree order; a few top-level ones are created if there are none."""
    sections = list(SectionPage.objects.live().order_by("path"))
    if sections:
        return sections
    home = ensure_newsroom(site_name="Quotidien")
    taken = set(home.get_children().values_list("slug", flat=True))
    for slug, title, intro in DEFAULT_SECTIONS:
        if slug not in taken:
            section = home.add_child(instance=SectionPage(title=title, slug=slug, intro=intro))
            section.save_revision().publish()
    sections = list(SectionPage.objects.live().order_by("path"))
    if not sections:
        raise ValueError(_("Aucune rubrique publiée où placer les articles."))
    return sections


def _author_ids() -> list[int]:
    if not Author.objects.exists():
        Author.objects.bulk_create(
            Author(name=name, slug=slugify(name), role=role) for name, role in DEFAULT_AUTHORS
        )
    return list(Author.objects.order_by("pk").values_list("pk", flat=True))


def _agency_ids() -> list[int]:
    if not Agency.objects.exists():
        Agency.objects.bulk_create(
            Agency(name=name, short_name=short, slug=slug) for name, short, slug in DEFAULT_AGENCIES
        )
    return list(Agency.objects.order_by("pk").values_list("pk", flat=True))


def _tag_ids(names: Sequence[str]) -> dict[str, int]:
    """The tag of each name, created if missing; an existing tag with the same slug is reused."""
    slugs = {name: Tag().slugify(name) for name in names}
    Tag.objects.bulk_create(
        [Tag(name=name, slug=slug) for name, slug in slugs.items()], ignore_conflicts=True
    )
    by_name = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    by_slug = dict(Tag.objects.filter(slug__in=slugs.values()).values_list("slug", "pk"))
    return {name: by_name.get(name) or by_slug[slug] for name, slug in slugs.items()}


def _prepare_newsroom(rng: random.Random) -> _Newsroom:
    """Sections, bylines and tags for the articles, created where the site has none."""
    with transaction.atomic():
        sections = _live_sections()
        tag_ids = _tag_ids(TAG_NAMES)
        author_ids, agency_ids = _author_ids(), _agency_ids()
    tag_pool = list(dict.fromkeys(tag_ids.values()))
    return _Newsroom(
        sections=sections,
        section_weights=_cumulative_zipf(rng, sections),
        author_ids=author_ids,
        agency_ids=agency_ids,
        tag_ids=tag_ids,
        tag_pool=tag_pool,
        tag_weights=_cumulative_zipf(rng, tag_pool),
    )


# -- Writing to the database ---------------------------------------------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _children(section: SectionPage) -> PageQuerySet:
    return Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)


def _next_position(section: SectionPage) -> int:
    """The treebeard step after the section's last child: new children go at the end."""
    last_path = _children(section).aggregate(last=Max("path"))["last"]
    return Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1


def _slug_base(title: str) -> str:
    return slugify(title)[:SLUG_BASE_LENGTH].strip("-") or "article"


def _taken_slugs(section: SectionPage, slugs: list[str]) -> set[str]:
    taken = set()
    for chunk in _chunks(slugs, LOOKUP_CHUNK):
        taken.update(_children(section).filter(slug__in=chunk).values_list("slug", flat=True))
    return taken


def _unique_slugs(section: SectionPage, slugs: list[str]) -> list[str]:
    """`slugs`, with a suffix added to any that a page of the section already has."""
    suffix = 1
    while taken := _taken_slugs(section, slugs):
        suffix += 1
        slugs = [f"{slug}-{suffix}" if slug in taken else slug for slug in slugs]
    return slugs


def _tree_pages(section: SectionPage, drafts: list[_Draft], content_type_id: int) -> list[Page]:
    """Unsaved page rows for `drafts`, as the section's next children, and its numchild raised."""
    first = _next_position(section)
    last = first + len(drafts) - 1
    if len(Page._int2str(last)) > Page.steplen:
        raise PathOverflow(
            _("La rubrique « %(title)s » ne peut pas recevoir %(count)d articles de plus.")
            % {"title": section.title, "count": len(drafts)}
        )
    slugs = _unique_slugs(
        section,
        [f"{_slug_base(draft.title)}-{first + i}" for i, draft in enumerate(drafts)],
    )
    depth = section.depth + 1
    pages = [
        Page(
            path=Page._get_path(section.path, depth, first + i),
            depth=depth,
            numchild=0,
            title=draft.title,
            draft_title=draft.title,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            content_type_id=content_type_id,
            locale_id=section.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=draft.first_published_at,
            last_published_at=draft.last_published_at,
            latest_revision_created_at=draft.last_published_at,
        )
        for i, (draft, slug) in enumerate(zip(drafts, slugs, strict=True))
    ]
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(drafts))
    return pages


def _insert_article_rows(pairs: list[tuple[Page, _Draft]]) -> None:
    """The `news_articlepage` rows: Django cannot bulk-create a multi-table child model.

    Columns the generator does not fill take their model default.
    """
    given = ["page_ptr", "kicker", "standfirst", "body", "agency"]
    others = [
        field
        for field in ArticlePage._meta.local_concrete_fields
        if field.name not in given and field.has_default()
    ]
    fields = [ArticlePage._meta.get_field(name) for name in given] + others
    defaults = [field.get_default() for field in others]
    connection = connections[router.db_for_write(ArticlePage)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(ArticlePage._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(
                fields,
                (page.pk, draft.kicker, draft.standfirst, draft.body, draft.agency_id, *defaults),
                strict=True,
            )
        ]
        for page, draft in pairs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _insert_links(pairs: list[tuple[Page, _Draft]]) -> None:
    """Authors and tags of the new articles."""
    Byline = ArticlePage.authors.through
    Byline.objects.bulk_create(
        Byline(articlepage_id=page.pk, author_id=author_id)
        for page, draft in pairs
        for author_id in draft.author_ids
    )
    ArticleTag.objects.bulk_create(
        ArticleTag(content_object_id=page.pk, tag_id=tag_id)
        for page, draft in pairs
        for tag_id in draft.tag_ids
    )


def _save_drafts(drafts: list[_Draft], content_type_id: int) -> None:
    """Write `drafts` as live article pages, in one transaction, ids in the order of `drafts`."""
    indexes_by_section: dict[int, list[int]] = {}
    for index, draft in enumerate(drafts):
        indexes_by_section.setdefault(draft.section.pk, []).append(index)
    pages: list[Page | None] = [None] * len(drafts)
    with transaction.atomic():
        for indexes in indexes_by_section.values():
            group = [drafts[index] for index in indexes]
            for index, page in zip(
                indexes, _tree_pages(group[0].section, group, content_type_id), strict=True
            ):
                pages[index] = page
        Page.objects.bulk_create(pages, batch_size=PAGE_INSERT_BATCH)
        pairs = list(zip(pages, drafts, strict=True))
        _insert_article_rows(pairs)
        _insert_links(pairs)


def generate_corpus(
    *,
    articles: int,
    comments: int = 0,
    seed: int = 0,
    batch_size: int = 5000,
    progress: Progress | None = None,
    comment_progress: Progress | None = None,
) -> int:
    """Create `articles` live articles with generated French text; return how many.

    The articles are spread over the live sections (if there is none, the newsroom
    is set up and a few top-level sections are created), signed by the existing
    authors and agencies (a handful is created if there is none) and tagged with
    1 to 4 tags from a pool of a few hundred. They are published at dates spread
    over the last five years, counted back from now.

    Pages are written with bulk inserts, `batch_size` articles per transaction,
    at the end of each section's children: tree paths, `numchild`, `url_path` and
    slugs (unique among siblings) are computed here, as treebeard and Wagtail
    would. Nothing else runs: no revisions, no signals, no reference index, and
    the articles are **not indexed** for search (index them afterwards with
    `quotidien rebuild_search_index --missing`, or `generate_corpus --index`).

    Generation is deterministic: given the same live sections, the same `seed`
    gives the same articles (text, section, byline, tags, and dates relative to
    now), whatever `batch_size`; only slugs and tree paths depend on what the
    sections already hold. Calling it again adds articles after the existing
    ones. `progress(done, total)` is called after each batch.

    Then `comments` reader comments are added under the live articles, the new
    ones included (see `generate_comments`, given the same `seed`;
    `comment_progress` follows them).
    """
    if articles < 0:
        raise ValueError(_("Le nombre d’articles ne peut pas être négatif."))
    if comments < 0:
        raise ValueError(_("Le nombre de commentaires ne peut pas être négatif."))
    if batch_size < 1:
        raise ValueError(_("La taille des lots doit être d’au moins un article."))
    created = _generate_articles(
        articles=articles, seed=seed, batch_size=batch_size, progress=progress
    )
    generate_comments(comments=comments, seed=seed, progress=comment_progress)
    return created


def _generate_articles(
    *, articles: int, seed: int, batch_size: int, progress: Progress | None
) -> int:
    if not articles:
        return 0
    rng = random.Random(seed)
    newsroom = _prepare_newsroom(rng)
    content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    now = timezone.now()
    done = 0
    while done < articles:
        size = min(batch_size, articles - done)
        _save_drafts([_draft_article(rng, newsroom, now) for _n in range(size)], content_type_id)
        done += size
        if progress is not None:
            progress(done, articles)
    return done


# -- Comments ------------------------------------------------------------------------------------

# Readers who write the generated comments: bulk-created once, reused by later calls.
READER_POOL = 2000
READER_EMAIL = "lecteur-{number:05d}@lecteurs.invalid"
# Comments per transaction, and rows per INSERT (Django lowers it where the database requires).
COMMENT_BATCH = 20_000
COMMENT_INSERT_BATCH = 2000
REPLY_SHARE = 0.1
# Of the comments that are not replies (replies answer published comments and are published).
PENDING_SHARE = 0.04
REJECTED_SHARE = 0.03
# Of the published ones: released by a moderator some time after they were written.
MODERATED_SHARE = 0.05
# An article’s pull fades with its age: by half ten days after publication, by two thirds at 20.
INTEREST_HALF_LIFE_DAYS = 10
# Even the keenest reader takes a while to read and write.
COMMENT_DELAY = timedelta(minutes=15)

FIRST_NAMES = _words("""
    Rania, Karim, Nour, Georges, Léa, Samir, Mona, Élie, Hiba, Fadi, Christine, Walid, Aline,
    Rami, Dalia, Joseph, Salma, Marc, Lina, Tony, Souad, Michel, Yara, Omar, Nadine, Paul, Zeina,
    Charbel, Hala, Sami, Maroun, Rita, Ziad, Carole, Bassam, Myriam, Antoine, Leila, Hassan, Joëlle
""")
PSEUDONYMS = _words("""
    Citoyen lambda, Vieux lecteur, Une voix du Sud, L’ingénieur, Fidèle abonné, Simple passant,
    Le Montagnard, Une mère inquiète, Ancien fonctionnaire, Observateur, Expatrié nostalgique,
    Jeune diplômée
""")
OPENERS = _lines("""
    Merci pour cet article clair et précis.
    Enfin quelqu’un qui en parle.
    Encore une promesse qui ne sera pas tenue.
    Je ne suis pas surpris.
    Quelle tristesse.
    Bonne nouvelle, pour une fois.
    Article intéressant, mais incomplet.
    On a déjà entendu cela l’an dernier.
    Je découvre ce dossier en vous lisant.
    Voilà qui donne un peu d’espoir.
    Toujours la même histoire.
    Rien de nouveau sous le soleil.
    Bravo pour cette enquête.
    Je reste sceptique.
    Très bon résumé de la situation.
    Difficile d’y croire.
    Il était temps !
    Que de temps perdu.
""")
# Plural subjects and what they do, combined at random.
COMMENT_SUBJECTS = _lines("""
    Les responsables
    Nos élus
    Les habitants
    Les jeunes
    Les commerçants
    Les familles
    Les retraités
    Les municipalités
    Les partis
    Les experts
""")
COMMENT_PREDICATES = _lines("""
    attendent des actes, pas des discours
    savent très bien ce qu’il faudrait faire
    paient toujours la facture
    n’ont plus confiance
    devraient rendre des comptes
    méritent mieux que cela
    ont été oubliés dans ce plan
    se débrouillent comme ils peuvent
    n’ont pas les moyens de suivre
    répètent les mêmes arguments depuis des années
    font ce qu’ils peuvent avec presque rien
""")
THOUGHTS = _lines("""
    Il faudrait commencer par réparer ce qui existe.
    Dans mon quartier, rien n’a changé depuis des mois.
    Ma famille vit exactement la même chose {at_place}.
    J’étais {at_place} la semaine dernière : c’est pire que ce que l’on raconte.
    Qui va payer, au bout du compte ?
    Les chiffres cités me paraissent bien optimistes.
    Il manque l’avis des premiers concernés.
    Pourquoi personne n’en parlait avant ?
    On verra dans six mois.
    Le problème est connu depuis vingt ans.
    Une réforme sans contrôle ne sert pas à grand-chose.
    Bon courage à celles et ceux qui y travaillent.
    Il serait temps d’écouter les gens du métier.
    Mes parents racontaient déjà la même chose.
    Un calendrier précis aurait été le bienvenu.
    J’aimerais lire la suite de ce reportage.
    Ce serait bien de comparer avec ce qui se fait ailleurs.
    Tant que rien ne bouge, les gens partiront.
""")
CLOSERS = _lines("""
    Affaire à suivre.
    Merci au journal.
    On en reparlera.
    Espérons que cela dure.
    Courage à tous.
    Wait and see, comme on dit.
""")
REPLY_OPENERS = _lines("""
    Vous avez raison.
    Je ne partage pas votre avis.
    Tout à fait d’accord avec vous.
    C’est un peu plus compliqué que cela.
    Merci pour ce témoignage.
    Je vis la même chose.
    Avez-vous lu l’article jusqu’au bout ?
    Pas si vite.
    Bien dit.
""")
# Why a generated comment waits for a moderator or was refused, in the screening's words.
HELD_FINDINGS = [
    ("flood", "Caractère répété à la suite"),
    ("rate", "Trop de commentaires en une minute (4)"),
    ("shouting", "Commentaire écrit en majuscules (92 % des lettres)"),
]
REFUSALS = _lines("""
    Hors sujet.
    Contraire à la charte des commentaires.
    Attaque personnelle contre un autre lecteur.
    Message publicitaire.
""")


@dataclass(frozen=True)
class _Audience:
    """The articles that draw comments (with how much) and the readers who write them."""

    article_ids: list[int]
    indexes: range
    published: list[datetime]
    article_weights: list[float]
    reader_ids: list[int]
    reader_weights: list[float]


def _comment_text(rng: random.Random, *, reply: bool) -> str:
    """Two to four short sentences, as a reader would write under an article."""
    parts = [rng.choice(REPLY_OPENERS if reply else OPENERS)]
    for _n in range(rng.randint(1, 3)):
        if rng.random() < 0.4:
            parts.append(f"{rng.choice(COMMENT_SUBJECTS)} {rng.choice(COMMENT_PREDICATES)}.")
        else:
            parts.append(rng.choice(THOUGHTS).format(at_place=_at(rng.choice(PLACES))))
    if rng.random() < 0.3:
        parts.append(rng.choice(CLOSERS))
    return " ".join(parts)


def _display_name(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.15:
        return rng.choice(PSEUDONYMS)
    if kind < 0.35:
        return f"{rng.choice(FIRST_NAMES)} {_de(rng.choice(PLACES))}"
    return f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHIJKLMNOPRSTYZ')}."


def _reader_ids(rng: random.Random, count: int, now: datetime) -> list[int]:
    """The pool's accounts, those missing created with no usable password."""
    User = get_user_model()
    emails = [READER_EMAIL.format(number=number) for number in range(1, count + 1)]
    User.objects.bulk_create(
        (
            User(
                username=email,
                email=email,
                display_name=_display_name(rng),
                password=make_password(None),
                date_joined=now - PUBLICATION_SPAN - timedelta(days=rng.randint(1, 365)),
            )
            for email in emails
        ),
        batch_size=COMMENT_INSERT_BATCH,
        ignore_conflicts=True,
    )
    ids = []
    for chunk in _chunks(emails, LOOKUP_CHUNK):
        ids += User.objects.filter(username__in=chunk).order_by("pk").values_list("pk", flat=True)
    return sorted(ids)


def _audience(rng: random.Random, readers: int, now: datetime) -> _Audience:
    rows = list(
        ArticlePage.objects.live()
        .filter(first_published_at__lte=now)
        .order_by("pk")
        .values_list("pk", "first_published_at")
    )
    if not rows:
        raise ValueError(_("Aucun article publié sous lequel placer les commentaires."))
    day = timedelta(days=1)
    # Some stories draw a crowd whatever their age; all of them fade as they get older.
    weights = [
        rng.lognormvariate(0, 0.8) / (1 + (now - published) / day / INTEREST_HALF_LIFE_DAYS)
        for _pk, published in rows
    ]
    reader_ids = _reader_ids(rng, readers, now)
    return _Audience(
        article_ids=[pk for pk, _published in rows],
        indexes=range(len(rows)),
        published=[published for _pk, published in rows],
        article_weights=list(accumulate(weights)),
        reader_ids=reader_ids,
        reader_weights=_cumulative_zipf(rng, reader_ids),
    )


@dataclass(slots=True)
class _CommentDraft:
    """One comment to write; `pk` is given here so that replies can point at their thread."""

    pk: int
    article_id: int
    author_id: int
    body: str
    created_at: datetime
    closes_at: datetime
    status: str = Comment.Status.PUBLISHED
    published_at: datetime | None = None
    moderated_at: datetime | None = None
    held_reason: str = ""
    findings: list | None = None
    parent_id: int | None = None


def _later(rng: random.Random, moment: datetime, now: datetime) -> datetime:
    """A few minutes to a few hours after `moment`, and not after `now`."""
    return min(moment + timedelta(minutes=rng.randint(2, 6 * 60)), now)


def _top_comment(
    rng: random.Random, pk: int, audience: _Audience, now: datetime, open_for: timedelta
) -> _CommentDraft:
    """A comment under an article drawn by its pull: mostly published, a few held or refused."""
    index = rng.choices(audience.indexes, cum_weights=audience.article_weights)[0]
    published = audience.published[index]
    # Most comments come in the first hours, none after the article closes.
    delay = (open_for - COMMENT_DELAY) * rng.random() ** 4 + COMMENT_DELAY * rng.random()
    written = published + delay
    if written > now:
        written = published + (now - published) * rng.random()
    comment = _CommentDraft(
        pk=pk,
        article_id=audience.article_ids[index],
        author_id=rng.choices(audience.reader_ids, cum_weights=audience.reader_weights)[0],
        body=_comment_text(rng, reply=False),
        created_at=written.replace(microsecond=0),
        closes_at=published + open_for,
    )
    fate = rng.random()
    if fate < PENDING_SHARE:
        rule, reason = rng.choice(HELD_FINDINGS)
        if rule == "shouting":
            comment.body = comment.body.upper()
        elif rule == "flood":
            comment.body += " !!!!!!!!"
        comment.status = Comment.Status.PENDING
        comment.held_reason = reason
        comment.findings = [{"rule": rule, "verdict": "hold", "reason": reason}]
    elif fate < PENDING_SHARE + REJECTED_SHARE:
        comment.status = Comment.Status.REJECTED
        comment.held_reason = rng.choice(REFUSALS)
        comment.moderated_at = _later(rng, comment.created_at, now)
    elif rng.random() < MODERATED_SHARE:
        comment.published_at = comment.moderated_at = _later(rng, comment.created_at, now)
    else:
        comment.published_at = comment.created_at
    return comment


def _reply(
    rng: random.Random, pk: int, parent: _CommentDraft, audience: _Audience, now: datetime
) -> _CommentDraft:
    """A published answer to a published comment, written after it under the same article."""
    written = min(_later(rng, parent.published_at, now), parent.closes_at)
    return _CommentDraft(
        pk=pk,
        article_id=parent.article_id,
        parent_id=parent.pk,
        author_id=rng.choices(audience.reader_ids, cum_weights=audience.reader_weights)[0],
        body=_comment_text(rng, reply=True),
        created_at=written,
        closes_at=parent.closes_at,
        published_at=written,
    )


def _answerable(draft: _CommentDraft) -> bool:
    """Published while the article still takes comments."""
    return draft.status == Comment.Status.PUBLISHED and draft.published_at < draft.closes_at


def _draft_comments(
    rng: random.Random, first_pk: int, size: int, audience: _Audience, now: datetime
) -> list[_CommentDraft]:
    """`size` comments, ids from `first_pk`: threads, then replies to the published ones."""
    open_for = timedelta(days=settings.QUOTIDIEN_COMMENTS_OPEN_DAYS)
    replies = sum(rng.random() < REPLY_SHARE for _n in range(size))
    drafts = [
        _top_comment(rng, first_pk + n, audience, now, open_for) for n in range(size - replies)
    ]
    answerable = [draft for draft in drafts if _answerable(draft)]
    while len(drafts) < size and not answerable:
        # Nothing to answer in a tiny batch: more threads instead of replies.
        drafts.append(_top_comment(rng, first_pk + len(drafts), audience, now, open_for))
        replies -= 1
        answerable = [draft for draft in drafts if _answerable(draft)]
    drafts += [
        _reply(rng, first_pk + len(drafts) + n, rng.choice(answerable), audience, now)
        for n in range(replies)
    ]
    return drafts


def _insert_comment_rows(drafts: list[_CommentDraft]) -> None:
    """The rows, by one prepared INSERT run many times: far faster than `bulk_create` here."""
    connection = connections[router.db_for_write(Comment)]
    quote = connection.ops.quote_name
    names = [
        "id",
        "article",
        "parent",
        "author",
        "body",
        "status",
        "held_reason",
        "findings",
        "created_at",
        "published_at",
        "moderated_at",
        "open_reports",
    ]
    fields = [Comment._meta.get_field(name) for name in names]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(Comment._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    findings_field, date_field = Comment._meta.get_field("findings"), fields[8]
    no_findings = findings_field.get_db_prep_save([], connection)

    def moment(value: datetime | None):
        return None if value is None else date_field.get_db_prep_save(value, connection)

    rows = [
        (
            draft.pk,
            draft.article_id,
            draft.parent_id,
            draft.author_id,
            draft.body,
            str(draft.status),
            draft.held_reason,
            findings_field.get_db_prep_save(draft.findings, connection)
            if draft.findings
            else no_findings,
            moment(draft.created_at),
            moment(draft.published_at),
            moment(draft.moderated_at),
            0,
        )
        for draft in drafts
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _reset_comment_ids() -> None:
    """Let the database hand out ids after the ones given here (PostgreSQL's sequence)."""
    connection = connections[router.db_for_write(Comment)]
    statements = connection.ops.sequence_reset_sql(no_style(), [Comment])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def generate_comments(
    *,
    comments: int,
    seed: int = 0,
    readers: int = READER_POOL,
    batch_size: int = COMMENT_BATCH,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Add `comments` reader comments under the live articles; return how many.

    Comments go mostly to recent articles (a story's pull fades with its age, and
    some stories draw more than others), are written by a pool of `readers`
    accounts (created if missing, without a usable password; a few readers write
    much more than the others), between an article's publication and the closing
    of its comments, and never after `now` (the present unless told). About one in
    ten is a reply to a published comment of the same article; a few wait for a
    moderator or were refused, with the reason the screening or a moderator would give.

    Rows are written with bulk inserts, `batch_size` comments per transaction,
    with ids after the highest one; no signal is sent and no cached page is marked
    out of date. The same live articles, readers, `seed`, `batch_size` and `now` give
    the same comments.
    """
    if comments < 0:
        raise ValueError(_("Le nombre de commentaires ne peut pas être négatif."))
    if batch_size < 1 or readers < 1:
        raise ValueError(
            _("La taille des lots et le nombre de lecteurs doivent valoir au moins 1.")
        )
    if not comments:
        return 0
    rng = random.Random(f"commentaires-{seed}")
    now = now or timezone.now()
    audience = _audience(rng, readers, now)
    done = 0
    while done < comments:
        size = min(batch_size, comments - done)
        with transaction.atomic():
            first_pk = (Comment.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
            _insert_comment_rows(_draft_comments(rng, first_pk, size, audience, now))
            _reset_comment_ids()
        done += size
        if progress is not None:
            progress(done, comments)
    return done
