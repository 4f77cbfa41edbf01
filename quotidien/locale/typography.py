"""Rewrite Wagtail's French messages in the paper's typography, into the catalogues here.

It also rewords those that guess a gender (« Êtes-vous sûr(e) de vouloir » becomes
« Voulez-vous vraiment », « ce(tte) %(model_name)s » « cet élément (%(model_name)s) »).

Wagtail's French translation writes straight apostrophes and quotes (« Plus d'actions »,
« Seules les pages de type "Article" »). This script copies every such message of the
installed Wagtail into the end of quotidien/locale/fr/LC_MESSAGES/django.po and
djangojs.po, below GENERATED, with a typographic apostrophe (’) and French quotes
(« … »); the messages worded by hand above GENERATED are left alone. Run it again after
upgrading Wagtail, then compile both catalogues (GNU gettext):

    .venv/bin/python quotidien/locale/typography.py
    msgfmt --check -o quotidien/locale/fr/LC_MESSAGES/django.mo \\
      quotidien/locale/fr/LC_MESSAGES/django.po
    msgfmt --check -o quotidien/locale/fr/LC_MESSAGES/djangojs.mo \\
      quotidien/locale/fr/LC_MESSAGES/djangojs.po
"""

import re
import subprocess
from pathlib import Path

import wagtail

HERE = Path(__file__).resolve().parent / "fr" / "LC_MESSAGES"
GENERATED = "# ----- Wagtail's French in the paper's typography (locale/typography.py) -----"
# nplurals of the French catalogues (see their Plural-Forms header).
PLURALS = 3
LETTER = r"[^\W\d_]"
ELISION = re.compile(rf"(?<={LETTER})'(?=[\w%{{])")
SINGLE_QUOTED = re.compile(r"(?<!\w)'([^'<>]+?)'(?!\w)")
DOUBLE_QUOTED = re.compile(r'"([^"<>=]+?)"')


# Wordings of Wagtail's French that guess at the reader's or the model's gender
# (« Êtes-vous sûr(e) », « ce(tte) article »), and what reads for everyone instead.
GENDER_GUESSES = (
    (re.compile(r"Êtes[- ]vous sûr\(e\) de toujours vouloir "), "Voulez-vous toujours "),
    (re.compile(r"Êtes[- ]vous sûr\(e\) de vouloir "), "Voulez-vous vraiment "),
    (re.compile(r"\bce\(tte\) (%\(\w+\)s|\{\w+\})"), r"cet élément (\1)"),
    (re.compile(r"\bCe\(tte\) (%\(\w+\)s|\{\w+\})"), r"Cet élément (\1)"),
)


def typeset(text: str) -> str:
    """`text` with its apostrophes curled, its quotes made French and no guess at a
    gender; markup is left alone (only elisions change in a message carrying HTML)."""
    for guess, wording in GENDER_GUESSES:
        text = guess.sub(wording, text)
    text = ELISION.sub("’", text)
    if "<" in text:
        return text
    text = SINGLE_QUOTED.sub(r"« \1 »", text)
    text = DOUBLE_QUOTED.sub(r"« \1 »", text)
    return text.replace("'", "’")


def unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


def quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def entries(po_text: str):
    """Each message of a catalogue as a dict: msgctxt, msgid, msgid_plural, msgstr (a
    list, one string per plural form)."""
    for block in po_text.split("\n\n"):
        entry, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                if key is None:
                    continue
                if isinstance(entry[key], list):
                    entry[key][-1] += unquote(line)
                else:
                    entry[key] += unquote(line)
                continue
            name = line.split(" ", 1)[0]
            if name.startswith("msgstr"):
                key = "msgstr"
                entry.setdefault("msgstr", []).append(unquote(line))
            else:
                key = name
                entry[key] = unquote(line)
        if entry.get("msgid"):
            yield entry


def identity(entry: dict) -> tuple[str, str]:
    return entry.get("msgctxt", ""), entry["msgid"]


def wagtail_entries(domain: str) -> list[dict]:
    """Wagtail's French messages of `domain` that read differently once typeset, the
    admin's first when two apps translate the same message."""
    root = Path(wagtail.__file__).parent
    catalogues = sorted(
        root.glob(f"**/locale/fr/LC_MESSAGES/{domain}.po"),
        key=lambda path: (path.parts[-5] != "admin", str(path)),
    )
    found = {}
    for path in catalogues:
        flat = subprocess.run(
            ["msgcat", "--no-wrap", "--no-location", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for entry in entries(flat):
            strings = entry.get("msgstr", [])
            typeset_strings = [typeset(text) for text in strings]
            if any(strings) and typeset_strings != strings:
                found.setdefault(identity(entry), {**entry, "msgstr": typeset_strings})
    return list(found.values())


def as_po(entry: dict) -> str:
    lines = []
    if "msgctxt" in entry:
        lines.append(f"msgctxt {quote(entry['msgctxt'])}")
    lines.append(f"msgid {quote(entry['msgid'])}")
    if "msgid_plural" in entry:
        lines.append(f"msgid_plural {quote(entry['msgid_plural'])}")
        forms = entry["msgstr"] + [entry["msgstr"][-1]] * (PLURALS - len(entry["msgstr"]))
        lines += [f"msgstr[{n}] {quote(text)}" for n, text in enumerate(forms[:PLURALS])]
    else:
        lines.append(f"msgstr {quote(entry['msgstr'][0])}")
    return "\n".join(lines)


def rewrite(domain: str) -> int:
    """Replace the generated part of `domain`'s catalogue; the number of messages in it."""
    path = HERE / f"{domain}.po"
    own = path.read_text().split(f"\n{GENERATED}\n")[0].rstrip("\n")
    worded = {identity(entry) for entry in entries(own)}
    generated = [entry for entry in wagtail_entries(domain) if identity(entry) not in worded]
    body = "\n\n".join(as_po(entry) for entry in generated)
    path.write_text(f"{own}\n\n{GENERATED}\n\n{body}\n" if generated else f"{own}\n")
    return len(generated)


if __name__ == "__main__":
    for domain in ("django", "djangojs"):
        print(domain, rewrite(domain))
