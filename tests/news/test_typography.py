"""French typography at render time: each rule, the text it must leave alone, and its
application to the article body's blocks."""

import re
from html import escape, unescape
from io import BytesIO

import hypothesis
import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template
from hypothesis import strategies as st
from lxml import html as lxml_html

from quotidien.demo.photos import photo_jpeg
from quotidien.french.typography import typeset_html, typeset_text
from quotidien.news.images import NewsImage
from tests.html_validation import validate_html

NARROW = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space


def setting(text: str) -> str:
    """`text` set, its no-break spaces shown as the markers the expectations use."""
    return typeset_text(text).replace(NARROW, "_").replace(NBSP, "~")


# --- ; : ! ? ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Attention : danger", "Attention_: danger"),
        ("Attention: danger", "Attention_: danger"),
        ("Vraiment ? Oui !", "Vraiment_? Oui_!"),
        ("Vraiment? Oui!", "Vraiment_? Oui_!"),
        ("d’abord ; ensuite", "d’abord_; ensuite"),
        ("d’abord; ensuite", "d’abord_; ensuite"),
        ("Quoi ?!", "Quoi_?!"),
        ("en 2024!", "en 2024_!"),
        ("(vraiment)?", "(vraiment)_?"),
        ("Lire aussi  : la suite", "Lire aussi_: la suite"),
    ],
)
def test_narrow_no_break_space_comes_before_a_double_mark(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "La séance reprend à 21:30.",
        "Score final 2:1.",
        "Le fichier C:\\Documents est vide.",
        "Le type std::vector est connu.",
        "Merci :)",
        "Merci ;-)",
        "Génial :D",
        "Voir https://exemple.fr/page?id=3: la suite",
        "Écrire à redaction@exemple.fr: merci",
        "Voir www.exemple.fr/a?b=1; merci",
        "(?) et (!)",
    ],
)
def test_marks_in_times_addresses_paths_and_smileys_are_left_as_typed(typed):
    assert typeset_text(typed) == escape(typed)


def test_a_space_already_no_break_before_a_mark_is_not_doubled():
    assert typeset_text(f"Attention{NARROW}: danger{NBSP}!") == f"Attention{NARROW}: danger{NBSP}!"


# --- « » ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("« Bonjour »", "«_Bonjour_»"),
        ("«Bonjour»", "«_Bonjour_»"),
        ("«  Bonjour  »", "«_Bonjour_»"),
        (f"«{NARROW}Bonjour{NARROW}»", "«_Bonjour_»"),
        (f"«{NBSP}Bonjour{NBSP}»", "«~Bonjour~»"),
    ],
)
def test_guillemets_hold_their_words_with_one_narrow_no_break_space(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('Il a dit "non".', "Il a dit «_non_»."),
        ('"Oui", puis "non".', "«_Oui_», puis «_non_»."),
        ('("entre parenthèses")', "(«_entre parenthèses_»)"),
        (
            'Un pluviomètre de 12" et le mot "averse"',
            "Un pluviomètre de 12&quot; et le mot «_averse_»",
        ),
        ('Il a dit "oui" puis "non', "Il a dit «_oui_» puis &quot;non"),
    ],
)
def test_straight_double_quotes_that_pair_up_become_guillemets(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        'Il a dit "non.',
        'Un écran de 27" seulement.',
        'Le mot " seul.',
        'Le "bon "mot" est" ambigu.',
        'Un a"b au milieu.',
    ],
)
def test_a_quote_that_pairs_with_none_is_left_as_typed(typed):
    assert typeset_text(typed) == escape(typed)


def test_quotes_pair_around_inline_markup_and_not_across_paragraphs():
    assert typeset_html('<p>Selon "<i>Le Monde</i>", oui.</p>') == (
        f"<p>Selon «{NARROW}<i>Le Monde</i>{NARROW}», oui.</p>"
    )
    assert typeset_html('<p>Il dit "oui.</p><p>Elle dit" non.</p>') == (
        '<p>Il dit "oui.</p><p>Elle dit" non.</p>'
    )


