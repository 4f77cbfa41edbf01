"""A live page ("En direct") and its entries.

Entries are rows of their own, not part of the page's revisions: a journalist posts one
without publishing the page again, and it shows at once (see signal_handlers.py).
"""

import html
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from quotidien.news.admin_forms import PostedPageForm
from quotidien.news.cleaning import CleanTextMixin
from quotidien.news.images import NewsImage
from quotidien.news.leaf_pages import LeafPageMixin
from quotidien.news.models import Author
from quotidien.news.queries import is_public

from .blocks import LiveEntryBodyBlock


class LivePage(LeafPageMixin, CleanTextMixin, RoutablePageMixin, Page):
    """Live coverage of a developing story: a summary the editors keep current, then
    timestamped entries, key ones first ("L’essentiel"), the newest at the top."""

    text_fields = (*CleanTextMixin.text_fields, "kicker", "standfirst", "summary")
    paginated_routes = True
    # Corrections and replies call it « le direct » (quotidien.corrections.queries.is_live).
    is_live_coverage = True
    base_form_class = PostedPageForm
    line_fields = (*CleanTextMixin.line_fields, "kicker")

    kicker = models.CharField(
        _("surtitre"),
        max_length=120,
        blank=True,
        help_text=_("Laisser vide pour « Rubrique - Sous-rubrique »."),
    )
    standfirst = models.TextField(
        _("chapô"),
        max_length=600,
        help_text=_("Une ou deux phrases qui présentent l’événement suivi."),
    )
    summary = RichTextField(
        _("ce qu’il faut savoir"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Le point de la situation, en tête de page : à tenir à jour."),
    )
    lead_image = models.ForeignKey(
        NewsImage,
        verbose_name=_("photo principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    authors = ParentalManyToManyField(
        Author, blank=True, verbose_name=_("auteurs"), related_name="live_pages"
    )
    coverage_started_at = models.DateTimeField(
        _("début du direct"),
        null=True,
        blank=True,
        help_text=_("Vide : la première publication de la page."),
    )
    coverage_ended_at = models.DateTimeField(
        _("fin du direct"),
        null=True,
        blank=True,
        help_text=_(
            "Clore le direct : indiquer l’heure de fin puis publier. La page dit alors "
            "« Ce direct est terminé » et n’accepte plus d’entrées."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kicker"),
        FieldPanel("standfirst"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("authors"),
        MultiFieldPanel(
            [FieldPanel("coverage_started_at"), FieldPanel("coverage_ended_at")],
            heading=_("Durée du direct"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1.5),
        index.SearchField("summary"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    # Live coverage is free to read: it is the paper's public service during an event.
    for_subscribers = False
    # Signed by the newsroom alone (feeds read an agency on each item).
    agency = None
    # Labelled « En direct » where it shows among articles (search results).
    live_coverage = True

    class Meta:
        verbose_name = _("direct")
        verbose_name_plural = _("directs")

    def clean(self):
        super().clean()
        start, end = self.coverage_start, self.coverage_ended_at
        if end is not None and end > timezone.now():
            raise ValidationError(
                {
                    "coverage_ended_at": _(
                        "La fin du direct ne peut pas être dans le futur : laissez le champ "
                        "vide tant que le direct continue."
                    )
                }
            )
        if end is not None and start is not None and end < start:
            raise ValidationError(
                {"coverage_ended_at": _("La fin du direct doit suivre son début.")}
            )

    @property
    def coverage_start(self):
        """When the coverage began: as the editors say, else the first publication."""
        return self.coverage_started_at or self.first_published_at

    @property
    def is_open(self) -> bool:
        """Whether the coverage goes on: entries may be posted and readers' pages poll."""
        return self.coverage_ended_at is None

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.live_page_context(self, request))
        return context

    @path("entrees/", name="entries")
    def entries_json(self, request):
        """The latest entries as HTML fragments, for the page's script (see views.py)."""
        from .views import entries_json

        return entries_json(request, self)


# How far ahead of the server's clock an entry's time may be: a writer's clock runs a
# little fast, a typed time is to the minute.
CLOCK_SLACK = timedelta(minutes=5)
# How long after it was created an entry may change without saying so.
EDIT_GRACE = timedelta(minutes=2)


def entries_changed_at(path: str):
    """An aggregate of when live entries last changed, as their page says « Mis à jour … »
    (`queries.newest_post`): the newest posting, or a later change of an entry after its
    first minutes (`LiveEntry.edited_at`); None without entries. `path` leads to the
    entries: "entries__" from a live page, "" over entries themselves."""
    posted = models.Max(f"{path}posted_at")
    edited_late = models.Q(**{f"{path}updated_at__gt": models.F(f"{path}created_at") + EDIT_GRACE})
    edited = models.Max(f"{path}updated_at", filter=edited_late)
    return Greatest(posted, Coalesce(edited, posted))


class LiveEntry(CleanTextMixin, models.Model):
    """One timestamped entry of a live page: text, photo, quote or link to an article."""

    text_fields = ("title",)
    line_fields = ("title",)
    stream_fields = ("body",)

    page = models.ForeignKey(
        LivePage, on_delete=models.CASCADE, related_name="entries", verbose_name=_("direct")
    )
    posted_at = models.DateTimeField(
        _("heure"), default=timezone.now, help_text=_("L’heure affichée devant l’entrée.")
    )
    title = models.CharField(_("titre"), max_length=200, blank=True)
    body = StreamField(LiveEntryBodyBlock(), verbose_name=_("contenu"))
    pinned = models.BooleanField(
        _("essentiel"),
        default=False,
        help_text=_("Une entrée clé : montrée en tête de page, dans « L’essentiel »."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    panels = [
        FieldPanel("page"),
        FieldPanel("posted_at"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("pinned"),
    ]

    class Meta:
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["page", "-posted_at"], name="live_entry_latest")]
        verbose_name = _("entrée de direct")
        verbose_name_plural = _("entrées de direct")

    def __str__(self) -> str:
        return self.title or _("Entrée de %(time)s") % {
            "time": timezone.localtime(self.posted_at).strftime("%H:%M")
        }

    @property
    def anchor(self) -> str:
        return f"entree-{self.pk}"

    @property
    def edited_at(self) -> datetime | None:
        """When the entry was last changed, if it was after its first minutes (a typo
        fixed at once is no change a reader needs told): « Entrée modifiée le … »."""
        if self.updated_at and self.created_at and self.updated_at - self.created_at > EDIT_GRACE:
            return self.updated_at
        return None

    def text(self) -> str:
        """The entry as plain text, for structured data and feeds: paragraphs, quotes
        with whom they are from, captions, and the headlines of the articles it links that
        any reader may open."""
        parts = []
        for block in self.body:
            value = block.value
            if block.block_type == "paragraph":
                parts.append(html.unescape(strip_tags(value.source)))
            elif block.block_type == "quote":
                quote = f"« {value['text']} »"
                parts.append(f"{quote} — {value['attribution']}" if value["attribution"] else quote)
            elif block.block_type == "photo" and value["image"]:
                parts.append(value["caption"] or value["image"].caption)
            elif (
                block.block_type == "read_also" and value["article"] and is_public(value["article"])
            ):
                parts.append(_("Lire aussi : %(title)s") % {"title": value["article"].title})
        return " ".join(" ".join(part.split()) for part in parts if part)

    def photo(self):
        """The entry's first photo, if it has one."""
        for block in self.body:
            if block.block_type == "photo" and block.value["image"]:
                return block.value["image"]
        return None

    def clean(self):
        super().clean()
        if self.posted_at and self.posted_at > timezone.now() + CLOCK_SLACK:
            # An entry shows as soon as it is saved, at the time given: a time ahead would
            # keep it at the top and date the page's update in the future.
            raise ValidationError(
                {
                    "posted_at": ValidationError(
                        _(
                            "Cette heure est dans le futur : l’entrée paraît dès qu’elle est "
                            "enregistrée. Donnez l’heure qu’il est, ou une heure passée."
                        ),
                        code="future",
                    )
                }
            )
        if self.page_id and not self.page.is_open and self._state.adding:
            raise ValidationError(
                {
                    "page": ValidationError(
                        _(
                            "Ce direct est terminé : pour y ajouter une entrée, rouvrez-le en "
                            "vidant « fin du direct » puis en publiant la page."
                        ),
                        code="coverage_ended",
                    )
                }
            )
