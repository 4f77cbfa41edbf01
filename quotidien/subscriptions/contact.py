"""How readers reach the Service abonnés: its address and telephone, and the e-mail a
reader who chooses a plan writes to it when card payment is off.

`settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL` and `QUOTIDIEN_SUBSCRIPTIONS_PHONE` name them;
without them, the address the contact page gives and no telephone.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

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

    def mail(self, *, subject: str, body: str) -> str:
        """A mailto: address opening an e-mail to the service with `subject` and `body`."""
        return f"{self.mailto}?subject={quote(subject)}&body={quote(body)}"


def service_contact() -> Contact:
    """The Service abonnés' contact, as the settings name it."""
    return Contact(
        email=settings.QUOTIDIEN_SUBSCRIPTIONS_EMAIL,
        phone=settings.QUOTIDIEN_SUBSCRIPTIONS_PHONE,
    )
