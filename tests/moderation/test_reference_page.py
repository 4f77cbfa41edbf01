"""Five comments of the kind the reference article page carries (a report on the siege of
Aleppo), in the project's own words: a rant in capitals and two comments likening a
religious group to bacteria must not be published; the two others must be."""

import pytest

from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit

pytestmark = pytest.mark.django_db

RANT = (
    "ET PENDANT CE TEMPS L'OCCIDENT REGARDE AILLEURS, COMME TOUJOURS, ET NOS DIRIGEANTS "
    "FONT DES DISCOURS AU LIEU D'AGIR, C'EST UNE HONTE ABSOLUE POUR TOUTE L'HUMANITÉ !!!"
)
BACTERIA_CROSSING = (
    "Le vrai danger ce sont les bactéries salafo-takfiristes qui attendent la fin des combats "
    "pour prendre la route et s'installer en Europe, qu'on ne vienne pas pleurer après."
)
BACTERIA_ALLIES = (
    "Ces wahhabistes et leurs alliés ne valent pas mieux que des bactéries, tôt ou tard il "
    "faudra les éradiquer de la région si on veut la paix."
)
GRIEF = (
    "Quelle tristesse de voir cette ville millénaire réduite en ruines. Pensées pour les "
    "civils pris au piège, qu'on les laisse enfin sortir."
)
QUESTION = (
    "Merci pour ce reportage. Savez-vous si les convois humanitaires ont pu entrer dans les "
    "quartiers est depuis la trêve annoncée hier ?"
)


@pytest.fixture
def siege(make_section, make_article):
    syria = make_section("Syrie", parent=make_section("Monde"))
    return make_article(syria, "À Alep, les civils pris au piège du siège")


@pytest.mark.parametrize("body", [RANT, BACTERIA_CROSSING, BACTERIA_ALLIES])
def test_harmful_comments_of_the_reference_page_are_not_published(siege, make_reader, body):
    comment = comment_submit(article=siege, author=make_reader(), body=body)

    assert comment.status in (Comment.Status.PENDING, Comment.Status.REJECTED)
    assert comment.held_reason


@pytest.mark.parametrize("body", [GRIEF, QUESTION])
def test_acceptable_comments_of_the_reference_page_are_published(siege, make_reader, body):
    comment = comment_submit(article=siege, author=make_reader(), body=body)

    assert comment.status == Comment.Status.PUBLISHED, comment.held_reason


# The words the issue quotes from the reference page's two "bacteria" comments: a listed
# term beside a group named by a word no list holds.
@pytest.mark.parametrize(
    "body",
    [
        "les bactéries salafisteswahabotes … débarquer en Europe",
        "leurs alliés bactéries wahabites … doivent être éradiqués",
    ],
)
def test_bacteria_beside_an_unlisted_group_word_is_not_published(siege, make_reader, body):
    comment = comment_submit(article=siege, author=make_reader(), body=body)

    assert comment.status in (Comment.Status.PENDING, Comment.Status.REJECTED)


@pytest.mark.parametrize(
    "body",
    [
        "Des bactéries résistantes ont été trouvées dans l’eau du camp.",
        "Les rats envahissent les entrepôts du port, les dockers s’inquiètent.",
        "Les cafards des cuisines de la cantine scolaire inquiètent les parents.",
    ],
)
def test_pests_taken_literally_are_published(siege, make_reader, body):
    comment = comment_submit(article=siege, author=make_reader(), body=body)

    assert comment.status == Comment.Status.PUBLISHED, comment.held_reason
