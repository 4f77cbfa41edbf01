from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from quotidien.news.newsroom import EDITORS, JOURNALISTS

PDF = b"%PDF-1.4\n% une piece justificative\n%%EOF\n"


@pytest.fixture
def article(home, make_section, make_article):
    return make_article(
        make_section("Liban"), "Le barrage de Qaraoun se remplit", age=timedelta(days=2)
    )


@pytest.fixture
def editor(home, make_reader):
    user = make_reader("Rita Chidiac", email="rita@quotidien.example")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def journalist(home, make_reader):
    user = make_reader("Nadia Khoury", email="nadia@quotidien.example")
    user.groups.add(Group.objects.get(name=JOURNALISTS))
    return user
