"""The « Affiner » panel folds (small screens show it closed) unless a filter is set."""

import pytest
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db


def refine_panel(client, **params):
    response = client.get("/recherche/", params)
    (panel,) = lxml_html.fromstring(response.content).xpath("//form//details[@class='refine']")
    return panel


@pytest.mark.parametrize(
    ("params", "opened"),
    [
        ({"q": "port"}, False),
        ({"q": "port", "tri": "date"}, True),
        ({"q": "port", "du": "2026-01-01"}, True),
        ({"q": "port", "du": "hier"}, True),  # its error must show
    ],
)
def test_the_filters_fold_unless_one_is_set(client, home, params, opened):
    panel = refine_panel(client, **params)

    assert panel.xpath("./summary")[0].text_content().strip() == "Affiner"
    assert (panel.get("open") is not None) == opened
    assert panel.xpath(".//select[@name='rubrique']")
