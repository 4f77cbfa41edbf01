"""Reading wire documents: formats recognised, hostile or broken ones refused with a reason."""

import codecs
import json

from quotidien.ingest.formats import read_wire
from quotidien.ingest.stories import WireError, WireStory

G2 = 'xmlns="http://iptc.org/std/nar/2006-10-01/"'


def only(results):
    assert len(results) == 1
    return results[0]


def test_external_entities_are_refused_without_being_fetched():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f'<newsItem {G2} guid="a"><contentMeta><headline>&secret;</headline></contentMeta>'
        "</newsItem>"
    ).encode()

    error = only(read_wire(xxe, source="xxe.xml"))

    assert isinstance(error, WireError)
    assert "XML refusé" in error.message and error.item == "xxe.xml"


def test_list_of_ninjs_items_imports_the_good_ones_and_names_the_bad_one():
    items = [
        {"uri": "urn:a", "headline": "Premier", "body_text": "Texte."},
        {"uri": "urn:b", "body_text": "Sans titre."},
        {"uri": "urn:c", "headline": "Troisième", "body_html": "<p>Texte.</p>"},
    ]

    results = read_wire(json.dumps(items).encode(), source="lot.json")

    assert [type(result) for result in results] == [WireStory, WireError, WireStory]
    assert results[1].item == "lot.json #2 [urn:b]"


def test_utf16_json_with_a_byte_order_mark_is_read():
    item = {"uri": "urn:u16", "headline": "Été à Byblos", "body_text": "Texte."}

    story = only(read_wire(json.dumps(item, ensure_ascii=False).encode("utf-16"), source="u.json"))

    assert story.headline == "Été à Byblos"


def test_declared_latin1_xml_is_decoded():
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        f'<newsItem {G2} guid="urn:l1" version="2"><contentMeta><headline>Réunion</headline>'
        '</contentMeta><contentSet><inlineData contenttype="text/plain">Déjà là.</inlineData>'
        "</contentSet></newsItem>"
    ).encode("latin-1")

    story = only(read_wire(xml, source="l1.xml"))

    assert story.headline == "Réunion" and story.version == 2
    assert story.blocks == [{"type": "paragraph", "value": "<p>Déjà là.</p>"}]


def test_newsml_item_without_guid_or_body_names_what_is_missing():
    no_guid = f"<newsItem {G2}><contentMeta><headline>T</headline></contentMeta></newsItem>"
    no_body = (
        f'<newsItem {G2} guid="urn:g"><contentMeta><headline>T</headline></contentMeta></newsItem>'
    )

    assert "guid" in only(read_wire(no_guid.encode(), source="a.xml")).message
    assert "Texte absent" in only(read_wire(no_body.encode(), source="b.xml")).message


def test_other_xml_and_other_text_are_not_taken_for_wires():
    assert "non reconnu" in only(read_wire(b"<rss><channel/></rss>", source="f.xml")).message
    assert "Format non reconnu" in only(read_wire(b"Bonjour", source="f.txt")).message
    assert "vide" in only(read_wire(b"  \n", source="vide.json")).message


def test_bytes_that_are_no_text_are_said_to_be_unreadable_not_empty():
    for data in (b"\xff\xfe\x00", b"\x00\x01\x02", b"\xc3\x28{"):
        message = only(read_wire(data, source="f.json")).message
        assert message.startswith("Fichier illisible : ce n’est pas du texte"), data
    assert only(read_wire(codecs.BOM_UTF16_LE, source="f.json")).message.startswith("Fichier vide")


def test_deeply_nested_json_is_refused_cleanly():
    error = only(read_wire(b"[" * 100_000 + b"]" * 100_000, source="profond.json"))

    assert isinstance(error, WireError)
    assert "imbriquée" in error.message


def test_wrong_field_types_are_reported_not_crashed_on():
    item = {"uri": "urn:t", "headline": "Titre", "body_text": "Texte.", "subject": "économie"}

    error = only(read_wire(json.dumps(item).encode(), source="t.json"))

    assert "« subject » : une liste est attendue" in error.message


def test_non_numeric_version_counts_as_no_version():
    item = {"uri": "urn:v", "headline": "Titre", "body_text": "Texte.", "version": "v2-final"}

    assert only(read_wire(json.dumps(item).encode(), source="v.json")).version is None


def test_deeply_nested_xml_body_is_refused_cleanly():
    depth = 50_000
    body = "<div>" * depth + "texte" + "</div>" * depth
    xml = (
        f'<newsItem {G2} guid="urn:profond"><contentMeta><headline>T</headline></contentMeta>'
        f'<contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}'
        "</body></html></inlineXML></contentSet></newsItem>"
    ).encode()

    error = only(read_wire(xml, source="profond.xml"))

    assert isinstance(error, WireError)
    assert "imbriqués trop profondément" in error.message


def test_subject_codes_given_with_a_scheme_read_as_qcodes_or_uris():
    item = {
        "uri": "urn:s",
        "headline": "Titre",
        "body_text": "Texte.",
        "subject": [
            {"code": "04000000", "scheme": "subj"},
            {"code": "20000349", "scheme": "http://cv.iptc.org/newscodes/mediatopic/"},
        ],
    }

    story = only(read_wire(json.dumps(item).encode(), source="s.json"))

    assert [subject.code for subject in story.subjects] == [
        "subj:04000000",
        "http://cv.iptc.org/newscodes/mediatopic/20000349",
    ]


def test_prefixed_newsml_namespace_and_inline_html_data_are_read():
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<g2:newsItem xmlns:g2="http://iptc.org/std/nar/2006-10-01/" guid="urn:p" version="7">'
        '<g2:itemMeta><g2:itemClass qcode="ninat:text"/>'
        '<g2:pubStatus qcode="stat:canceled"/></g2:itemMeta>'
        "<g2:contentMeta><g2:headline>Titre préfixé</g2:headline></g2:contentMeta>"
        '<g2:contentSet><g2:inlineData contenttype="text/html">'
        "&lt;p&gt;Un &lt;b&gt;paragraphe&lt;/b&gt;.&lt;/p&gt;</g2:inlineData></g2:contentSet>"
        "</g2:newsItem>"
    ).encode()

    story = only(read_wire(xml, source="p.xml"))

    assert (story.headline, story.version, story.withdrawn) == ("Titre préfixé", 7, True)
    assert story.blocks == [{"type": "paragraph", "value": "<p>Un <b>paragraphe</b>.</p>"}]
