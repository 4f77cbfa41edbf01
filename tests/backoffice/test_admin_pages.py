"""Back-office pages as the newsroom opens them: nothing sent to third parties, forms that work."""

import pytest

pytestmark = pytest.mark.django_db


def test_admin_pages_ask_no_third_party_for_avatars(client, editor):
    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html


@pytest.mark.parametrize(
    "address", ["/admin/abonnements/activer/", "/admin/abonnements/statistiques/"]
)
def test_subscriber_service_date_fields_load_their_date_picker(client, clerk, address):
    html = client.get(address).content.decode()

    # The date fields call Wagtail's date picker, which their form's media loads.
    assert "initDateChooser(" in html
    assert "wagtailadmin/js/date-time-chooser.js" in html


def test_the_back_office_bears_the_paper_s_name_and_no_what_s_new_badge(client, editor, settings):
    from lxml import html as lxml_html

    page = client.get("/admin/").content.decode()
    tree = lxml_html.fromstring(page)

    assert tree.xpath("//title")[0].text_content().split() == [
        "Tableau",
        "de",
        "bord",
        "-",
        settings.WAGTAIL_SITE_NAME,
    ]
    logo = tree.xpath("//template[@data-wagtail-sidebar-branding-logo]//img/@alt")
    assert logo == [settings.WAGTAIL_SITE_NAME]
    assert "whats-new-in-wagtail" not in page
    assert "editor-guide" not in page
    # Nor the account panel's link to Wagtail's guide: English, and not the paper's ways.
    assert "Guide de l’éditeur" not in page and "guide.wagtail.org" not in page
    assert tree.xpath("//a[@href='/admin/account/']")


def test_only_pages_that_hold_others_offer_to_sort_them(client, editor, home):
    from tests.pages import add_article, add_section

    section = add_section(home, "Liban")
    article = add_article(section, "Le port de Tripoli rouvre")
    sort = "Ordre de tri des sous-pages"

    section_menu = client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    article_menu = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{section.pk}/").content.decode()

    assert sort in section_menu
    assert sort not in article_menu
    assert "?ordering=ord" not in listing.split("Le port de Tripoli rouvre", 1)[1]
