"""Which of the project's apps import which: no new circle between two apps.

An app that imports another, which imports it back, can be neither read nor changed on its
own; the cure is a signal, a hook (quotidien.news.extensions), a setting naming the
models concerned, or a smaller shared module (quotidien.links, quotidien.french). The
circles listed in KNOWN are older than this test and are to be undone, not added to: a
change that undoes one removes it here.
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[1] / "quotidien"

# Pairs of apps that still import each other, (a, b) with a < b.
KNOWN = {
    ("comments", "moderation"),
}


APPS = {path.name for path in ROOT.iterdir() if (path / "apps.py").exists()}


def quotidien_imports(module: Path) -> set[str]:
    """The packages of quotidien that `module` imports (« news » for
    `from quotidien.news.models import …` or `import quotidien.news.queries`), at the top
    or inside a function alike."""
    imported = set()
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            package, _, rest = name.partition(".")
            if package == "quotidien" and rest:
                imported.add(rest.partition(".")[0])
    return imported


def app_imports() -> set[tuple[str, str]]:
    """(importing app, imported app) for every import of one app by another; migrations
    left out."""
    edges = set()
    for module in ROOT.rglob("*.py"):
        parts = module.relative_to(ROOT).parts
        if parts[0] in APPS and "migrations" not in parts:
            edges |= {
                (parts[0], app) for app in quotidien_imports(module) & APPS if app != parts[0]
            }
    return edges


def test_no_two_apps_import_each_other_but_the_known_ones():
    edges = app_imports()
    circles = {(a, b) for a, b in edges if (b, a) in edges and a < b}
    assert circles - KNOWN == set(), "new circle between apps"
    assert KNOWN - circles == set(), "a known circle is undone: remove it from KNOWN"


def test_the_shared_modules_import_no_app():
    """quotidien.links, quotidien.french, quotidien.model_labels and
    quotidien.feedgenerators are what apps share instead of importing each other: they
    import none of them."""
    shared = [
        ROOT / "links.py",
        ROOT / "model_labels.py",
        ROOT / "feedgenerators.py",
        *(ROOT / "french").glob("*.py"),
    ]
    for module in shared:
        assert quotidien_imports(module) & APPS == set(), module.name
