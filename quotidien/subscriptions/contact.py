"""How readers reach the Service abonnés: its address and telephone, as mailto: and tel:
links; and how they pay it by hand.

`settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL` and `QUOTIDIEN_SUBSCRIPTIONS_PHONE` name them;
without them, the address the contact page gives and no telephone.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Site

from quotidien.sitepages.models import PaperSettings
from quotidien.text import paragraphs


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str

    @property
    def mailto(self) -> str:
        return f"mailto:{self.email}"

    @property
    def tel(self) -> str:
        """The telephone as a tel: link dials it (its digits and a leading "+")."""
        return "tel:" + re.sub(r"(?!^\+)\D", "", self.phone.strip())


def service_contact() -> Contact:
    """The Service abonnés' contact, as the settings name it."""
    return Contact(
        email=settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL,
        phone=settings.QUOTIDIEN_SUBSCRIPTIONS_PHONE,
    )


def payment_instructions(request=None) -> list[str]:
    """How to pay the Service abonnés by hand, as the newsroom wrote it in the site's
    settings (« Coordonnées du journal »): its paragraphs, none when it wrote nothing.
    The site of `request`, else the default site (the worker's e-mails)."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return paragraphs(PaperSettings.read(site).subscription_payment)
