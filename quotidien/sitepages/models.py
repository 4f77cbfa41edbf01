"""The paper's own pages (charte des commentaires, mentions légales, contact, à propos)
and its site-wide settings: the contact address and the social networks' links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from quotidien.news.admin_forms import PostedPageForm
from quotidien.news.cleaning import CleanTextMixin
from quotidien.news.leaf_pages import LeafPageMixin


class InformationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="sitepages/blocks/paragraph.html",
    )
    subheading = blocks.CharBlock(
        label=_("Intertitre"), icon="title", template="sitepages/blocks/subheading.html"
    )


class InformationPage(LeafPageMixin, CleanTextMixin, Page):
    """A page about the paper itself, such as its comment charter or its legal notice."""

    # Created by the editors only, as sections are (quotidien/news/page_types.py).
    structure_page = True

    text_fields = (*CleanTextMixin.text_fields, "intro")
    stream_fields = ("body",)
    base_form_class = PostedPageForm

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(InformationBodyBlock(), verbose_name=_("texte"), blank=True)
    show_in_footer = models.BooleanField(
        _("dans le pied de page"),
        default=True,
        help_text=_("Un lien vers cette page figure au bas de toutes les pages du site."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("show_in_footer")]
    parent_page_types = ["news.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page d’information")
        verbose_name_plural = _("pages d’information")

    def clean(self):
        super().clean()
        # Search engines show a page's description: without one of its own, the intro.
        if not self.search_description:
            self.search_description = self.intro


@register_setting(icon="site")
class PaperSettings(BaseSiteSetting):
    """How readers reach the paper: its contact address, its pages on social networks, and
    how they pay the Service abonnés by hand."""

    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    subscription_payment = models.TextField(
        _("pour régler au Service abonnés"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Ce qu’un lecteur doit savoir pour régler son abonnement par virement ou en "
            "espèces : coordonnées bancaires, adresse et horaires du guichet, délai "
            "d’ouverture. Montré après une demande d’abonnement et dans le courriel qui la "
            "confirme. Des paragraphes séparés par une ligne vide."
        ),
    )

    panels = [
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Réseaux sociaux"),
        ),
        FieldPanel("subscription_payment", heading=_("Abonnements")),
    ]

    class Meta:
        verbose_name = _("coordonnées du journal")

    @classmethod
    def read(cls, site) -> "PaperSettings":
        """The settings of `site`, or blank ones, without creating them as `for_site()`
        does on a first read: the creation would outdate every cached page."""
        return cls.objects.filter(site=site).first() or cls(site=site)

    def social_links(self) -> list[tuple[str, str]]:
        """(network, URL) of each network the paper is on, in the footer's order."""
        return [
            (str(self._meta.get_field(name).verbose_name), url)
            for name in ("facebook_url", "instagram_url", "x_url", "youtube_url", "linkedin_url")
            if (url := getattr(self, name))
        ]
