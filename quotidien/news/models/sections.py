"""Sections (rubriques) and who may read their articles in full."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from quotidien.links import page_path
from quotidien.pagecache.pages import keep_for

from .. import extensions
from ..admin_forms import NewsPageForm
from ..cleaning import CleanTextMixin
from ..pagination import paginate
from ..slugs import slug_input


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


def access_field(verbose_name, help_text) -> models.CharField:
    """Who may read an article in full, as an article or a section chooses it; empty, as
    the nearest section that chose (see `subscribers_only`)."""
    return models.CharField(
        verbose_name,
        max_length=11,
        choices=Access.choices,
        default=Access.INHERIT,
        blank=True,
        help_text=help_text,
    )


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

    access = access_field(
        _("accès aux articles"),
        _(
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
        from .. import queries

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
