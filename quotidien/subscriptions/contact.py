"""How readers reach the Service abonnés: its address and telephone, as mailto: and tel:
links.

`settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL` and `QUOTIDIEN_SUBSCRIPTIONS_PHONE` name them;
without them, the address the contact page gives and no telephone.
"""

import re
from dataclasses import dataclass

from django.conf import settings


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
