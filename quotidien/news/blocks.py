"""The blocks an article body is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .images import specs_for


class PhotoChooserBlock(ImageChooserBlock):
    """Chooses a photo; loading a body fetches all its photos and their renditions at once."""

    def bulk_to_python(self, values):
        photos = self.model_class.objects.prefetch_renditions(*specs_for("body")).in_bulk(values)
        return [photos.get(pk) for pk in values]


class PhotoBlock(blocks.StructBlock):
    image = PhotoChooserBlock(label=_("photo"))
    caption = blocks.CharBlock(
        label=_("légende"),
        required=False,
        help_text=_("Laisser vide pour reprendre la légende de la photo."),
    )

    class Meta:
        icon = "image"
        label = _("Photo")
        template = "news/blocks/photo.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur de la citation"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "news/blocks/quote.html"


class ReadAlsoBlock(blocks.StructBlock):
    """An inline "(Lire aussi : …)" link to another article of the paper."""

    article = blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Article"))

    class Meta:
        icon = "link"
        label = _("Lire aussi")
        template = "news/blocks/read_also.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="news/blocks/paragraph.html",
    )
    subheading = blocks.CharBlock(
        label=_("Intertitre"), icon="title", template="news/blocks/subheading.html"
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    read_also = ReadAlsoBlock()
