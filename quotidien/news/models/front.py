"""The front page, arranged by the editors: its top stories and its section blocks."""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from quotidien.pagecache.pages import keep_for

from ..admin_forms import ChosenArticlePanel, NewFirstChooserPanel, PostedPageForm
from ..cleaning import CleanTextMixin


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
        from ..routing import page_at

        page, remaining = page_at(self, path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        from .. import queries

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
