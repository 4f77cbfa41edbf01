"""The served OpenAPI schema describes the API, and the API keeps to it (schemathesis)."""

import re
import warnings

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from quotidien.ingest.models import AgencyFeed

# Enough examples to find the usual faults, few enough to run in well under a minute.
EXAMPLES = 40


def test_schema_is_served_with_every_endpoint_and_the_error_shape(api_client, db):
    schema = api_client.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/articles/",
        "/api/v1/articles/{article_id}/",
        "/api/v1/sections/",
        "/api/v1/wires/",
        "/api/v1/search/",
        "/api/v1/readers/token/",
        "/api/v1/articles/{article_id}/comments/",
    }
    assert "ErrorResponse" in schema["components"]["schemas"]
    push = schema["paths"]["/api/v1/wires/"]["post"]
    assert {"401", "413", "422", "429"} <= set(push["responses"])
    assert set(push["requestBody"]["content"]) == {"application/json", "application/xml"}


def test_docs_page_loads_its_scripts_from_the_site_not_a_cdn(api_client, db):
    page = api_client.get("/api/v1/docs").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(source.endswith("swagger-ui-bundle.js") for source in sources)
    assert all(source.startswith("/") for source in sources), sources


def wsgi_app_in_test_transaction():
    """The project's WSGI application, keeping the test's database connection open.

    As Django's test client does: a real request would close a connection that is inside a
    transaction, and the test's transaction holds the articles being read.
    """
    with warnings.catch_warnings():
        # Built at import, before the suite points STATIC_ROOT at its scratch folder.
        warnings.filterwarnings("ignore", message="No directory at")
        application = get_wsgi_application()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = application(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


# Loaded from the served schema, through the project's own WSGI application.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app_in_test_transaction())
# A wire document beyond the limits of size (more items than maxItems) is refused with the
# 413 the schema documents: a rejection too.
rejections = schema.config.checks.negative_data_rejection
rejections.expected_statuses = [*rejections.expected_statuses, "413"]


@pytest.fixture
def newsroom_with_a_feed(paper, wire_token, settings):
    """Articles to read and an agency feed to push to, without the rate limit in the way."""
    settings.QUOTIDIEN_API_WRITE_RATE = "100000/m"
    AgencyFeed.objects.create(
        agency=paper["lead"].agency,
        arrival=AgencyFeed.Arrival.PUBLISH,
        default_section=paper["sections"]["monde"],
    )
    return wire_token


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_keeps_to_its_schema_and_never_fails(case, newsroom_with_a_feed):
    # The WSGI client asks for gzip but reads the body as sent: plain answers are read.
    headers = {"Host": "localhost", "Accept-Encoding": "identity"}
    excluded = []
    if case.path == "/api/v1/wires/":
        headers["Authorization"] = f"Bearer {newsroom_with_a_feed}"
        # A body the schema allows ({"uri": "x"}) may still not be a story (no headline, no
        # text): the importer answers 422 with the reason, which the schema documents.
        excluded.append(positive_data_acceptance)
    if case.path == "/api/v1/search/":
        # The schema cannot say "at least one word to search" nor "since before until":
        # such queries get a 400 that names the parameter, which the schema documents.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=headers, excluded_checks=excluded)
