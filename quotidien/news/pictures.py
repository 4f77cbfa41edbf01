"""The <picture> of a photo on a page, from the renditions the worker made.

A reader's request never makes a rendition (see `renditions`): what is missing is left
out and asked of the worker, which outdates the page once it has made it.
"""

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import Filter

from .images import SIZES, NewsImage, modern_formats
from .renditions import added, existing
from .tasks import ask_for_missing

LOADING = ("lazy", "eager")
HIGH_PRIORITY = mark_safe(' fetchpriority="high"')


def _srcset(renditions: Iterable) -> str:
    # Sizes that a small original could not reach come out at its own width: once each.
    by_width = {rendition.width: rendition for rendition in renditions}
    return ", ".join(f"{by_width[width].url} {width}w" for width in sorted(by_width))


def picture(
    image: NewsImage, name: str, *, loading: str = "lazy", sizes: str = "", make: bool = False
) -> SafeString | str:
    """The <picture> of `image` at the size `name` of `images.SIZES`, from the renditions
    that exist: AVIF and WebP sources, then the JPEG <img> with its own dimensions, so that
    nothing moves as it loads. `loading="eager"` is for the first picture of a page, which
    the browser then fetches first. What is missing is asked of the worker (or, with `make`,
    for an editor's preview, made at once); with no rendition at all there is no picture.
    """
    if loading not in LOADING:
        raise ValueError(f"loading={loading!r}: the photo tag takes one of {LOADING}.")
    size = SIZES[name]
    specs = size.all_specs()
    found = existing(image, specs)
    if len(found) < len(specs):
        if make:
            made = image.create_renditions(*(Filter(spec) for spec in specs if spec not in found))
            added(image, made.values())
            found.update((filter.spec, rendition) for filter, rendition in made.items())
        else:
            ask_for_missing(image, name)
    sizes = sizes or size.sizes
    jpegs = [found[spec] for spec in size.specs() if spec in found]
    sources = []
    for mime_type, extra in modern_formats():
        if shown := [found[spec] for spec in size.specs(extra) if spec in found]:
            sources.append((mime_type, _srcset(shown), sizes))
    fallback = found.get(size.fallback_spec) or (jpegs[-1] if jpegs else None)
    if fallback is None:
        if not found:
            return ""
        # No JPEG yet: the largest modern rendition stands in for it.
        fallback = max(found.values(), key=lambda rendition: rendition.width)
    priority = HIGH_PRIORITY if loading == "eager" else ""
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}"{} decoding="async"></picture>',
        format_html_join("", '<source type="{}" srcset="{}" sizes="{}">', sources),
        fallback.url,
        _srcset(jpegs or [fallback]),
        sizes,
        fallback.width,
        fallback.height,
        image.default_alt_text,
        loading,
        priority,
    )
