"""Setting up a newsroom: the front page and site, staff groups and the review workflow.

Idempotent: running it again repairs what is missing, moves the site to SITE_URL when
asked, and changes nothing else.

And the newsroom's one-click change of the front page: an article made its lead.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from quotidien.grants import EDITORS, JOURNALISTS

from .models import ArticlePage, HomePage, HomePageTopStory

MODERATORS = "Modérateurs"
# Moderators who also choose the classifier version in service.
MODERATION_LEADS = "Responsables de la modération"
# Made by Wagtail's migrations; the newsroom's own groups say the same in French.
WAGTAIL_GROUPS = ("Editors", "Moderators")
SUBSCRIBER_SERVICE = "Service abonnés"
REVIEW_WORKFLOW = "Relecture de la rédaction"
# As many stories as the front page's form takes.
TOP_STORIES_MAX = 12

# Journalists add articles and edit their own drafts; editors change and publish anything.
PAGE_PERMISSIONS = {
    JOURNALISTS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
PHOTO_PERMISSIONS = {
    JOURNALISTS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image", "delete_image"],
}
# What the moderators of reader comments do, and their leads too.
MODERATING = [
    ("wagtailadmin", "access_admin"),
    ("comments", "moderate_comment"),
    ("moderation", "view_wordlist"),
    ("moderation", "change_wordlist"),
]
MODEL_PERMISSIONS = {
    JOURNALISTS: [
        ("wagtailadmin", "access_admin"),
        # A missing agency is added from the article's agency chooser; editors correct it.
        ("news", "add_agency"),
        # Live coverage: journalists post entries, and change or delete their own.
        ("live", "add_liveentry"),
        # The people, places and organisations found in the articles: seen, not changed.
        ("entities", "view_entity"),
    ],
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        # Sections and the paper's own pages are its structure: editors create them,
        # journalists write in the sections (quotidien/news/page_types.py).
        ("news", "add_sectionpage"),
        ("sitepages", "add_informationpage"),
        *[
            ("news", f"{action}_{model}")
            for model in ("author", "agency")
            for action in ("add", "change", "delete", "view")
        ],
        # Agency wires: editors choose how each feed arrives and where its subjects go.
        *[
            ("ingest", f"{action}_{model}")
            for model in ("agencyfeed", "subjectmapping")
            for action in ("add", "change", "delete", "view")
        ],
        *[("ingest", f"view_{model}") for model in ("wireitem", "importreport", "wiretoken")],
        # Corrections and right-of-reply requests: editors add the first and handle the second.
        *[
            ("corrections", f"{action}_correction")
            for action in ("add", "change", "delete", "view")
        ],
        ("corrections", "change_replyrequest"),
        ("corrections", "view_replyrequest"),
        # Live coverage: editors change or delete any entry (journalists, their own).
        *[("live", f"{action}_liveentry") for action in ("add", "change", "delete")],
        # The name variants that search treats as one name.
        *[("search", f"{action}_namevariants") for action in ("add", "change", "delete", "view")],
        # Entities: editors rename, hide and merge them (none is added or deleted by hand).
        ("entities", "change_entity"),
        ("entities", "view_entity"),
    ],
    MODERATORS: MODERATING,
    MODERATION_LEADS: [
        *MODERATING,
        # Put an earlier version of the comment classifier back in service.
        ("moderation_classifier", "change_classifierversion"),
    ],
    # Only the Service abonnés (and superusers) sees readers' subscriptions and payments:
    # they are personal and financial data. Subscriptions and payments are changed through
    # its manual actions only, never deleted, so that the accounts stay whole.
    SUBSCRIBER_SERVICE: [
        ("wagtailadmin", "access_admin"),
        *[
            ("subscriptions", f"{action}_{model}")
            for model in ("plan", "price", "institution", "iprange")
            for action in ("add", "change", "delete", "view")
        ],
        *[
            ("subscriptions", f"{action}_{model}")
            for model in ("subscription", "payment")
            for action in ("add", "change", "view")
        ],
    ],
}


def public_address() -> dict:
    """The host and port of the paper's public address (SITE_URL), as a Wagtail site has
    them: pages' full addresses (the review e-mails' links, the proxies' purges) are built
    on its site's. Nothing while SITE_URL is not set: a site set up by hand stays as it is."""
    if not settings.SITE_URL:
        return {}
    address = urlsplit(settings.SITE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    return {"hostname": address.hostname or "localhost", "port": port}


@transaction.atomic
def ensure_newsroom(
    *, site_name: str, hostname: str | None = None, port: int | None = None
) -> HomePage:
    """The front page, its site, the staff groups and the review workflow, created if
    missing; the site moved to `hostname` and `port` when given (see `public_address`)."""
    home = ensure_front_page(site_name=site_name, hostname=hostname, port=port)
    # Wagtail's own groups, in English, would stand beside the newsroom's: gone while
    # nobody is in them.
    Group.objects.filter(name__in=WAGTAIL_GROUPS, user__isnull=True).delete()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, group in groups.items():
        for app_label, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        for codename in PAGE_PERMISSIONS.get(name, []):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for codename in PHOTO_PERMISSIONS.get(name, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )
    ensure_review_workflow(home=home, reviewers=groups[EDITORS])
    return home


def ensure_front_page(*, site_name: str, hostname: str | None, port: int | None) -> HomePage:
    """The site's front page, replacing Wagtail's placeholder welcome page on a new install."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=site_name, slug="accueil"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname or "localhost",
            port=port or 80,
            root_page=home,
            site_name=site_name,
            is_default_site=True,
        )
    taken = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists()
    if hostname and port and (site.hostname, site.port) != (hostname, port) and not taken:
        site.hostname, site.port = hostname, port
        site.save()
    if site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site_name
        site.save()
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


def ensure_review_workflow(*, home: HomePage, reviewers: Group) -> Workflow:
    """Articles go from journalist to editor before publication: submit, review, publish."""
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name="Relecture par un éditeur").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Relecture par un éditeur")
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def lead_with(*, article: ArticlePage, user) -> bool:
    """Make `article` the front page's lead: first of its stories (moved up if it was among
    them; beyond twelve, the last one leaves), in a new revision of the front page by
    `user`. The revision is published when the front page had no other change waiting;
    otherwise it stays a draft with those changes, for the editor to read and publish.
    Returns whether it was published."""
    if not article.live:
        raise ValidationError(
            _(
                "« %(title)s » n’est pas en ligne : publiez-le d’abord, la une ne montre que "
                "des articles publiés."
            ),
            code="not_live",
            params={"title": article.title},
        )
    home = HomePage.objects.select_for_update().first()
    if home is None:
        raise ValidationError(
            _("Le site n’a pas encore de page d’accueil : lancez « setup_newsroom »."),
            code="no_front_page",
        )
    lock = home.get_lock()
    if lock is not None and lock.for_user(user):
        raise ValidationError(
            _(
                "La page d’accueil est verrouillée : demandez à qui l’a verrouillée de la "
                "libérer, puis recommencez."
            ),
            code="front_page_locked",
        )
    waiting = home.has_unpublished_changes or home.workflow_in_progress
    draft = home.get_latest_revision_as_object()
    others = [story for story in draft.top_stories.all() if story.article_id != article.pk]
    stories = [HomePageTopStory(article=article), *others][:TOP_STORIES_MAX]
    for order, story in enumerate(stories):
        story.sort_order = order
    draft.top_stories = stories
    revision = draft.save_revision(user=user, log_action=True)
    if waiting or not home.permissions_for_user(user).can_publish():
        return False
    revision.publish(user=user)
    return True
