"""IPTC NewsML-G2 text items: a newsItem, or the items of a newsMessage.

Read from an already parsed (defusedxml) tree. The body comes from contentSet: inlineXML in
XHTML or NITF, else inlineData as text. Pictures are the newsMessage's picture items that a
text item links to (itemMeta/link residref), or links whose href is an image file.
"""

from xml.etree.ElementTree import Element

from quotidien.text import has_control_characters, is_blank

from .body import blocks_from_element, blocks_from_html, blocks_from_text
from .stories import (
    WireError,
    WirePicture,
    WireStory,
    WireSubject,
    check_item_count,
    parse_datetime,
    parse_version,
)

G2 = "{http://iptc.org/std/nar/2006-10-01/}"
WITHDRAWN = {"canceled", "cancelled", "withheld"}
PICTURE_RENDITIONS = ("highres", "baseimage", "original", "web", "preview")
IMAGE_TYPES = ("image/",)


def read_newsml(root: Element, *, source: str) -> list[WireStory | WireError]:
    """The text stories of a NewsML-G2 document; picture items go with the text that links them."""
    kind = _local(root.tag)
    if kind == "newsItem":
        items = [root]
    elif kind == "newsMessage":
        items = [
            element
            for item_set in root.iter(f"{G2}itemSet")
            for element in item_set
            if isinstance(element.tag, str)
        ]
    else:
        return [
            WireError(
                f"Document XML « {kind[:40]} » non reconnu : une dépêche NewsML-G2 commence par "
                "<newsItem> ou <newsMessage> (espace de noms http://iptc.org/std/nar/2006-10-01/).",
                item=source,
            )
        ]
    if not items:
        return [WireError("Le message NewsML-G2 ne contient aucune dépêche.", item=source)]
    check_item_count(len(items), source=source)

    pictures: dict[str, WirePicture] = {}
    texts: list[Element] = []
    results: list[WireStory | WireError] = []
    for element in items:
        guid = element.get("guid", "").strip()
        if has_control_characters(guid):
            # Left as sent by _clean_tree: cleaned, it could name another item.
            results.append(
                WireError(
                    "Identifiant illisible : l’attribut « guid » contient des caractères de "
                    "contrôle.",
                    item=source,
                )
            )
            continue
        label = f"{source} [{guid}]" if guid else source
        if _local(element.tag) != "newsItem":
            results.append(
                WireError(
                    f"Élément « {_local(element.tag)[:40]} » ignoré : seuls les newsItem "
                    "s’importent.",
                    item=label,
                    skipped=True,
                )
            )
        elif _item_class(element) == "picture":
            pictures[guid] = _picture_item(element)
        elif _item_class(element) in {"text", "composite", ""}:
            texts.append(element)
        else:
            results.append(
                WireError(
                    f"Dépêche de nature « {_item_class(element)[:40]} » ignorée : seules les "
                    "dépêches texte deviennent des articles.",
                    item=label,
                    skipped=True,
                )
            )
    if not texts and pictures and kind == "newsItem":
        results.append(
            WireError(
                "Photo seule ignorée : elle s’importe avec la dépêche texte qui la cite.",
                item=f"{source} [{next(iter(pictures))}]",
                skipped=True,
            )
        )
    # Picture items nobody links to belong to the only text of the message, if there is one.
    linked = {ref for text in texts for ref in _link_refs(text)}
    unlinked = [picture for guid, picture in pictures.items() if guid not in linked]
    for text in texts:
        try:
            story = _text_item(text, source=source, pictures=pictures)
        except WireError as error:
            results.append(error)
            continue
        if len(texts) == 1:
            story.pictures.extend(unlinked)
        results.append(story)
    return results


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _qcode_value(qcode: str) -> str:
    """ "stat:usable" or "http://cv.iptc.org/newscodes/pubstatusg2/usable" → "usable"."""
    return qcode.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()


def _item_class(item: Element) -> str:
    element = item.find(f"{G2}itemMeta/{G2}itemClass")
    if element is None:
        return ""
    return _qcode_value(element.get("qcode") or element.get("uri") or "")


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _first(parent: Element | None, name: str, *, roles: tuple[str, ...] = ()) -> str:
    """Text of the first child `name`, preferring the given roles (then one without a role)."""
    if parent is None:
        return ""
    elements = parent.findall(f"{G2}{name}")
    for role in roles:
        for element in elements:
            if _qcode_value(element.get("role", "")) == role and _text(element):
                return _text(element)
    for element in elements:
        if not element.get("role") and _text(element):
            return _text(element)
    for element in elements:
        if _text(element):
            return _text(element)
    return ""


def _link_refs(item: Element) -> list[str]:
    return [
        link.get("residref", "").strip()
        for link in item.iterfind(f"{G2}itemMeta/{G2}link")
        if link.get("residref")
    ]


def _credit(meta: Element | None, item: Element) -> str:
    creditline = _first(meta, "creditline")
    if creditline:
        return creditline
    holder = ""
    holder_element = item.find(f"{G2}rightsInfo/{G2}copyrightHolder")
    if holder_element is not None:
        holder = holder_element.get("literal", "") or _text(holder_element)
    byline = _first(meta, "by")
    return " / ".join(dict.fromkeys(part for part in (holder.strip(), byline) if part))


