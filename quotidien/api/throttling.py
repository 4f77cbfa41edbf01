"""Rate limits on the API's writes, counted in Django's cache (shared by workers with Redis)."""

import hashlib

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

DEFAULT_WRITE_RATE = "60/m"


class WriteThrottle(SimpleRateThrottle):
    """At most QUOTIDIEN_API_WRITE_RATE writes ("60/m") per token, reader or address."""

    scope = "ecriture"

    def __init__(self):
        super().__init__(DEFAULT_WRITE_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read at each request, so operators (and tests) can change it without a restart.
        self.rate = getattr(settings, "QUOTIDIEN_API_WRITE_RATE", DEFAULT_WRITE_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        auth = getattr(request, "auth", None)
        user = getattr(request, "user", None)
        if auth is not None and getattr(auth, "pk", None) is not None:
            ident = f"{type(auth).__name__}-{auth.pk}"
        elif user is not None and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            ident = self.get_ident(request) or "inconnu"
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": digest}
