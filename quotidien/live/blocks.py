"""The blocks a live entry is made of: those of an article, but the intertitre."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from quotidien.news.blocks import PhotoBlock, QuoteBlock, ReadAlsoBlock


class LiveEntryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="news/blocks/paragraph.html",
    )
    photo = PhotoBlock()
    quote = QuoteBlock()
    read_also = ReadAlsoBlock()
