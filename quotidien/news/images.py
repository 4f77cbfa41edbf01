"""Photos with caption and credit, and the sizes the paper shows them at.

One place for the rendition specs: the templates, the prefetches of listings and the
worker that makes the renditions must agree on them.
"""

import functools
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import features
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# Qualities that keep a news photo free of visible artefacts at a fraction of the JPEG's
# weight. AVIF is encoded at Pillow's default speed: about 0.3 s for 1200 px here, in the
# worker, never on a reader's request.
WEBP_QUALITY = 75
AVIF_QUALITY = 55
WIDE = (16, 9)
SQUARE = (1, 1)


@functools.cache
def modern_formats() -> tuple[tuple[str, str], ...]:
    """(MIME type, what a filter spec adds) of the formats offered before the JPEG, best
    first: AVIF only where this Pillow can write it."""
    formats = [("image/webp", f"|format-webp|webpquality-{WEBP_QUALITY}")]
    if features.check("avif"):
        formats.insert(0, ("image/avif", f"|format-avif|avifquality-{AVIF_QUALITY}"))
    return tuple(formats)


@dataclass(frozen=True)
class PhotoSize:
    """A size the paper shows photos at: the widths offered to the browser, in every format,
    and the `sizes` attribute telling it how wide the picture is on the page.

    `ratio` crops the photo around its focal point; without one the photo keeps its own
    shape. The JPEG at `fallback` (the largest width by default) is the <img>'s own `src`,
    the one that feeds and the API give too.
    """

    widths: tuple[int, ...]
    sizes: str
    ratio: tuple[int, int] | None = None
    fallback: int | None = None

    def resize(self, width: int) -> str:
        if self.ratio is None:
            return f"width-{width}"
        across, down = self.ratio
        return f"fill-{width}x{round(width * down / across)}-c100"

    @property
    def fallback_spec(self) -> str:
        return self.resize(self.fallback or max(self.widths))

    def specs(self, extra: str = "") -> list[str]:
        """The filter specs of every width, in the original's format or with `extra`."""
        return [self.resize(width) + extra for width in self.widths]

    def all_specs(self) -> list[str]:
        return [
            *self.specs(),
            *(spec for _type, extra in modern_formats() for spec in self.specs(extra)),
        ]


SIZES = {
    # The front page's lead story and the article's photo: the article column, or two
    # thirds of the page beside the other stories.
    "lead": PhotoSize((480, 800, 1200), "(min-width: 64rem) 52rem, 100vw", WIDE),
    # A story's picture in a grid of cards: a quarter of the page on a desktop, half on a
    # tablet, the screen's width on a phone; the smallest for a search result's picture
    # beside its text on a phone, which would otherwise decode four times the pixels.
    "card": PhotoSize(
        (240, 480, 800), "(min-width: 64rem) 18rem, (min-width: 40rem) 50vw, 100vw", WIDE, 480
    ),
    # A photo in an article's text column (--measure).
    "body": PhotoSize((480, 800), "(min-width: 44rem) 42rem, 100vw"),
    # The small square beside a headline on a phone.
    "thumb": PhotoSize((160,), "5rem", SQUARE),
    # An author's portrait: on their page, and small in the opinion strip.
    "portrait": PhotoSize((160, 320), "(min-width: 40rem) 10rem, 6rem", SQUARE),
}
# The JPEG of each size, which every reader, feed and API client can show.
SPECS = {name: size.fallback_spec for name, size in SIZES.items()}
LEAD_SPEC = SPECS["lead"]
CARD_SPEC = SPECS["card"]
BODY_SPEC = SPECS["body"]


def specs_for(*names: str) -> list[str]:
    """Every filter spec the sizes `names` show, each once (for prefetches and the worker)."""
    return list(dict.fromkeys(spec for name in names for spec in SIZES[name].all_specs()))


class NewsImage(AbstractImage):
    """A photo of the paper: every use shows its caption and its credit; its description
    is the alternative text of the <img>."""

    # Wagtail's field, explained: it is what screen readers read out (`default_alt_text`).
    description = models.CharField(
        _("description"),
        blank=True,
        max_length=255,
        default="",
        help_text=_(
            "Texte lu aux lecteurs aveugles et affiché si la photo ne charge pas : décrivez "
            "ce que montre la photo, sans répéter la légende."
        ),
    )
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
