"""A wire's body (HTML, XHTML or plain text) turned into the article's blocks.

Only what the paper's body knows survives: paragraphs with bold, italic, links and lists,
subheadings (h1–h6) and quotes (blockquote, with <cite> or <footer> as attribution).
Scripts, styles, images, embeds and every attribute but a link's http(s)/mailto href are
dropped; the text of unknown elements is kept.

The conversion takes a time in proportion to the body's length, whatever its shape, and
stops at the paragraph limit (`max_wire_paragraphs`): a wire cannot keep a worker busy.
"""

import re
from collections import Counter
from html import escape, unescape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from .stories import max_wire_paragraphs, too_many_paragraphs

INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements whose content is never text for readers.
DROPPED = {
    "script",
    "style",
    "head",
    "title",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "video",
    "audio",
    "canvas",
    "select",
    "textarea",
    "button",
}
# Elements that end a paragraph; their text goes on as a new one.
BREAKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "aside",
    "nav",
    "main",
    "table",
    "tr",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "body",
    "html",
    "ul",
    "ol",
    "li",
    "blockquote",
    *HEADINGS,
}
# NITF (often inside NewsML-G2) names for what the builder knows.
ALIASES = {
    "hl1": "h2",
    "hl2": "h2",
    "bq": "blockquote",
    "credit": "cite",
    "block": "div",
    "media": "object",
    "body.head": "head",
    "body.end": "head",
}
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "source", "wbr"}
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
SPACES = re.compile(r"\s+")
# Line breaks at the start of a paragraph, and at its end read backwards: matched from one
# end only, so a long run of them costs its length once.
LEADING_BREAKS = re.compile(r"(?:<br/>\s*)+")
TRAILING_BREAKS_REVERSED = re.compile(r"(?:>/rb<\s*)+")
PLAIN_PARAGRAPHS = re.compile(r"\n\s*\n")
TAG = re.compile(r"<[^>]+>")


