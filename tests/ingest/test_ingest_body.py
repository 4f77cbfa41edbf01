"""A wire's body becomes the article's blocks, and nothing unsafe survives."""

from defusedxml import ElementTree

from quotidien.ingest.body import blocks_from_element, blocks_from_html, blocks_from_text


def values(blocks, kind):
    return [block["value"] for block in blocks if block["type"] == kind]


def test_simple_inline_formatting_and_safe_links_are_kept():
    blocks = blocks_from_html(
        '<p class="lead" style="color:red">Le <strong>conseil</strong> a voté <em>à '
        'l’unanimité</em>, <a href="https://ville.example/pv" target="_blank">voir le PV</a>.</p>'
    )

    assert blocks == [
        {
            "type": "paragraph",
            "value": "<p>Le <b>conseil</b> a voté <i>à l’unanimité</i>, "
            '<a href="https://ville.example/pv">voir le PV</a>.</p>',
        }
    ]


def test_scripts_styles_frames_and_event_handlers_disappear_with_their_content():
    blocks = blocks_from_html(
        '<style>p{}</style><p onmouseover="x()">Texte<script>voler()</script> sûr.</p>'
        '<iframe src="https://pub.example"><p>pub</p></iframe><img src="x.jpg" onerror="x()">'
    )

    assert blocks == [{"type": "paragraph", "value": "<p>Texte sûr.</p>"}]


def test_javascript_and_data_links_lose_their_link_but_keep_their_words():
    blocks = blocks_from_html(
        '<p><a href="javascript:alert(1)">cliquez</a> ou <a href="data:text/html,x">là</a></p>'
    )

    assert blocks == [{"type": "paragraph", "value": "<p>cliquez ou là</p>"}]


def test_headings_become_subheadings_and_blockquotes_quotes_with_attribution():
    blocks = blocks_from_html(
        "<h1>Le contexte</h1><h3>Les <b>chiffres</b></h3>"
        "<blockquote><p>Nous tiendrons.</p><p>Jusqu’au bout.</p>"
        "<footer>— Le maire</footer></blockquote>"
    )

    assert values(blocks, "subheading") == ["Le contexte", "Les chiffres"]
    assert values(blocks, "quote") == [
        {"text": "Nous tiendrons.\nJusqu’au bout.", "attribution": "Le maire"}
    ]


def test_loose_text_and_divs_become_paragraphs_and_lists_stay_lists():
    blocks = blocks_from_html(
        "Texte sans balise<div>Dans un div</div><ol><li>un</li><li>deux</li></ol>"
    )

    assert values(blocks, "paragraph") == [
        "<p>Texte sans balise</p>",
        "<p>Dans un div</p>",
        "<ol><li>un</li><li>deux</li></ol>",
    ]


def test_unclosed_and_misnested_tags_are_closed_in_each_paragraph():
    blocks = blocks_from_html("<p>Un <b>gras <i>et italique</p><p>Suite</b> normale")

    assert values(blocks, "paragraph") == [
        "<p>Un <b>gras <i>et italique</i></b></p>",
        "<p>Suite normale</p>",
    ]


def test_entities_and_non_breaking_spaces_are_text_and_markup_in_text_is_escaped():
    blocks = blocks_from_html("<p>Prix&nbsp;: 5&nbsp;€ &lt;promo&gt; &amp; taxes</p><p>&nbsp;</p>")

    assert blocks == [{"type": "paragraph", "value": "<p>Prix : 5 € &lt;promo&gt; &amp; taxes</p>"}]


def test_plain_text_splits_on_blank_lines_or_else_on_line_breaks():
    assert values(blocks_from_text("Premier.\n\nSecond <b>pas gras</b>.\n"), "paragraph") == [
        "<p>Premier.</p>",
        "<p>Second &lt;b&gt;pas gras&lt;/b&gt;.</p>",
    ]
    assert values(blocks_from_text("Ligne un\r\nLigne deux"), "paragraph") == [
        "<p>Ligne un</p>",
        "<p>Ligne deux</p>",
    ]


def test_xhtml_tree_gives_the_same_blocks_as_html():
    tree = ElementTree.fromstring(
        '<inlineXML xmlns="http://iptc.org/std/nar/2006-10-01/">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
        "<body><p>Un <em>mot</em>.</p><h2>Inter</h2></body></html></inlineXML>"
    )

    assert blocks_from_element(tree) == [
        {"type": "paragraph", "value": "<p>Un <i>mot</i>.</p>"},
        {"type": "subheading", "value": "Inter"},
    ]
