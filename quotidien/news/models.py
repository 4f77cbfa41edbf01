"""Pages of the paper: the front page, sections (rubriques) and articles."""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
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
from wagtail.url_routing import RouteResult

from quotidien.links import page_path
from quotidien.pagecache import personal, reads
from quotidien.pagecache.fragments import fragment_context
from quotidien.pagecache.pages import keep_for
from quotidien.subscriptions import paywall
from quotidien.subscriptions.access import article_access
from quotidien.text import fold

from . import extensions
from .admin_forms import (
    ArticlePageForm,
    AuthorForm,
    ChosenArticlePanel,
    HeadlineInput,
    NewFirstChooserPanel,
    NewsPageForm,
    PostedPageForm,
    SearchableCheckboxes,
)
from .blocks import ArticleBodyBlock
from .cleaning import CleanTextMixin
from .images import NewsImage, NewsRendition  # noqa: F401  (models of this app)
from .leaf_pages import LeafPageMixin
from .pagination import paginate
from .slugs import slug_input

# An edit this soon after publication is part of publishing, not an update.
UPDATE_GRACE = timedelta(minutes=5)
# Whether any page of the site is private, kept until the site changes.
ANY_VIEW_RESTRICTION = reads.KeptReads("any-view-restriction", 1)


class Author(models.Model):
    """A journalist or contributor who signs articles."""

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    role = models.CharField(_("fonction"), max_length=120, blank=True)
    bio = models.TextField(_("biographie"), blank=True)
    photo = models.ForeignKey(
        NewsImage,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un portrait, montré sur la page de l’auteur et dans le bandeau Opinions."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="byline",
        help_text=_(
            "Le compte de l’auteur dans le back-office : ses nouveaux articles portent sa "
            "signature d’office. Vide : un signataire sans compte (pigiste, invité)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    # The account list offers the newsroom's staff only, not every reader.
    base_form_class = AuthorForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A news agency whose stories the paper runs."""

    name = models.CharField(_("nom"), max_length=120)
    short_name = models.CharField(
        _("sigle"), max_length=20, help_text=_("Ce qui figure dans la signature, ex. « ALP ».")
    )
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agence")
        verbose_name_plural = _("agences")

    def __str__(self) -> str:
        return self.short_name


class HomePage(CleanTextMixin, Page):
    """The front page, arranged by the editors: the top stories (the first is the lead),
    an opinion strip, and section blocks; beside them the latest articles ("En continu")
    and the most read ("Les plus lus"), which change without an edit."""

    text_fields = (*CleanTextMixin.text_fields, "top_stories_heading")
    line_fields = (*CleanTextMixin.line_fields, "top_stories_heading")
    base_form_class = PostedPageForm

    top_stories_heading = models.CharField(_("titre de la une"), max_length=60, default="À la une")
    opinion_section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("rubrique des opinions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Ses derniers articles forment le bandeau Opinions, avec la photo de leur auteur. "
            "Vide : pas de bandeau."
        ),
    )
    opinion_count = models.PositiveSmallIntegerField(
        _("articles du bandeau Opinions"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )

    content_panels = Page.content_panels + [
        FieldPanel("top_stories_heading"),
        NewFirstChooserPanel(
            "top_stories",
            chooser_field_name="article",
            heading=_("Articles à la une"),
            label=_("article"),
            help_text=_(
                "Le premier est l’article principal ; les suivants, des articles secondaires. "
                "Un article choisi se place en tête : les flèches le font descendre."
            ),
            max_num=12,
        ),
        MultiFieldPanel(
            [FieldPanel("opinion_section"), FieldPanel("opinion_count")],
            heading=_("Opinions"),
        ),
        InlinePanel(
            "section_blocks",
            label=_("Blocs de rubriques"),
            help_text=_(
                "Dans l’ordre de la page. Aucun : chaque rubrique principale, sauf celle des "
                "opinions."
            ),
            max_num=20,
        ),
    ]
    subpage_types = ["news.SectionPage", "sitepages.InformationPage"]
    max_count = 1

    # How long the page cache keeps the front page: its "Les plus lus" changes without an edit.
    cache_seconds = 5 * 60

    class Meta:
        verbose_name = _("page d’accueil")

    def route(self, request, path_components):
        from .routing import page_at

        page, remaining = page_at(self, path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.front_page(self, request))
        today = timezone.localdate()
        context["today"], context["yesterday"] = today, today - timedelta(days=1)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        keep_for(response, self.cache_seconds)
        return response


class HomePageTopStory(Orderable):
    """An article an editor places on the front page, in the order shown."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [FieldPanel("article"), ChosenArticlePanel()]


class HomePageSection(Orderable):
    """A section block of the front page: its latest articles, as many as the editors say."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="section_blocks")
    section = models.ForeignKey(
        "news.SectionPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("rubrique")
    )
    count = models.PositiveSmallIntegerField(
        _("nombre d’articles"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    panels = [FieldPanel("section"), FieldPanel("count")]


def _threshold_field(verbose_name, help_text) -> models.DecimalField:
    """A section's classifier threshold: a probability, empty to follow the parent section."""
    return models.DecimalField(
        verbose_name,
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=help_text,
    )


class Access(models.TextChoices):
    """Who may read an article in full: everyone, or subscribers (others get a teaser)."""

    INHERIT = "", _("Comme la rubrique")
    FREE = "free", _("Libre : tous les lecteurs")
    SUBSCRIBERS = "subscribers", _("Abonnés : les autres lisent le début")


def subscribers_only(access: str, section_accesses: Sequence[str]) -> bool:
    """Whether an article whose own choice is `access` is for subscribers, its sections'
    choices given outermost first: its own, else the nearest section's, else free."""
    for choice in (access, *reversed(section_accesses)):
        if choice:
            return choice == Access.SUBSCRIBERS
    return False


class SectionPage(CleanTextMixin, Page):
    """A rubrique (Liban, Monde, Monde > Syrie…): its articles, newest first."""

    paginated_routes = True
    # Created by the editors only (quotidien/news/page_types.py).
    structure_page = True

    class CommentModeration(models.TextChoices):
        INHERIT = "", _("Comme la rubrique parente (a posteriori par défaut)")
        POST = "post", _("A posteriori : publiés aussitôt, sauf s’ils sont retenus au filtrage")
        PRE = "pre", _("A priori : chaque commentaire attend un modérateur")

    text_fields = (*CleanTextMixin.text_fields, "intro")

    intro = models.TextField(_("présentation"), blank=True)
    comment_moderation = models.CharField(
        _("modération des commentaires"),
        max_length=4,
        choices=CommentModeration.choices,
        default=CommentModeration.INHERIT,
        blank=True,
    )

    access = models.CharField(
        _("accès aux articles"),
        max_length=11,
        choices=Access.choices,
        default=Access.INHERIT,
        blank=True,
        help_text=_(
            "Par défaut pour les articles de la rubrique et de ses sous-rubriques ; "
            "chaque article peut en décider autrement. Vide : comme la rubrique parente "
            "(libre au sommet)."
        ),
    )
    comment_hold_threshold = _threshold_field(
        _("seuil de mise en attente"),
        _(
            "Probabilité, selon le classifieur, qu’un commentaire soit contraire à la charte, "
            "à partir de laquelle il attend un modérateur (par exemple 0,50 ; plus bas, on "
            "retient davantage). Vide : comme la rubrique parente, ou le réglage du site."
        ),
    )
    comment_refuse_threshold = _threshold_field(
        _("seuil de refus"),
        _(
            "Probabilité à partir de laquelle un commentaire est refusé d’office (par exemple "
            "0,99). Vide : comme la rubrique parente, ou le réglage du site."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = [FieldPanel("slug", widget=slug_input()), *Page.promote_panels[1:]]
    settings_panels = Page.settings_panels + [
        FieldPanel("access"),
        MultiFieldPanel(
            [
                FieldPanel("comment_moderation"),
                FieldPanel("comment_hold_threshold"),
                FieldPanel("comment_refuse_threshold"),
            ],
            heading=_("Commentaires"),
        ),
    ]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    base_form_class = NewsPageForm
    subpage_types = ["news.SectionPage", "news.ArticlePage", "live.LivePage"]

    # How long the page cache keeps a section page that pins live coverages: each shows
    # the time of its latest entry, which entries change without outdating the section.
    live_cache_seconds = 60
    # Where readers look for a section's feed (/liban/rss/): it leads to the feed's own
    # address (/rss/liban/), unless the section has a page of that slug.
    feed_route = "rss"

    class Meta:
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def clean(self):
        super().clean()
        hold, refuse = self.comment_hold_threshold, self.comment_refuse_threshold
        if hold is not None and refuse is not None and refuse < hold:
            raise ValidationError(
                {
                    "comment_refuse_threshold": _(
                        "Le seuil de refus doit être au moins égal au seuil de mise en "
                        "attente (%(hold)s) : on ne refuse pas ce qu’on publierait."
                    )
                    % {"hold": number_format(hold)}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        listing = paginate(
            request,
            queries.section_article_ids(self),
            settings.QUOTIDIEN_PAGE_SIZE,
            count=queries.section_article_count(self),
        )
        context["articles"] = queries.listing_cards(self, listing, request)
        context["listing"] = listing
        context["subsections"] = queries.subsections(self, request)
        context["section_trail"] = queries.section_trail(self, queries.section_map(request))
        context["feed_path"] = self.feed_path(request)
        extensions.section_context(self, request, context)
        return context

    def feed_path(self, request=None) -> str | None:
        """The address of the section's RSS feed, its sub-sections' articles included
        (None for a section on no site, which has no feed)."""
        path = page_path(self, request)
        return reverse("feed-rss-section", args=[path.strip("/")]) if path else None

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if self.live and path_components == [self.feed_route]:
                return RouteResult(self, kwargs={"to_feed": True})
            raise

    def serve(self, request, *args, to_feed: bool = False, **kwargs):
        if to_feed:
            return redirect(self.feed_path(request), permanent=True)
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", {}).get("live_pages"):
            keep_for(response, self.live_cache_seconds)
        return response


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
    access = models.CharField(
        _("accès"),
        max_length=11,
        choices=Access.choices,
        default=Access.INHERIT,
        blank=True,
        help_text=_("Vide : comme la rubrique de l’article."),
    )
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
        from . import queries

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
        from . import queries

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
