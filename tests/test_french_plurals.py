"""French puts 0 in the singular (« 0 commentaire refusé »), where gettext, for a message
its catalogue lacks, takes English's rule (« 0 commentaires refusés »). Every plural
message of the project is in the French catalogue, whose rule is French."""

import ast
import re
from pathlib import Path

import pytest
from django.utils.translation import ngettext, override

ROOT = Path(__file__).resolve().parent.parent / "quotidien"
PLURAL_CALLS = {"ngettext", "ngettext_lazy"}
BLOCK = re.compile(
    r"{% blocktrans(?:late)? [^%]*?count [^%]*%}(.*?){% plural %}(.*?){% endblocktrans(?:late)? %}",
    re.S,
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def plural_messages() -> list[tuple[str, str, str]]:
    """(where, singular, plural) of each plural message of the project's code and templates."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", getattr(name, "attr", None))
            if isinstance(node, ast.Call) and name in PLURAL_CALLS and len(node.args) >= 2:
                singular, plural = node.args[:2]
                if isinstance(singular, ast.Constant) and isinstance(plural, ast.Constant):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, singular.value, plural.value))
    for path in sorted(ROOT.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            singular, plural = (VARIABLE.sub(r"%(\1)s", part) for part in match.groups())
            where = f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
            found.append((where, singular, plural))
    return found


MESSAGES = plural_messages()


def test_the_project_s_plural_messages_are_found():
    assert len(MESSAGES) > 40
    assert any(singular == "%(n)d commentaire refusé." for _, singular, _ in MESSAGES)


@pytest.mark.parametrize(("where", "singular", "plural"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_none_and_one_are_singular_two_plural(where, singular, plural):
    with override("fr"):
        assert ngettext(singular, plural, 0) == singular
        assert ngettext(singular, plural, 1) == singular
        assert ngettext(singular, plural, 2) == plural