def _picture_item(item: Element) -> WirePicture:
    meta = item.find(f"{G2}contentMeta")
    caption = _first(meta, "description", roles=("caption", "summary")) or _first(meta, "headline")
    hrefs: list[tuple[str, str]] = []
    for remote in item.iterfind(f"{G2}contentSet/{G2}remoteContent"):
        href = (remote.get("href") or remote.get("residref") or "").strip()
        if href:
            hrefs.append((_qcode_value(remote.get("rendition", "")), href))
    return WirePicture(
        href=_best_href(hrefs),
        caption=caption,
        credit=_credit(meta, item),
        uri=item.get("guid", ""),
    )


def _best_href(hrefs: list[tuple[str, str]]) -> str:
    for _rendition, href in hrefs:
        if "://" not in href:
            return href
    for preferred in PICTURE_RENDITIONS:
        for rendition, href in hrefs:
            if rendition == preferred:
                return href
    return hrefs[0][1] if hrefs else ""


def _body(item: Element) -> list[dict]:
    """The blocks of a text item's body: inlineXML in XHTML or NITF, else inlineData."""
    for inline in item.iterfind(f"{G2}contentSet/{G2}inlineXML"):
        if blocks := blocks_from_element(inline):
            return blocks
    for inline in item.iterfind(f"{G2}contentSet/{G2}inlineData"):
        content = "".join(inline.itertext())
        if "html" in inline.get("contenttype", "").lower():
            blocks = blocks_from_html(content)
        else:
            blocks = blocks_from_text(content)
        if blocks:
            return blocks
    return []


def _text_item(item: Element, *, source: str, pictures: dict[str, WirePicture]) -> WireStory:
    guid = item.get("guid", "").strip()
    label = f"{source} [{guid}]" if guid else source
    if not guid:
        raise WireError("Identifiant absent : l’attribut « guid » du newsItem manque.", item=label)
    item_meta = item.find(f"{G2}itemMeta")
    meta = item.find(f"{G2}contentMeta")
    headline = _first(meta, "headline", roles=("main",))
    if is_blank(headline):
        raise WireError("Titre absent : contentMeta/headline manque ou est vide.", item=label)

    try:
        blocks = _body(item)
    except WireError as error:
        error.item = error.item or label
        raise
    if not blocks:
        raise WireError(
            "Texte absent : contentSet n’a ni inlineXML ni inlineData avec du texte.", item=label
        )

    embargo_element = None
    for parent in (item_meta, meta):
        if parent is not None and embargo_element is None:
            embargo_element = parent.find(f"{G2}embargoed")
    status_element = item_meta.find(f"{G2}pubStatus") if item_meta is not None else None
    status = _qcode_value(status_element.get("qcode", "")) if status_element is not None else ""
    provider_element = item_meta.find(f"{G2}provider") if item_meta is not None else None
    provider = ""
    if provider_element is not None:
        provider = (
            _text(provider_element.find(f"{G2}name"))
            or provider_element.get("literal", "")
            or _qcode_value(provider_element.get("qcode", ""))
        )

    subjects = []
    for subject in meta.iterfind(f"{G2}subject") if meta is not None else []:
        code = subject.get("qcode") or subject.get("uri") or subject.get("literal") or ""
        name = _text(subject.find(f"{G2}name"))
        if code or name:
            subjects.append(WireSubject(code=code.strip(), name=name))

    story_pictures = []
    for link in item_meta.iterfind(f"{G2}link") if item_meta is not None else []:
        ref = link.get("residref", "").strip()
        if ref and ref in pictures:
            story_pictures.append(pictures[ref])
        elif link.get("href") and link.get("contenttype", "").startswith(IMAGE_TYPES):
            story_pictures.append(
                WirePicture(
                    href=link.get("href", "").strip(),
                    caption=_text(link.find(f"{G2}title")),
                    uri=ref,
                )
            )

    # itemMeta/firstCreated dates the item's first version; contentMeta/contentCreated, the
    # content itself, which some agencies send instead.
    first_created = _text(item_meta.find(f"{G2}firstCreated")) if item_meta is not None else ""
    if not first_created and meta is not None:
        first_created = _text(meta.find(f"{G2}contentCreated"))

    language = ""
    if meta is not None and (language_element := meta.find(f"{G2}language")) is not None:
        language = language_element.get("tag", "")

    return WireStory(
        guid=guid,
        headline=headline,
        format="newsml-g2",
        version=parse_version(item.get("version"), item=label),
        version_created=parse_datetime(
            _text(item_meta.find(f"{G2}versionCreated")) if item_meta is not None else None,
            what="Date de version",
            item=label,
        ),
        first_created=parse_datetime(
            first_created or None, what="Date de première version", item=label
        ),
        embargo=parse_datetime(_text(embargo_element) or None, what="Date d’embargo", item=label),
        status=status or "usable",
        language=language,
        standfirst=_first(meta, "description", roles=("summary", "abstract")),
        blocks=blocks,
        byline=_first(meta, "by"),
        provider=provider,
        subjects=subjects,
        keywords=[_text(keyword) for keyword in meta.iterfind(f"{G2}keyword") if _text(keyword)]
        if meta is not None
        else [],
        pictures=story_pictures,
        source=source,
    )
