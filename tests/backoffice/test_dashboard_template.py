"""The dashboard's template is Wagtail's, copied to put its page search under a condition
(quotidien/templates/wagtailadmin/home.html): should a Wagtail upgrade change its own,
this test says so, instead of the copy quietly keeping the old dashboard."""

from pathlib import Path

import pytest
import wagtail

pytestmark = pytest.mark.no_database

OURS = (
    Path(__file__).resolve().parents[2] / "quotidien" / "templates" / "wagtailadmin" / "home.html"
)
WAGTAILS = Path(wagtail.__file__).parent / "admin" / "templates" / "wagtailadmin" / "home.html"


def test_the_copy_is_wagtail_s_template_but_for_the_condition_around_the_search():
    ours = OURS.read_text("utf-8")
    end = "{% endcomment %}\n"
    comment = ours[ours.index("{% comment %}") : ours.index(end) + len(end)]
    lines = ours.replace(comment, "").splitlines()
    added = ["                {% if search_form %}", "                {% endif %}"]
    assert [line for line in lines if line in added] == added
    assert [line for line in lines if line not in added] == WAGTAILS.read_text("utf-8").splitlines()
