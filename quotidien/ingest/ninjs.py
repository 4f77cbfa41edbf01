"""IPTC ninjs (JSON) text items, versions 1.x and 2.x (and the 3.x shapes, which follow 2.x).

1.x: headline, body_html/body_text, description_text, byline, subject[], associations{}.
2.x: headlines[], bodies[], descriptions[], by, subjects[], associations[] or {}.
"""

import re
from html import unescape
from typing import Any

from quotidien.text import has_control_characters, is_blank, without_control_characters_in

from .body import blocks_from_html, blocks_from_text
from .stories import (
    WireError,
    WirePicture,
    WireStory,
    WireSubject,
    check_item_count,
    parse_datetime,
    parse_version,
)

# Renditions worth taking, best first, when the agency names them.
RENDITION_PREFERENCE = ("original", "highres", "baseimage", "master", "large", "viewimage")
TAGS = re.compile(r"<[^>]+>")


def is_ninjs_2(item: dict) -> bool:
    schema = str(item.get("$schema", ""))
    if re.search(r"ninjs-schema_?[23]\.", schema):
        return True
    return any(key in item for key in ("headlines", "bodies", "descriptions", "subjects"))


def read_ninjs(document: Any, *, source: str) -> list[WireStory | WireError]:
    """The stories of a ninjs document: one item, or a list of items."""
    items = document if isinstance(document, list) else [document]
    if not items:
        return [WireError("Le fichier ne contient aucune dépêche (liste vide).", item=source)]
    check_item_count(len(items), source=source)
    results: list[WireStory | WireError] = []
    for position, item in enumerate(items, start=1):
        label = source if len(items) == 1 else f"{source} #{position}"
        if not isinstance(item, dict):
            results.append(WireError("Une dépêche ninjs doit être un objet JSON.", item=label))
            continue
        try:
            story = read_item(_checked(item, label), source=label)
        except WireError as error:
            results.append(error)
        else:
            results.append(story)
    return results


def _checked(item: dict, label: str) -> dict:
    """The item with its texts cleaned, once its identifier is known to be as sent: cleaned,
    « urn:x<NUL> » would update the item « urn:x »."""
    uri = item.get("uri", item.get("guid"))
    if isinstance(uri, str) and has_control_characters(uri):
        raise WireError(
            "Identifiant illisible : « uri » contient des caractères de contrôle.", item=label
        )
    return without_control_characters_in(item)


