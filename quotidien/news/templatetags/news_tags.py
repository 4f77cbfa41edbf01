"""Template filters for the paper's French dates and bylines."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from quotidien.french import dates

from .. import pictures

register = template.Library()


@register.simple_tag(takes_context=True)
def photo(context, image, size: str, loading: str = "lazy", sizes: str = "") -> str:
    """The <picture> of a photo at one of the paper's sizes ("lead", "card", "body", "thumb",
    "portrait"; see images.SIZES), from the renditions the worker made: a reader's request
    never makes one, an editor's preview does. `loading="eager"` for the first picture of a
    page; `sizes` overrides how wide the size says it shows."""
    if not image:
        return ""
    preview = getattr(context.get("request"), "is_preview", False)
    return pictures.picture(image, size, loading=loading, sizes=sizes, make=preview)


register.filter("french_datetime", dates.french_datetime)
register.filter("french_date", dates.french_date)
register.filter("french_day_month", dates.french_day_month)


@register.simple_tag
def byline(authors, agency) -> str:
    """« Nadia Khoury, Karim Haddad et ALP »: the people who signed, each leading to their
    page, then the agency."""
    signers = [
        format_html(
            '<a class="author" href="{}">{}</a>', reverse("author", args=[author.slug]), author.name
        )
        for author in authors
    ]
    if agency:
        signers.append(
            format_html('<abbr class="agency" title="{}">{}</abbr>', agency.name, agency.short_name)
        )
    if len(signers) < 2:
        return signers[0] if signers else ""
    head = format_html_join(", ", "{}", ((signer,) for signer in signers[:-1]))
    return format_html("{} {} {}", head, _("et"), signers[-1])
