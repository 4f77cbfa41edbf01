"""The user shown beside a page in the back office's reports: Wagtail's template, copied
(quotidien/templates/wagtailadmin/shared/user_avatar.html) so that a page published by
no one reads « — », not « None »."""

from pathlib import Path

import pytest
import wagtail
from lxml import html

OURS = Path(__file__).resolve().parents[2] / "quotidien" / "templates" / "wagtailadmin"
WAGTAILS = Path(wagtail.__file__).parent / "admin" / "templates" / "wagtailadmin"
TEMPLATE = Path("shared") / "user_avatar.html"


@pytest.mark.no_database
def test_the_copy_is_wagtail_s_template_but_for_its_last_line():
    ours = (OURS / TEMPLATE).read_text("utf-8")
    end = "{% endcomment %}\n"
    ours = ours.replace(ours[ours.index("{% comment %}") : ours.index(end) + len(end)], "")
    wagtails = (WAGTAILS / TEMPLATE).read_text("utf-8")
    assert ours.splitlines()[:-1] == wagtails.splitlines()[:-1]
    assert wagtails.splitlines()[-1] == (
        "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}"
    )


@pytest.mark.django_db
def test_aging_pages_name_who_published_and_a_dash_for_nobody(client, editor, make_section):
    section = make_section("Liban")
    section.save_revision(user=editor).publish(user=editor)
    make_section("Monde")  # published by no one, as imports and schedules do

    answer = client.get("/admin/reports/aging-pages/")

    rows = {
        cells[0]: cells[3]
        for row in html.fromstring(answer.content).xpath("//main//table/tbody/tr")
        if (cells := [" ".join(td.text_content().split()) for td in row.xpath("./td")])
    }
    assert rows["Liban"] == editor.get_username()
    assert rows["Monde"] == "—"