# --- Numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("50 000 manifestants", "50_000 manifestants"),
        (f"50{NBSP}000 manifestants", "50_000 manifestants"),
        ("1 234 567 habitants", "1_234_567 habitants"),
        ("1 500,75 dollars", "1_500,75 dollars"),
        ("En 2015 100 000 réfugiés", "En 2015 100_000 réfugiés"),
    ],
)
def test_digit_groups_of_a_number_stay_together(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "En 2024 300 personnes.",
        "Appeler le 01 23 45 67.",
        "Les années 1975 1990.",
        "Un lot de 12 34 pièces.",
    ],
)
def test_numbers_that_are_not_digit_groups_keep_their_spaces(typed):
    assert typeset_text(typed) == typed


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("une hausse de 50 %", "une hausse de 50_%"),
        ("une hausse de 50%", "une hausse de 50_%"),
        ("2,5 ‰ des voix", "2,5_‰ des voix"),
        ("à 3 km de la côte", "à 3_km de la côte"),
        ("50 000 LL le litre", "50_000_LL le litre"),
        ("il fait 30 °C", "il fait 30_°C"),
        ("à 90 km/h", "à 90_km/h"),
        ("à 21 h 30", "à 21_h_30"),
        ("pendant 3 h.", "pendant 3_h."),
    ],
)
def test_a_number_keeps_its_percent_sign_or_unit_on_its_line(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "Les 3 m’ont suivi.",
        "Les 2 l’ont dit.",
        "Les 2 t-shirts.",
        "Le réseau 4G et l’A320.",
        "Il a 3 mots à dire.",
        "Les 5 gardes.",
    ],
)
def test_a_number_before_a_word_that_only_starts_like_a_unit_keeps_its_space(typed):
    assert typeset_text(typed) == escape(typed)


# --- Abbreviations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("M. Aoun", "M.~Aoun"),
        ("MM. Aoun et Frem", "MM.~Aoun et Frem"),
        ("Mme Khoury", "Mme~Khoury"),
        ("Mlle Haddad", "Mlle~Haddad"),
        ("le Dr Haddad", "le Dr~Haddad"),
        ("Me Frem plaide", "Me~Frem plaide"),
        ("Mgr Audi", "Mgr~Audi"),
        ("l’église St Élie", "l’église St~Élie"),
        ("voir p. 12 et n° 5", "voir p.~12 et n°~5"),
        ("l’art. 49", "l’art.~49"),
        ("en 300 av. J.-C.", "en 300 av.~J.-C."),
    ],
)
def test_an_abbreviation_stays_with_the_name_or_number_after_it(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "Me voici.",
        "Mes amis.",
        "OMme Aoun",
        "le cap. 12",
        "la p. douze",
    ],
)
def test_words_that_only_look_like_abbreviations_keep_their_space(typed):
    assert typeset_text(typed) == typed


def test_a_title_stays_with_a_linked_name():
    assert typeset_html('M. <a href="/auteurs/aoun/">Aoun</a>') == (
        f'M.{NBSP}<a href="/auteurs/aoun/">Aoun</a>'
    )


# --- Ordinals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("le 1er mai", "le 1<sup>er</sup> mai"),
        ("la 1re fois", "la 1<sup>re</sup> fois"),
        ("les 1ers jours", "les 1<sup>ers</sup> jours"),
        ("le 2e tour", "le 2<sup>e</sup> tour"),
        ("le 2nd tour", "le 2<sup>nd</sup> tour"),
        ("la 2nde", "la 2<sup>nde</sup>"),
        ("le 21e siècle", "le 21<sup>e</sup> siècle"),
        ("le XIXe siècle", "le XIX<sup>e</sup> siècle"),
        ("les XIXe-XXe siècles", "les XIX<sup>e</sup>-XX<sup>e</sup> siècles"),
        ("la Ve République", "la V<sup>e</sup> République"),
        ("François Ier", "François I<sup>er</sup>"),
        ("le 10 000e visiteur", "le 10_000<sup>e</sup> visiteur"),
        ("le 2ème tour", "le 2<sup>e</sup> tour"),
        ("la 1ère fois", "la 1<sup>re</sup> fois"),
    ],
)
def test_an_ordinal_ending_is_set_in_superscript(typed, shown):
    assert setting(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "une masse de 1e10 grammes",
        "3e10 molécules",
        "le code 0x2e",
        "la version 1.2e",
        "le 1e tour",
        "le 21er jour",
        "Le Ce De Ie",
        "article-2e-tour",
        "le modèle A2e",
        "la 3emission",
        "VIE, XIXE",
    ],
)
def test_what_only_looks_like_an_ordinal_is_left_as_typed(typed):
    assert typeset_text(typed) == typed


# --- What no rule touches -----------------------------------------------------------------


