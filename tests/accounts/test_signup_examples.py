"""The names the sign-up form gives as examples are free: a reader who copies one on the
demo is not told « Ce nom est déjà pris »."""

import re
import tomllib
from pathlib import Path

import pytest

from quotidien.accounts.names import check_display_name, display_name_key

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).parents[2] / "quotidien" / "demo" / "content"


def demo_names() -> tuple[list[str], list[str]]:
    """The demo's readers' display names, and the names of its newsroom."""
    readers = tomllib.loads((DEMO / "comments.toml").read_text(encoding="utf-8"))["reader"]
    newsroom = re.findall(r'^name = "(.+)"$', (DEMO / "newsroom.toml").read_text(), re.M)
    return [reader["display_name"] for reader in readers], newsroom


def test_the_example_names_are_no_demo_readers_or_newsroom_names(client, make_reader):
    readers, newsroom = demo_names()
    for name in readers:
        make_reader(name)

    page = client.get("/compte/inscription/").content.decode()
    examples = re.findall(r"« ([^»]+) »", page.split("Par exemple", 1)[1].split("</", 1)[0])

    assert len(examples) == 2
    for example in examples:
        check_display_name(example)  # raises « Ce nom est déjà pris » for a demo reader's
        assert display_name_key(example) not in {display_name_key(name) for name in newsroom}
