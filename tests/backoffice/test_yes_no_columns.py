"""Listings of the back office say « Oui » and « Non », never Python's True and False."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from quotidien.entities.models import Entity
from quotidien.subscriptions.models import Institution, Plan

pytestmark = pytest.mark.django_db


def test_listings_write_yes_and_no_in_french(home):
    Plan.objects.create(name="Mensuel", slug="mensuel", interval=Plan.Interval.MONTH)
    Institution.objects.create(name="Université de démonstration", active=False)
    Entity.objects.create(name="Bachar el-Assad", kind=Entity.Kind.PERSON)
    admin = get_user_model().objects.create_superuser(
        "chef@quotidien.example", "chef@quotidien.example", "Chef-de-la-Redaction-1"
    )
    browser = Client()
    browser.force_login(admin)

    # An institution's access reads in words: « ouvert », « fermé », « terminé le … ».
    for address, words in (
        ("/admin/offres/", {"Oui", "Non"}),
        ("/admin/institutions/", {"fermé"}),
        ("/admin/sujets/", {"Oui", "Non"}),
    ):
        html = browser.get(address).content.decode()
        cells = re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", html, re.S)
        assert not {"True", "False"} & set(cells), address
        assert words & set(cells), address
    institutions = browser.get("/admin/institutions/").content.decode()
    assert "Modifiée le" in institutions and "Updated at" not in institutions
    # Wagtail's own yes-or-no column, a tick or a cross, titled in French.
    users = browser.get("/admin/users/").content.decode()
    status = re.search(r'<td class="status">(.*?)</td>', users, re.S)[1]
    assert re.search(r'<span class="w-sr-only">\s*Oui\s*</span>', status), status
