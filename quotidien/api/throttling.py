"""Rate limits of the API, counted where every worker sees them (quotidien.ratelimits):
the database, or Redis with REDIS_URL. ninja's throttles keep their counts in the default
cache, which is each worker's own memory without Redis; these use ninja's hooks only."""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from quotidien.ratelimits import limits

DEFAULT_WRITE_RATE = "60/m"


class SharedThrottle(BaseThrottle):
    """A ninja throttle over a limit of QUOTIDIEN_RATE_LIMITS, for one identity."""

    limit_name = ""

    def __init__(self):
        self.retry_after = None

    def identity(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def check(self, request: HttpRequest) -> limits.Verdict:
        return limits.hit(self.limit_name, self.identity(request))

    def allow_request(self, request: HttpRequest) -> bool:
        verdict = self.check(request)
        self.retry_after = verdict.retry_after or None
        return verdict.allowed

    def wait(self) -> float | None:
        # ninja turns this into Retry-After.
        return self.retry_after

    def get_ident(self, request: HttpRequest) -> str:
        # The address django-axes reads, not X-Forwarded-For, which any client can write; an
        # IPv6 one by its /64, all of which its owner may use.
        return limits.client_line(request)


class WriteThrottle(SharedThrottle):
    """At most QUOTIDIEN_API_WRITE_RATE writes ("60/m") per token, reader or address."""

    limit_name = "api-write"

    def check(self, request: HttpRequest) -> limits.Verdict:
        # Read at each request, so operators (and tests) can change it without a restart.
        rate = getattr(settings, "QUOTIDIEN_API_WRITE_RATE", DEFAULT_WRITE_RATE)
        parsed = SimpleRateThrottle(rate)
        return limits.hit_within(
            self.limit_name, self.identity(request), parsed.num_requests, parsed.duration
        )

    def identity(self, request: HttpRequest) -> str:
        auth = getattr(request, "auth", None)
        user = getattr(request, "user", None)
        if auth is not None and getattr(auth, "pk", None) is not None:
            return f"{type(auth).__name__}-{auth.pk}"
        if user is not None and user.is_authenticated:
            return f"user-{user.pk}"
        return f"address-{self.get_ident(request)}"


class TokenAttemptThrottle(SharedThrottle):
    """Reader-token requests per address (TOKEN_ATTEMPTS_PER_MINUTE), whichever e-mail each
    names: the lockout counts per account, this stops guessing across many accounts."""

    limit_name = "reader-token"

    def identity(self, request: HttpRequest) -> str:
        return self.get_ident(request)