class BodyBuilder:
    """Receives start/end/text events and builds StreamField blocks (raw JSON form)."""

    def __init__(self) -> None:
        self.blocks: list[dict] = []
        self.inline: list[str] = []  # the current paragraph's HTML
        self.open_inline: list[str] = []
        # How many of each inline element are open: a closing tag that matches none is
        # found out at once, not by reading the whole stack.
        self.open_counts: Counter[str] = Counter()
        self.paragraphs = 0
        self.max_paragraphs = max_wire_paragraphs()
        self.dropping = 0
        self.heading: list[str] | None = None
        self.quote: list[str] | None = None
        self.attribution: list[str] | None = None
        self.list_tag: str | None = None
        self.list_items: list[str] = []
        self.in_item = False
        self.attribution_text = ""

    # Events ------------------------------------------------------------------------------

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = ALIASES.get(tag.lower(), tag.lower())
        if self.dropping or tag in DROPPED:
            if tag not in VOID:
                self.dropping += 1
            return
        if tag == "br":
            if self.heading is None and self.quote is None:
                self.inline.append("<br/>")
            else:
                self._text_target().append("\n" if self.quote is not None else " ")
            return
        if self.quote is not None:
            if tag in {"cite", "footer"}:
                self.attribution = []
            elif tag in BREAKS:
                self.quote.append("\n")
            return
        if self.heading is not None:
            return
        if tag in HEADINGS:
            self._flush()
            self.heading = []
        elif tag == "blockquote":
            self._flush()
            self.quote, self.attribution = [], None
        elif tag in {"ul", "ol"} and self.list_tag is None:
            self._flush()
            self.list_tag, self.list_items = tag, []
        elif tag == "li" and self.list_tag is not None:
            self._end_item()
            self.in_item = True
        elif tag in BREAKS:
            if self.list_tag is None:
                self._flush()
        elif tag in INLINE:
            name = INLINE[tag]
            if name == "a":
                href = (attrs.get("href") or "").strip()
                if not SAFE_LINK.match(href):
                    return
                self.inline.append(f'<a href="{escape(href)}">')
            else:
                self.inline.append(f"<{name}>")
            self.open_inline.append(name)
            self.open_counts[name] += 1

    def end(self, tag: str) -> None:
        tag = ALIASES.get(tag.lower(), tag.lower())
        if tag in VOID:
            return
        if self.dropping:
            self.dropping -= 1
            return
        if self.quote is not None:
            if tag == "blockquote":
                self._end_quote()
            elif tag in {"cite", "footer"} and self.attribution is not None:
                self.attribution_text = "".join(self.attribution)
                self.attribution = None
            elif tag in BREAKS:
                self.quote.append("\n")
            return
        if self.heading is not None:
            if tag in HEADINGS:
                text = _clean_text("".join(self.heading))
                if text:
                    self._count_paragraph()
                    self.blocks.append({"type": "subheading", "value": text[:250]})
                self.heading = None
            return
        if tag == "li" and self.list_tag is not None:
            self._end_item()
        elif tag in {"ul", "ol"} and self.list_tag == tag:
            self._end_list()
        elif tag in BREAKS:
            if self.list_tag is None:
                self._flush()
        elif tag in INLINE:
            name = INLINE[tag]
            if self.open_counts[name]:
                while self.open_inline:
                    closing = self.open_inline.pop()
                    self.open_counts[closing] -= 1
                    self.inline.append(f"</{closing}>")
                    if closing == name:
                        break

    def text(self, data: str) -> None:
        if self.dropping or not data:
            return
        target = self._text_target()
        target.append(escape(data, quote=False) if target is self.inline else data)

    def close(self) -> list[dict]:
        if self.quote is not None:
            self._end_quote()
        if self.list_tag is not None:
            self._end_list()
        self._flush()
        return self.blocks

    # Helpers -----------------------------------------------------------------------------

    def _text_target(self) -> list[str]:
        if self.heading is not None:
            return self.heading
        if self.quote is not None:
            return self.attribution if self.attribution is not None else self.quote
        return self.inline

    def _close_inline(self) -> str:
        closing = "".join(f"</{name}>" for name in reversed(self.open_inline))
        self.open_inline = []
        self.open_counts.clear()
        return closing

    def _count_paragraph(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > self.max_paragraphs:
            raise too_many_paragraphs(self.max_paragraphs)

    def _flush(self) -> None:
        html = _tidy("".join(self.inline) + self._close_inline())
        self.inline = []
        if _has_text(html):
            self._count_paragraph()
            self.blocks.append({"type": "paragraph", "value": f"<p>{html}</p>"})

    def _end_item(self) -> None:
        if self.in_item:
            html = _tidy("".join(self.inline) + self._close_inline())
            if _has_text(html):
                self._count_paragraph()
                self.list_items.append(html)
        self.inline = []
        self.in_item = False

    def _end_list(self) -> None:
        self._end_item()
        if self.list_items:
            items = "".join(f"<li>{item}</li>" for item in self.list_items)
            self.blocks.append(
                {"type": "paragraph", "value": f"<{self.list_tag}>{items}</{self.list_tag}>"}
            )
        self.list_tag, self.list_items = None, []

    def _end_quote(self) -> None:
        lines = [_clean_text(line) for line in "".join(self.quote or []).split("\n")]
        text = "\n".join(line for line in lines if line)
        attribution = _clean_text(self.attribution_text)
        if not attribution and self.attribution:
            attribution = _clean_text("".join(self.attribution))
        attribution = attribution.lstrip("—–- ").strip()
        if text:
            self._count_paragraph()
            self.blocks.append(
                {"type": "quote", "value": {"text": text, "attribution": attribution[:250]}}
            )
        self.quote, self.attribution, self.attribution_text = None, None, ""


def _clean_text(text: str) -> str:
    return SPACES.sub(" ", text.replace("\xa0", " ")).strip()


def _tidy(html: str) -> str:
    html = SPACES.sub(" ", html.replace("\xa0", " ")).strip()
    if leading := LEADING_BREAKS.match(html):
        html = html[leading.end() :]
    if trailing := TRAILING_BREAKS_REVERSED.match(html[::-1]):
        html = html[: len(html) - trailing.end()]
    return html


def _has_text(html: str) -> bool:
    return bool(TAG.sub("", html).strip())


class _HTMLFeeder(HTMLParser):
    def __init__(self, builder: BodyBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder

    def handle_starttag(self, tag, attrs):
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag.lower() in VOID:
            self.builder.end(tag)

    def handle_startendtag(self, tag, attrs):
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag.lower() not in VOID:
            self.builder.end(tag)

    def handle_endtag(self, tag):
        self.builder.end(tag)

    def handle_data(self, data):
        self.builder.text(data)


def blocks_from_html(html: str) -> list[dict]:
    """The body blocks of an HTML fragment or document."""
    builder = BodyBuilder()
    feeder = _HTMLFeeder(builder)
    feeder.feed(html)
    feeder.close()
    return builder.close()


def blocks_from_element(element: Element) -> list[dict]:
    """The body blocks of an (X)HTML element tree, such as NewsML-G2's inlineXML."""
    builder = BodyBuilder()

    def walk(node: Element) -> None:
        tag = _local_name(node.tag) if isinstance(node.tag, str) else ""
        if not tag:  # comments and processing instructions
            builder.text(node.tail or "")
            return
        builder.start(tag, {_local_name(key): value for key, value in node.attrib.items()})
        builder.text(node.text or "")
        for child in node:
            walk(child)
        builder.end(tag)
        builder.text(node.tail or "")

    builder.text(element.text or "")
    for child in element:
        walk(child)
    return builder.close()


def blocks_from_text(text: str) -> list[dict]:
    """The body blocks of plain text: a blank line (or, without any, a line break) per paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = PLAIN_PARAGRAPHS.split(text) if PLAIN_PARAGRAPHS.search(text) else text.split("\n")
    blocks = []
    limit = max_wire_paragraphs()
    for part in parts:
        clean = _clean_text(part)
        if clean:
            if len(blocks) >= limit:
                raise too_many_paragraphs(limit)
            blocks.append({"type": "paragraph", "value": f"<p>{escape(clean, quote=False)}</p>"})
    return blocks


def first_paragraph_text(blocks: list[dict]) -> str:
    """The text of the first paragraph, to stand in for a missing standfirst."""
    for block in blocks:
        if block["type"] == "paragraph":
            return _clean_text(unescape(TAG.sub(" ", block["value"])))
    return ""


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()
