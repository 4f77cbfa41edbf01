"""Whatever bytes an agency sends, reading them ends in stories or French errors, never in an
unexpected exception, and a refused document stores nothing."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotidien.ingest.formats import read_wire
from quotidien.ingest.importer import WireImporter
from quotidien.ingest.models import ImportReportLine, WireItem
from quotidien.ingest.stories import WireError, WireStory
from quotidien.news.models import ArticlePage

Outcome = ImportReportLine.Outcome
G2 = "http://iptc.org/std/nar/2006-10-01/"

# Text as agencies get it wrong: controls, surrogates, direction marks, markup, entities.
text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            ["\x00", "\x1b", "\x85", "\ufffe", "\ud800", "\u202e", "<", ">", "&", "<p>", "<br>"]
        ),
    ),
    max_size=40,
).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
ninjs_items = st.fixed_dictionaries(
    {"uri": st.one_of(text, st.integers(), st.none())},
    optional={
        "headline": json_values,
        "headlines": json_values,
        "body_html": text,
        "body_text": text,
        "bodies": json_values,
        "description_text": json_values,
        "version": json_values,
        "versioncreated": json_values,
        "embargoed": json_values,
        "pubstatus": json_values,
        "type": st.sampled_from(["text", "picture", "composite", ""]),
        "subject": json_values,
        "keywords": json_values,
        "associations": json_values,
    },
)
ninjs_documents = st.one_of(ninjs_items, st.lists(ninjs_items, max_size=3), json_values).map(
    lambda document: json.dumps(document).encode()
)
newsml_documents = st.builds(
    lambda guid, headline, body: (
        f'<newsItem xmlns="{G2}" guid="{guid}"><contentMeta><headline>{headline}</headline>'
        f'</contentMeta><contentSet><inlineData contenttype="text/html">{body}</inlineData>'
        "</contentSet></newsItem>"
    ).encode("utf-8", "surrogatepass"),
    text,
    text,
    text,
)
documents = st.one_of(ninjs_documents, newsml_documents, st.binary(max_size=200))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(documents)
def test_reading_any_bytes_gives_stories_or_errors(data):
    for entry in read_wire(data, source="fuzz"):
        assert isinstance(entry, WireStory | WireError)
        if isinstance(entry, WireError):
            assert entry.message


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents)
def test_a_refused_document_stores_nothing(desk, alp, data):
    items, articles = WireItem.objects.count(), ArticlePage.objects.count()

    run = WireImporter(source="fuzz", agency=alp)
    results = run.import_bytes(data, source="fuzz")
    run.finish()

    assert results
    assert all(result.message for result in results if result.outcome == Outcome.FAILED)
    if all(result.outcome in {Outcome.FAILED, Outcome.SKIPPED} for result in results):
        assert WireItem.objects.count() == items
        assert ArticlePage.objects.count() == articles
