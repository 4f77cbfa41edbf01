"""Photos with caption and credit, and the rendition sizes the templates use."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# One place for the rendition specs: templates and prefetches must agree on them.
LEAD_SPEC = "fill-1200x675-c100"
CARD_SPEC = "fill-480x270-c100"
BODY_SPEC = "width-800"
SPECS = {"lead": LEAD_SPEC, "card": CARD_SPEC, "body": BODY_SPEC}


class NewsImage(AbstractImage):
    """A photo of the paper: every use shows its caption and its credit."""

    caption = models.CharField(_("légende"), max_length=500, blank=True)
    credit = models.CharField(
        _("crédit"),
        max_length=255,
        blank=True,
        help_text=_("Agence et photographe, par exemple « ALP / Sami Frem »."),
    )

    admin_form_fields = Image.admin_form_fields + ("caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
