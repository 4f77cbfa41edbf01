"""A live page is corrected and answered as an article is: from its header in the back
office, at the end of the page, on the corrections page, and through the right-of-reply
form."""

from datetime import UTC

import extruct
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import PageLogEntry

from quotidien.corrections import services
from quotidien.corrections.models import Correction, ReplyRequest
from quotidien.links import page_url
from quotidien.live.models import LivePage
from tests.syndication.paper import SITE_URL

pytestmark = pytest.mark.django_db
WRONG = "Le feu a été maîtrisé à 18 heures, non à 16 heures comme écrit plus haut."


def test_editors_correct_a_live_page_from_its_header(client, live, staff):
    page = live["page"]
    client.force_login(staff["rita"])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    add_url = f"{reverse('rectificatifs:add')}?article={page.pk}"
    assert "Ajouter un rectificatif" in edit_page and add_url.replace("&", "&amp;") in edit_page

    response = client.post(
        add_url,
        {
            "article": page.pk,
            "kind": "rectificatif",
            "text": WRONG,
            "published_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        },
    )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.article_id == page.pk and correction.created_by == staff["rita"]
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Rectificatif ajouté" in history.content.decode()
    # Logged as a live page, as Wagtail logs the page's own actions (the site's history
    # filters by type).
    entry = PageLogEntry.objects.get(action="corrections.add")
    assert entry.content_type.model_class() is LivePage


def test_only_an_article_or_a_live_page_takes_a_correction(live, staff):
    section = live["page"].get_parent()

    with pytest.raises(ValidationError) as refused:
        services.add_correction(article=section, text=WRONG, by=staff["rita"])

    assert refused.value.error_dict["article"][0].code == "not_correctable"
    assert not Correction.objects.exists()


def test_a_correction_shows_at_the_end_of_the_live_page_and_dates_it(client, live, staff):
    page = live["page"]
    client.get(page.url)  # cached before the correction: the correction outdates it
    correction = services.add_correction(article=page, text=WRONG, by=staff["rita"])

    html = client.get(page.url).content.decode()
    tree = lxml_html.fromstring(html)

    [shown] = tree.xpath(f'//*[@id="{correction.anchor}"]')
    assert "Rectificatif du" in shown.text_content() and "18 heures" in shown.text_content()
    # After the timeline, as at the end of an article.
    [timeline] = tree.xpath('//section[@class="live__timeline"]')
    assert shown in timeline.xpath("following::*")
    [corrected] = tree.xpath('//*[@class="dates__corrected"]')
    assert corrected.text_content().startswith("Direct rectifié le")
    assert corrected.xpath(".//a/@href") == [f"#{correction.anchor}"]
    data = extruct.extract(html, base_url=SITE_URL, syntaxes=["json-ld"])["json-ld"]
    [posting] = [item for item in data if item["@type"] == "LiveBlogPosting"]
    assert posting["dateModified"] == timezone.localtime(correction.published_at).isoformat()


def test_the_corrections_page_links_to_the_correction_on_the_live_page(client, live, staff):
    page = live["page"]
    correction = services.add_correction(article=page, text=WRONG, by=staff["rita"])

    tree = lxml_html.fromstring(client.get(reverse("corrections:index")).content)

    [link] = tree.xpath('//*[@class="corrections-list__title"]/a')
    assert link.text_content() == page.title
    assert link.get("href") == f"{page.url}#{correction.anchor}"


def test_a_person_named_in_live_coverage_files_a_request_and_gets_the_reply_published(
    client, live, staff, django_capture_on_commit_callbacks
):
    page = live["page"]
    # The link at the end of the live page opens the form with the page chosen.
    html = client.get(page.url).content.decode()
    form_link = f"{reverse('corrections:reply_form')}?article={page.pk}"
    assert form_link in html and "Vous êtes cité dans ce direct" in html.replace("\u202f", " ")
    form = client.get(form_link).content.decode().replace("\u202f", " ")
    assert f"Votre réponse porte sur le direct « {page.title} », ouvert le" in form

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("corrections:reply_form"),
            {
                "name": "Georges Haddad",
                "email": "georges@example.org",
                "phone": "",
                "article": page_url(page),
                "text": "Je n’ai jamais refusé d’évacuer ma maison.",
                "declaration": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    request = ReplyRequest.objects.get()
    assert request.article_id == page.pk and request.article_title == page.title
    # The requester and the editors read of « le direct », as the page calls itself.
    [acknowledged] = [message for message in mail.outbox if message.to == ["georges@example.org"]]
    [notice] = [message for message in mail.outbox if message.to != ["georges@example.org"]]
    assert f"votre demande de droit de réponse au direct « {page.title} »" in acknowledged.body
    assert f"demande un droit de réponse au direct « {page.title} »" in notice.body
    assert "l’article" not in acknowledged.body + notice.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.publish_reply(reply_request=request, text=request.text, by=staff["rita"])

    html = client.get(page.url).content.decode()
    assert reply.article_id == page.pk and "Réponse de Georges Haddad" in html
    [told] = [message for message in mail.outbox if message.to == ["georges@example.org"]]
    assert f"{page_url(page)}#{reply.anchor}" in told.body
    assert f"Votre réponse est publiée à la fin du direct « {page.title} »" in told.body


def test_a_correction_later_than_the_newest_entry_dates_the_live_page_in_its_sitemap(
    client, live, staff
):
    page = live["page"]
    later = timezone.now() + timezone.timedelta(minutes=1)
    services.add_correction(article=page, text=WRONG, by=staff["rita"])
    Correction.objects.update(published_at=later)

    own = client.get("/sitemap-directs.xml").content.decode()

    assert f"<lastmod>{later.astimezone(UTC):%Y-%m-%dT%H:%M:%S}" in own
