"""HTTPS, the security headers (HSTS, Content-Security-Policy, framing) and the proxies
whose word is taken for the reader's address.
"""

from .env import env_bool, env_networks

HTTPS = env_bool("HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The browsers' preload list is hard to leave again: the operator opts in, after checking
# that every subdomain is served over HTTPS (see README, "Configuration").
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page is framed, by this site or another; Wagtail's preview sets SAMEORIGIN on its own.
X_FRAME_OPTIONS = "DENY"
# Readers' pages run no script and take styles from static files only: nothing inline.
# JSON-LD (<script type="application/ld+json">) is data that browsers never run, so no
# policy applies to it. Card payments send the reader on to Stripe's own pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": HTTPS,
    }
}
# The back office's and the API docs' own programs, by path (see quotidien/csp.py).
CONTENT_SECURITY_POLICY_BY_PATH = {
    # Wagtail's admin still writes some inline scripts and style attributes (avatars are the
    # site's own: no Gravatar); the preview of a page shows it in a frame of the admin itself.
    "/admin/": {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
    # Swagger UI, from ninja's local static files: its icons are data: URIs in its CSS.
    "/api/v1/docs": {
        "img-src": ["'self'", "data:"],
    },
}

# The proxies in front (Varnish, a load balancer), comma-separated addresses or CIDR
# ranges: from their requests the reader's address is read in X-Forwarded-For (see
# quotidien/proxies.py). Empty: nobody is trusted, the connection's address is the reader's.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
