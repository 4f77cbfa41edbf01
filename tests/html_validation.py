"""Checking HTML documents with the Nu Html Checker (vnu.jar, installed by `make test`)."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "`make test` (or `make install-test`) installs Java and vnu.jar (npm install)."


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"Java is needed to run the Nu Html Checker. {INSTALL_HINT}", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"The Nu Html Checker is missing: {VNU_JAR}. {INSTALL_HINT}", pytrace=False)
    return java


def validate_html(documents: dict[str, str]) -> dict[str, list[str]]:
    """The checker's errors for each document, by name, in one run of vnu for them all."""
    java = _java()
    errors: dict[str, list[str]] = {name: [] for name in documents}
    with tempfile.TemporaryDirectory(prefix="quotidien-vnu-") as tmp:
        names_by_file = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"document-{number}.html"
            path.write_text(html, encoding="utf-8")
            names_by_file[path.name] = name
        result = subprocess.run(
            [
                java,
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--errors-only",
                *sorted(names_by_file),
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=300,
        )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"The Nu Html Checker did not answer in JSON:\n{result.stderr}", pytrace=False)
    for message in report["messages"]:
        name = names_by_file.get(message.get("url", "").rsplit("/", 1)[-1])
        where = f"line {message['lastLine']}" if "lastLine" in message else "document"
        extract = " ".join(message.get("extract", "").split())
        text = f"{where}: {message['message']}" + (f"  [{extract}]" if extract else "")
        errors.setdefault(name or "(checker)", []).append(text)
    return errors
