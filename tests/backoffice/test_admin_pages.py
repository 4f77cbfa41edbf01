"""Back-office pages as the newsroom opens them: nothing sent to third parties, forms that work."""

import pytest

pytestmark = pytest.mark.django_db


def test_admin_pages_ask_no_third_party_for_avatars(client, editor):
    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html
