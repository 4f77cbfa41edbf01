"""Every kind of page refuses, in the back office, a date at an end of the calendar with a
French message beside the field, as articles and live pages do: stored in UTC, year 1 in
the site's time zone became 1 BC and the save answered 500."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.db import models
from wagtail.models import get_page_models

from quotidien.news.cleaning import CleanTextMixin
from quotidien.news.models import HomePage
from quotidien.sitepages.models import InformationPage

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["01/01/0001 00:00", "31/12/9999 23:59"]


@pytest.fixture
def charter(home):
    page = InformationPage(title="Charte des commentaires", slug="charte", intro="Nos règles.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def edit_form_data(page, user, **changes) -> dict:
    """What the back office's edit form posts for `page` as it stands, with `changes`."""
    form = page.get_edit_handler().get_form_class()(instance=page, for_user=user)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(field, "block"):  # a StreamField: its blocks as posted, none here
            data[f"{name}-count"] = "0"
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, datetime):
            data[name] = value.strftime(settings.WAGTAIL_DATETIME_FORMAT)
        elif isinstance(value, date):
            data[name] = value.strftime(settings.WAGTAIL_DATE_FORMAT)
        elif isinstance(value, models.Model):
            data[name] = value.pk
        elif value is not None:
            data[name] = value
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = 0
        data[f"{formset.prefix}-INITIAL_FORMS"] = 0
    return {**data, **changes}


@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
@pytest.mark.parametrize("when", OUT_OF_RANGE)
@pytest.mark.parametrize("kind", ["home", "charter"])
def test_a_page_of_any_kind_dated_at_an_end_of_the_calendar_is_refused_beside_the_field(
    client, editor, home, charter, kind, field, when
):
    page = {"home": home, "charter": charter}[kind]
    url = f"/admin/pages/{page.pk}/edit/"
    assert client.post(url, edit_form_data(page, editor)).status_code == 302  # the form is whole

    response = client.post(url, edit_form_data(page, editor, **{field: when}))

    assert response.status_code == 200
    # An expiry in the past gets Wagtail's own refusal first.
    refusals = ("Choisissez une date entre le 1er janvier 1900", "doit être dans le futur")
    assert any(refusal in response.content.decode() for refusal in refusals)
    assert getattr(type(page).objects.get(pk=page.pk), field) is None
    assert client.get(page.url).status_code == 200


def test_every_kind_of_page_checks_its_dates():
    kinds = [model for model in get_page_models() if model.__module__.startswith("quotidien")]
    unchecked = [model.__name__ for model in kinds if not issubclass(model, CleanTextMixin)]

    assert HomePage in kinds and InformationPage in kinds
    assert unchecked == []
