"""Reading a wire file: which format it is, and a clear French report when it cannot be read.

JSON is ninjs, XML is NewsML-G2. XML goes through defusedxml: a document that declares
entities (the "billion laughs") or fetches external ones is refused before any expansion.
Once parsed, each text of the document is cleaned of control characters, which no story
needs and one of which, in a headline, would make every feed unreadable.
"""

import codecs
import json
import re
import unicodedata
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.utils.translation import gettext as _

from quotidien.french.typography import french_size
from quotidien.text import without_control_characters

from .newsml import read_newsml
from .ninjs import read_ninjs
from .stories import WireError, WireStory

DEFAULT_MAX_BYTES = 5_000_000
XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def max_wire_bytes() -> int:
    """The largest wire file accepted (setting QUOTIDIEN_WIRE_MAX_BYTES, 5 Mo by default)."""
    return int(getattr(settings, "QUOTIDIEN_WIRE_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_large_message(size: int) -> str:
    limit = max_wire_bytes()
    return (
        f"Fichier trop volumineux : {french_size(size)} pour {french_size(limit)} au plus. "
        "Une dépêche n’a pas besoin d’autant ; vérifiez le fichier ou relevez "
        "QUOTIDIEN_WIRE_MAX_BYTES."
    )


def read_wire(data: bytes, *, source: str) -> list[WireStory | WireError]:
    """The stories of one wire file (or pushed body), each a story or the error that stopped it."""
    if len(data) > max_wire_bytes():
        return [WireError(too_large_message(len(data)), item=source, too_large=True)]
    first = _first_character(data)
    if not first:
        return [WireError(_("Fichier vide : il ne contient aucune dépêche."), item=source)]
    if first == "\ufffd" or (unicodedata.category(first) == "Cc" and not first.isspace()):
        return [
            WireError(
                _(
                    "Fichier illisible : ce n’est pas du texte (ni du JSON ni du XML en "
                    "UTF-8). Une dépêche est un document JSON (ninjs) ou XML (NewsML-G2) ; "
                    "vérifiez que le bon fichier a été déposé."
                ),
                item=source,
            )
        ]
    try:
        if first in "{[":
            # Each item is cleaned by read_ninjs, once its identifier is checked as sent.
            return read_ninjs(_load_json(data, source=source), source=source)
        if first == "<":
            return read_newsml(_clean_tree(_load_xml(data, source=source)), source=source)
    except WireError as error:
        return [error]
    except RecursionError:
        return [
            WireError(
                "Document refusé : éléments imbriqués trop profondément pour être une dépêche.",
                item=source,
            )
        ]
    return [
        WireError(
            "Format non reconnu : une dépêche est un document JSON (ninjs) ou XML (NewsML-G2).",
            item=source,
        )
    ]


def _first_character(data: bytes) -> str:
    """The document's first character past spaces ("" when there is none); U+FFFD when its
    first bytes are not text in the encoding its byte order mark (or UTF-8) says."""
    encoding, start = _bom(data)
    end = len(start) + 256
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    # A character cut at the end of the head is not an error, one at the end of the file is.
    head = decoder.decode(data[:end], final=len(data) <= end)
    return head.removeprefix("\ufeff").lstrip()[:1]


def _clean_tree(root):
    """The XML tree with its texts and attributes cleaned (XML 1.0 lets C1 controls and
    noncharacters through), but for the items' identifiers: read_newsml refuses one with
    such characters rather than take it for another's."""
    for element in root.iter():
        if element.text:
            element.text = without_control_characters(element.text)
        if element.tail:
            element.tail = without_control_characters(element.tail)
        for name, value in element.attrib.items():
            if name != "guid":
                element.attrib[name] = without_control_characters(value)
    return root


def _bom(data: bytes) -> tuple[str, bytes]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, bom
    return "utf-8", b""


def _load_json(data: bytes, *, source: str):
    try:
        return json.loads(data)
    except UnicodeDecodeError as error:
        raise WireError(_encoding_message(error, "UTF-8", json_file=True), item=source) from None
    except json.JSONDecodeError as error:
        truncated = error.pos >= len(error.doc.rstrip()) - 1
        hint = " Le fichier semble tronqué." if truncated else ""
        raise WireError(
            f"JSON illisible ligne {error.lineno}, colonne {error.colno} : "
            f"{_json_reason(error.msg)}.{hint}",
            item=source,
        ) from None
    except RecursionError:
        raise WireError(
            "JSON refusé : structure imbriquée trop profondément pour être une dépêche.",
            item=source,
        ) from None


def _json_reason(message: str) -> str:
    reasons = {
        "Expecting value": "valeur attendue",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendus",
        "Expecting property name enclosed in double quotes": "nom de champ attendu",
        "Unterminated string starting at": "chaîne de caractères non terminée",
        "Extra data": "données en trop après la fin du document",
        "Invalid control character at": "caractère de contrôle interdit",
        "Invalid \\escape": "séquence d’échappement invalide",
    }
    return reasons.get(message, message)


def _encoding_message(error: UnicodeDecodeError, encoding: str, *, json_file: bool) -> str:
    byte = error.object[error.start : error.start + 1].hex().upper()
    advice = (
        "une dépêche ninjs doit être en UTF-8"
        if json_file
        else "enregistrez la dépêche en UTF-8 ou déclarez son encodage dans <?xml … encoding=…?>"
    )
    return (
        f"Encodage invalide : l’octet 0x{byte} (position {error.start}) n’est pas du "
        f"{encoding} valide ; {advice}."
    )


def _load_xml(data: bytes, *, source: str):
    encoding, bom = _bom(data)
    declared = XML_ENCODING.match(data[len(bom) :].lstrip())
    if declared and not bom:
        encoding = declared.group(1).decode("ascii")
    try:
        data.decode(encoding)
    except LookupError:
        raise WireError(
            f"Encodage « {encoding} » inconnu : déclarez UTF-8 ou un encodage courant.",
            item=source,
        ) from None
    except UnicodeDecodeError as error:
        raise WireError(
            _encoding_message(error, encoding.upper(), json_file=False), item=source
        ) from None
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=False)
    except EntitiesForbidden as error:
        raise WireError(
            f"XML refusé : il déclare des entités (« {error.name} »), procédé qui peut saturer le "
            "serveur (« billion laughs ») ; une dépêche NewsML-G2 n’en a pas besoin.",
            item=source,
        ) from None
    except DTDForbidden:  # pragma: no cover - DTDs are allowed, only entities are refused
        raise WireError("XML refusé : DTD interdite.", item=source) from None
    except DefusedXmlException:
        raise WireError(
            "XML refusé : il appelle des ressources externes, ce qu’une dépêche ne fait pas.",
            item=source,
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        truncated = "no element found" in str(error) or "unclosed token" in str(error)
        hint = " Le fichier semble tronqué." if truncated else ""
        raise WireError(
            f"XML mal formé ligne {line}, colonne {column + 1} : {_xml_reason(str(error))}.{hint}",
            item=source,
        ) from None


def _xml_reason(message: str) -> str:
    reason = message.split(":", 1)[0]
    reasons = {
        "no element found": "document inachevé",
        "mismatched tag": "balise fermante qui ne correspond pas",
        "not well-formed (invalid token)": "caractère ou balise invalide",
        "unclosed token": "balise non fermée",
        "junk after document element": "contenu après l’élément racine",
        "undefined entity": "entité inconnue",
        "syntax error": "erreur de syntaxe",
    }
    return reasons.get(reason, reason)
