"""The paper's stories: an article, its tags and its editors' « Lire aussi »."""

from datetime import timedelta

from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from quotidien.pagecache import personal, reads
from quotidien.pagecache.fragments import fragment_context
from quotidien.subscriptions import paywall
from quotidien.subscriptions.access import article_access
from quotidien.text import fold

from .. import extensions
from ..admin_forms import ArticlePageForm, HeadlineInput, SearchableCheckboxes
from ..blocks import ArticleBodyBlock
from ..cleaning import CleanTextMixin
from ..images import NewsImage
from ..leaf_pages import LeafPageMixin
from ..slugs import slug_input
from .people import Agency, Author
from .sections import SectionPage, access_field, subscribers_only

# An edit this soon after publication is part of publishing, not an update.
UPDATE_GRACE = timedelta(minutes=5)
# Whether any page of the site is private, kept until the site changes.
ANY_VIEW_RESTRICTION = reads.KeptReads("any-view-restriction", 1)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        # "Lire aussi" reads the latest articles of a tag.
        indexes = [models.Index(fields=["tag", "-content_object"], name="news_tag_latest_articles")]


class ArticlePage(LeafPageMixin, CleanTextMixin, RoutablePageMixin, Page):
    """A story of the paper, with the anatomy of a daily's article page."""

    text_fields = (*CleanTextMixin.text_fields, "kicker", "standfirst")
    paginated_routes = ("comments",)
    line_fields = (*CleanTextMixin.line_fields, "kicker")
    stream_fields = ("body",)

    kicker = models.CharField(
        _("surtitre"),
        max_length=120,
        blank=True,
        help_text=_("Laisser vide pour « Rubrique - Sous-rubrique »."),
    )
    standfirst = models.TextField(
        _("chapô"), max_length=600, help_text=_("Une ou deux phrases qui résument l’article.")
    )
    lead_image = models.ForeignKey(
        NewsImage,
        verbose_name=_("photo principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("corps de l’article"))
    authors = ParentalManyToManyField(Author, blank=True, verbose_name=_("auteurs"))
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("mots-clés"))
    access = access_field(_("accès"), _("Vide : comme la rubrique de l’article."))
    comments_closed = models.BooleanField(
        _("commentaires fermés"),
        default=False,
        help_text=_("Les lecteurs ne peuvent plus commenter ; les commentaires publiés restent."),
    )

    content_panels = [
        # A headline may be long: its field grows with it, and says what it is for.
        TitleFieldPanel("title", placeholder=_("Titre de l’article"), widget=HeadlineInput),
        FieldPanel("kicker"),
        FieldPanel("standfirst"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "authors",
                    # "Élias" among the E, as on the authors' index.
                    widget=SearchableCheckboxes(
                        search_label=_("Chercher un auteur"), sort_key=fold
                    ),
                ),
                FieldPanel("agency"),
            ],
            heading=_("Signature"),
        ),
        FieldPanel("tags"),
        InlinePanel("related_links", label=_("Lire aussi (choix de la rédaction)"), max_num=3),
    ]
    promote_panels = [FieldPanel("slug", widget=slug_input()), *Page.promote_panels[1:]]
    settings_panels = Page.settings_panels + [FieldPanel("access"), FieldPanel("comments_closed")]
    # Wagtail's own index (the admin's search, an Elasticsearch/OpenSearch backend): the
    # headline (boost 2 on Page) and the standfirst weigh more than the body, as on the site.
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1.5),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @cached_property
    def for_subscribers(self) -> bool:
        """Whether only subscribers read the article in full: its own choice, else its
        nearest section's that made one (`section_trail`, as `attach_sections` sets it).

        An alias shows its original wherever it stands: the original's sections decide.
        """
        if not self.access and self.alias_of_id:
            original = ArticlePage.objects.filter(pk=self.alias_of_id).only("path", "access")
            if (original := original.first()) is not None:
                return original.for_subscribers
        trail = getattr(self, "section_trail", None)
        if trail is None and not self.access:
            trail = SectionPage.objects.ancestor_of(self).only("access").order_by("depth")
        return subscribers_only(self.access, [section.access for section in trail or ()])

    @cached_property
    def was_updated(self) -> bool:
        """Whether the article was republished after its first publication."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and last - first > UPDATE_GRACE)

    def get_context(self, request, *args, **kwargs):
        from .. import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.article_context(self, request))
        context.update(paywall.page_context(request, self))
        context.update(fragment_context(request, request.path))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        paywall.mark_response(request, self, response)
        return response

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The article itself (not its comments nor its gift page): for a logged-in
        reader, the page shared by the readers who would see the same of it."""
        if not personal.shareable(request):
            return super().index_route(request, *args, **kwargs)
        return personal.serve(
            request,
            self,
            self.audience(request),
            lambda: super(ArticlePage, self).index_route(request, *args, **kwargs),
        )

    def get_view_restrictions(self):
        """Wagtail asks on every view of the page; a paper seldom makes any page private,
        and then none is asked (restrictions outdate the site when they change)."""
        if not ANY_VIEW_RESTRICTION.get("any", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def audience(self, request) -> tuple:
        """What decides this page for a logged-in reader, but their own parts: what they
        may read of it, and what the apps that add to it say (`extensions.ARTICLE_AUDIENCE`:
        whether the newest comment is theirs, with no « Signaler » under it, and whether
        comments are open, as they close by themselves)."""
        from .. import queries

        queries.attach_sections([self], queries.section_map(request))
        return (article_access(request, self), *extensions.article_audience(self, request))

    @path("offrir/", name="gift")
    def gift(self, request):
        """A subscriber's gift link to this article (see quotidien.subscriptions.gifts)."""
        return paywall.gift_view(request, self)

    @path("commentaires/", name="comments")
    def comments_page(self, request):
        """All the article's comments; readers post theirs here (the view of
        `extensions.ARTICLE_COMMENTS`)."""
        if (view := extensions.article_comments_view()) is None:
            raise Http404
        return view(request, self)


class ArticleRelatedLink(Orderable):
    """An editor's pick for the end-of-article "Lire aussi" list."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [FieldPanel("article")]