def read_item(item: dict, *, source: str) -> WireStory:
    """One ninjs item as a story; a non-text item is reported as skipped, not failed."""
    uri = item.get("uri", item.get("guid"))
    guid = uri.strip() if isinstance(uri, str) else ""
    label = f"{source} [{guid}]" if guid else source
    if uri is not None and not isinstance(uri, str):
        raise WireError("Identifiant illisible : « uri » doit être du texte.", item=label)
    if not guid:
        raise WireError("Identifiant absent : une dépêche ninjs doit avoir un « uri ».", item=label)
    kind = _text(item.get("type")) or "text"
    if kind not in {"text", "composite"}:
        raise WireError(
            f"Objet de type « {kind[:40]} » ignoré : seules les dépêches texte deviennent des "
            "articles (les photos s’importent avec la dépêche qui les associe).",
            item=label,
            skipped=True,
        )
    version_2 = is_ninjs_2(item)
    if version_2:
        headline = _pick(item.get("headlines"), "headlines", label, roles=("main", ""))
        standfirst = _pick(
            item.get("descriptions"), "descriptions", label, roles=("summary", "abstract", "")
        )
        body_html, body_text = _bodies(item.get("bodies"), label)
        byline = _text(item.get("by")) or _text(item.get("byline"))
        subjects = _subjects(item.get("subjects", item.get("subject")), "subjects", label)
    else:
        headline = _text(item.get("headline"))
        standfirst = _text(item.get("description_text")) or _strip_tags(
            _text(item.get("description_html"))
        )
        body_html = _text(item.get("body_html"))
        body_text = _text(item.get("body_text"))
        byline = _text(item.get("byline"))
        subjects = _subjects(item.get("subject"), "subject", label)
    if is_blank(headline):
        raise WireError("Titre absent : la dépêche n’a pas de « headline ».", item=label)
    try:
        blocks = blocks_from_html(body_html) if body_html.strip() else blocks_from_text(body_text)
    except WireError as error:
        error.item = error.item or label
        raise
    if not blocks:
        raise WireError("Texte absent : la dépêche n’a pas de corps (« body »).", item=label)
    return WireStory(
        guid=guid,
        headline=headline,
        format="ninjs2" if version_2 else "ninjs1",
        version=parse_version(item.get("version"), item=label),
        version_created=parse_datetime(
            item.get("versioncreated"), what="Date de version", item=label
        ),
        first_created=parse_datetime(
            item.get("firstcreated"), what="Date de première version", item=label
        ),
        embargo=parse_datetime(item.get("embargoed"), what="Date d’embargo", item=label),
        status=_text(item.get("pubstatus")).lower() or "usable",
        language=_text(item.get("language")),
        standfirst=standfirst,
        blocks=blocks,
        byline=byline,
        provider=_provider(item),
        subjects=subjects,
        keywords=_strings(item.get("keywords"), "keywords", label),
        pictures=_pictures(item.get("associations"), label),
        source=source,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _strip_tags(html: str) -> str:
    return " ".join(unescape(TAGS.sub(" ", html)).split())


def _list(value: Any, field: str, label: str) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise WireError(f"Champ « {field} » : une liste est attendue.", item=label)


def _pick(entries: Any, field: str, label: str, *, roles: tuple[str, ...]) -> str:
    """The value of the entry whose role comes first in `roles` (ninjs 2.x headlines etc.)."""
    if isinstance(entries, str):
        return entries.strip()
    candidates = [entry for entry in _list(entries, field, label) if isinstance(entry, dict)]
    for role in roles:
        for entry in candidates:
            if _text(entry.get("role")).lower() == role and _text(entry.get("value")):
                value = _text(entry.get("value"))
                html = "html" in _text(entry.get("contenttype")).lower()
                return _strip_tags(value) if html else value
    for entry in candidates:
        if _text(entry.get("value")):
            return _strip_tags(_text(entry.get("value")))
    return ""


def _bodies(entries: Any, label: str) -> tuple[str, str]:
    """(html, text) of the main body of a ninjs 2.x item."""
    html = text = ""
    for entry in _list(entries, "bodies", label):
        if not isinstance(entry, dict) or _text(entry.get("role")).lower() not in {"", "main"}:
            continue
        value = _text(entry.get("value"))
        kind = _text(entry.get("contenttype")).lower()
        if "html" in kind:
            html = html or value
        else:
            text = text or value
    return html, text


def _subjects(entries: Any, field: str, label: str) -> list[WireSubject]:
    subjects = []
    for entry in _list(entries, field, label):
        if isinstance(entry, str):
            subjects.append(WireSubject(name=entry.strip()))
        elif isinstance(entry, dict):
            code = ""
            for key in ("code", "qcode", "uri", "literal"):
                if value := _text(entry.get(key)):
                    code = value
                    break
            scheme = _text(entry.get("scheme"))
            if code and scheme and ":" not in code:
                # "04000000" in scheme "subj" or "http://cv.iptc.org/newscodes/subjectcode/"
                code = f"{scheme.rstrip('/')}/{code}" if "://" in scheme else f"{scheme}:{code}"
            subject = WireSubject(code=code, name=_text(entry.get("name")))
            if subject.code or subject.name:
                subjects.append(subject)
    return subjects


def _strings(entries: Any, field: str, label: str) -> list[str]:
    return [text for entry in _list(entries, field, label) if (text := _text(entry))]


def _provider(item: dict) -> str:
    for source in item.get("infosources") or []:
        if isinstance(source, dict) and (name := _text(source.get("name"))):
            return name
    return _text(item.get("copyrightholder")) or _text(item.get("provider"))


def _associations(value: Any, label: str) -> list[dict]:
    if isinstance(value, dict):
        return [entry for entry in value.values() if isinstance(entry, dict)]
    return [entry for entry in _list(value, "associations", label) if isinstance(entry, dict)]


def _pictures(value: Any, label: str) -> list[WirePicture]:
    pictures = []
    for entry in _associations(value, label):
        if _text(entry.get("type")) not in {"picture", "graphic", "image"}:
            continue
        caption = (
            _text(entry.get("description_text"))
            or _pick(entry.get("descriptions"), "descriptions", label, roles=("caption", ""))
            or _text(entry.get("body_text"))
            or _text(entry.get("headline"))
            or _pick(entry.get("headlines"), "headlines", label, roles=("main", ""))
        )
        byline = _text(entry.get("by")) or _text(entry.get("byline"))
        holder = _text(entry.get("copyrightholder"))
        credit = _text(entry.get("creditline")) or " / ".join(
            dict.fromkeys(part for part in (holder, byline) if part)
        )
        pictures.append(
            WirePicture(
                href=_best_rendition(entry.get("renditions")),
                caption=caption,
                credit=credit,
                uri=_text(entry.get("uri")),
            )
        )
    return pictures


def _best_rendition(value: Any) -> str:
    """The href to look for: a relative path first, else the agency's largest rendition."""
    if isinstance(value, dict):
        renditions = [{**entry, "name": name} for name, entry in value.items()]
    elif isinstance(value, list):
        renditions = value
    else:
        return ""
    renditions = [entry for entry in renditions if isinstance(entry, dict) and entry.get("href")]
    hrefs = [_text(entry.get("href")) for entry in renditions]
    for href in hrefs:
        if href and "://" not in href:
            return href
    for preferred in RENDITION_PREFERENCE:
        for entry in renditions:
            if _text(entry.get("name")).lower() == preferred:
                return _text(entry.get("href"))

    def width(entry: dict) -> float:
        try:
            return float(entry.get("width") or 0)
        except (TypeError, ValueError):
            return 0

    return _text(max(renditions, key=width).get("href")) if renditions else ""
