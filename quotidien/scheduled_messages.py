"""The back office says when a page published or approved for later goes online.

Wagtail's own message for it says « Page … has been scheduled for publishing », which
reads as if it were online already, and after an approval only that the page was saved
(« La page … est enregistrée »). Its hooks `after_create_page` and `after_edit_page` run
after that message is added: the one below replaces it with the day and time
(« La page « … » est programmée pour le 7 décembre à 0 h 40. »). Registered by the
newsroom's wagtail_hooks (quotidien.news).
"""

from django.contrib import messages as django_messages
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from quotidien.french.dates import french_datetime

# Wagtail's messages after a publication or an approval (translated as it shows them).
WAGTAIL_MESSAGES = (
    "Page '%(page_title)s' has been updated.",
    "Page '%(page_title)s' has been scheduled for publishing.",
    "Page '%(page_title)s' is live and this version has been scheduled for publishing.",
    "Page '%(page_title)s' created and scheduled for publishing.",
)


def _spaced(text: str) -> str:
    """`text` with every space one plain space: the admin's messages may be set with
    non-breaking ones (before « » : ? !)."""
    return " ".join(text.split())


def _publishes(request) -> bool:
    """Whether the form posted publishes the page: « Publier » or an approval."""
    if request.POST.get("action-publish"):
        return True
    return bool(request.POST.get("action-workflow-action")) and (
        request.POST.get("workflow-action-name") == "approve"
    )


def say_a_scheduled_page_is_scheduled(request, page):
    """After a publication or an approval for later: say for when, instead of Wagtail."""
    if request.method != "POST" or not _publishes(request):
        return None
    # Read again: `page.scheduled_revision` is cached, and may be the revision scheduled
    # before this one (a page scheduled again for another time).
    revision = Page.objects.get(pk=page.pk).scheduled_revision
    if revision is None or revision.approved_go_live_at <= timezone.now():
        return None
    title = page.get_admin_display_title()
    wagtail_said = [_spaced(escape(_(text) % {"page_title": title})) for text in WAGTAIL_MESSAGES]
    # Reading the messages takes them all; every one but Wagtail's is given back.
    for message in list(django_messages.get_messages(request)):
        if not any(said in _spaced(str(message.message)) for said in wagtail_said):
            django_messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(
        request,
        _("La page « %(title)s » est programmée pour le %(when)s.")
        % {
            "title": title,
            "when": french_datetime(revision.approved_go_live_at, year_when_another=True),
        },
    )
    return None