def test_web_and_e_mail_addresses_are_left_as_typed():
    text = "Voir https://exemple.fr/2e-tour?a=1&b=2 ou mailto:a@b.fr ; écrire à nadia@exemple.fr !"
    assert setting(text) == (
        "Voir https://exemple.fr/2e-tour?a=1&amp;b=2 ou mailto:a@b.fr_; écrire à nadia@exemple.fr_!"
    )


@pytest.mark.parametrize(
    "element",
    [
        '<code>a : "b" 1er</code>',
        '<pre>M. Aoun : 50 000 "x"</pre>',
        "<kbd>Ctrl : 2e</kbd>",
        "<samp>Erreur : 1er</samp>",
        '<script>var a = "x : 1er";</script>',
        '<style>a::after { content: "!" }</style>',
        "<pre><code>M. Aoun : 1er</code>\n« ok »</pre>",
    ],
)
def test_code_and_program_text_are_left_as_written(element):
    assert typeset_html(f"<p>Avant</p>{element}<p>Après</p>") == (
        f"<p>Avant</p>{element}<p>Après</p>"
    )


def test_tags_and_attribute_values_are_left_as_written():
    fragment = (
        '<p><a href="/recherche/?q=a : b&amp;page=2" title=\'"1er" > M. X\'>Le 1er</a>'
        '<img src="/x.jpg" alt="Vraiment ?"></p>'
    )
    assert typeset_html(fragment) == (
        '<p><a href="/recherche/?q=a : b&amp;page=2" title=\'"1er" > M. X\'>Le 1<sup>er</sup></a>'
        '<img src="/x.jpg" alt="Vraiment ?"></p>'
    )


def test_a_colon_after_code_takes_its_space_as_after_a_word():
    assert typeset_html("<p>La commande <code>ls</code>: la liste</p>") == (
        f"<p>La commande <code>ls</code>{NARROW}: la liste</p>"
    )


def test_character_references_stay_correct_html():
    assert typeset_html("<p>AT&amp;T &amp; Cie !</p>") == f"<p>AT&amp;T &amp; Cie{NARROW}!</p>"
    assert typeset_html("<p>&laquo;Oui&raquo; &lt;b&gt; ?</p>") == (
        f"<p>«{NARROW}Oui{NARROW}» &lt;b&gt;{NARROW}?</p>"
    )
    assert typeset_text("<b>Oui</b> & non ?") == f"&lt;b&gt;Oui&lt;/b&gt; &amp; non{NARROW}?"


def test_text_the_rules_leave_alone_keeps_its_character_references():
    fragment = "<p>Le jour &eacute;tait &laquo;&nbsp;calme&nbsp;&raquo;&nbsp;!</p>"
    assert typeset_html(fragment) == fragment


def test_a_text_holding_the_rules_internal_stand_ins_is_left_as_typed():
    text = "\ufdd0Attention : danger"
    assert typeset_text(text) == text


# --- Twice is once ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Le "XIXe" siècle : 50 000 M. Aoun 1er 2nde 21 h 30 50 % « ok »',
        '<p>Selon "<i>Le Monde</i>" : M. <a href="/a/">Aoun</a>, le 1<sup>er</sup> !</p>',
        'Il a dit "oui" puis "non et 12" de pluie',
    ],
)
def test_setting_a_set_text_again_changes_nothing(text):
    once = typeset_html(text)
    assert typeset_html(once) == once


# Pieces of text and markup that the rules read, for texts made at random.
PIECES = [
    *"\" « » : ; ! ? % ( ) - . , :) M. Mme 1er 2e ème XIX e 50 000 3 km h mot Aoun @ ' l".split(),
    *["<i>", "</i>", "<b>", "</b>", "<br>", "<p>", "</p>", "<code>x : y</code>"],
    *["&amp;", "&nbsp;", "&quot;", " ", "  ", NBSP, NARROW],
    *["https://x.fr/a?b=1", "http://", "www.x.fr", "mailto:", "a@b.fr"],
]


def read(fragment: str) -> str:
    """What a reader reads of an HTML fragment, spaces, guillemets and the spelling of
    ordinal endings aside."""
    text = unescape(re.sub(r"<[^>]*>", "", fragment))
    text = re.sub(r"\s", "", text).replace("«", '"').replace("»", '"')
    return text.replace("ème", "e").replace("’", "'")


@hypothesis.settings(max_examples=300)
@hypothesis.given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_text_set_twice_is_the_text_set_once_and_reads_the_same(text):
    once = typeset_html(text)
    assert typeset_html(once) == once
    assert read(once) == read(text)


# --- Apostrophes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("l'armée", "l’armée"),
        ("Aujourd'hui, d'Achrafieh", "Aujourd’hui, d’Achrafieh"),
        ("qu'il", "qu’il"),
        ("l'<i>Orient</i>", "l’<i>Orient</i>"),
    ],
)
def test_a_straight_apostrophe_between_letters_becomes_typographic(typed, shown):
    assert typeset_html(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "'Allô' dit-il",  # quotes at the edges of a word
        "5'30",  # minutes, seconds
        "https://x.fr/l'armee",
        "<code>print('a')</code>",
        '<a href="/l\'armee/">lien</a>',
    ],
)
def test_apostrophes_that_are_not_between_two_letters_or_in_addresses_stay(typed):
    assert typeset_html(typed) == typed


# --- The filter and the body's blocks -----------------------------------------------------


def render(source: str, **context) -> str:
    return Template("{% load typography %}" + source).render(Context(context))


def test_the_filter_escapes_plain_text_before_setting_it():
    assert render("{{ title|typo }}", title='<script>"Non" !</script>') == (
        f"&lt;script&gt;«{NARROW}Non{NARROW}»{NARROW}!&lt;/script&gt;"
    )


def test_the_filter_keeps_the_markup_of_html_already_safe():
    assert render("{{ body|safe|typo }}", body="<p>Le <b>1er</b> mai !</p>") == (
        f"<p>Le <b>1<sup>er</sup></b> mai{NARROW}!</p>"
    )


def test_set_text_is_valid_html():
    body = typeset_html(
        '<p>Le 1er mai, M. <a href="/a/?x=1&amp;y=2">Aoun</a> : "50 000 %" &amp; XIXe !</p>'
        "<ul><li>«Oui»</li><li>2nde : <code>a:b</code></li></ul>"
    )
    document = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>'
        f"</head><body>{body}</body></html>"
    )
    assert validate_html({"typeset": document}) == {"typeset": []}


@pytest.mark.django_db
def test_the_article_body_is_set_in_french_typography(
    client, settings, tmp_path, make_section, make_article
):
    settings.MEDIA_ROOT = tmp_path
    section = make_section("Liban")
    photo = NewsImage(title="convoi", caption="Un convoi.", credit="ALP / Sami Frem")
    photo.file = ImageFile(BytesIO(photo_jpeg("convoi")), name="convoi.jpg")
    photo.save()
    other = make_article(section, 'Le "plan B" du 2e tour')
    article = make_article(
        section,
        "Les convois reprennent",
        body=[
            ("paragraph", '<p>Selon M. Aoun, "50 000 familles" rentrent : enfin !</p>'),
            ("subheading", "Le XIXe siècle ?"),
            ("quote", {"text": "Nous rentrons ;\nenfin", "attribution": "Mme Khoury"}),
            ("read_also", {"article": other}),
            ("photo", {"image": photo, "caption": 'Le convoi à 3 km de la "frontière".'}),
        ],
    )
    html = client.get(article.url).content.decode()
    assert (
        f"<p>Selon M.{NBSP}Aoun, «{NARROW}50{NARROW}000 familles{NARROW}» rentrent{NARROW}: "
        f"enfin{NARROW}!</p>"
    ) in html
    assert f'<h2 class="intertitre">Le XIX<sup>e</sup> siècle{NARROW}?</h2>' in html
    assert f"<p>Nous rentrons{NARROW};<br>enfin</p>" in html
    assert f"— Mme{NBSP}Khoury</figcaption>" in html
    assert f">Le «{NARROW}plan B{NARROW}» du 2<sup>e</sup> tour</a>)" in html
    assert f"Le convoi à 3{NARROW}km de la «{NARROW}frontière{NARROW}». <span" in html


@pytest.mark.django_db
def test_the_title_and_its_sharing_tags_are_set_without_markup(client, make_section, make_article):
    article = make_article(make_section("Liban"), "L'huile d'olive s'affiche : le 2e tour")

    tree = lxml_html.fromstring(client.get(article.url).content)

    shown = f"L’huile d’olive s’affiche{NARROW}: le 2e tour"
    assert tree.findtext(".//title") == f"{shown} | Quotidien"
    assert tree.xpath('//meta[@property="og:title"]/@content') == [shown]
    assert tree.xpath('//meta[@name="twitter:title"]/@content') == [shown]
