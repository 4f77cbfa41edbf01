"""What the paper decides: page sizes, comments and their moderation, the right of reply,
agency wires, the public API, and what subscribers get.
"""

import os

from .env import env_int

QUOTIDIEN_PAGE_SIZE = 20
# Comments close by themselves this many days after an article's first publication.
QUOTIDIEN_COMMENTS_OPEN_DAYS = env_int("COMMENTS_OPEN_DAYS", 14)
# Reports by this many readers send a published comment back to the moderation queue,
# unless a moderator approved it. Only readers whose account is this many days old and who
# have a published comment of their own count toward it: the others' reports reach the
# moderators all the same.
QUOTIDIEN_COMMENTS_REPORTS_TO_HOLD = env_int("COMMENTS_REPORTS_TO_HOLD", 3)
QUOTIDIEN_COMMENTS_REPORTER_MIN_DAYS = env_int("COMMENTS_REPORTER_MIN_DAYS", 7)
QUOTIDIEN_COMMENTS_PAGE_SIZE = 30
# Right of reply: a daily publishes a reply within three days of receiving it (article 13
# of the French law of 29 July 1881, for a paper published in France). REPLY_LAW is what
# the form and the acknowledgement say the right is « prévu par » (« l’article 13 de la loi
# du 29 juillet 1881 »); unset, « la loi ».
QUOTIDIEN_REPLY_DEADLINE_DAYS = env_int("REPLY_DEADLINE_DAYS", 3)
QUOTIDIEN_REPLY_LAW = os.environ.get("REPLY_LAW", "")
# The page types whose views « Les plus lus » counts.
QUOTIDIEN_COUNTED_PAGES = ["news.ArticlePage"]
# The page types a correction or a right of reply may concern (app_label.ModelName).
QUOTIDIEN_CORRECTABLE_PAGES = ["news.ArticlePage", "live.LivePage"]
# The screening of reader comments: its rules in the order they run, each a class with its
# OPTIONS (see quotidien.moderation.screening.registry).
_screening = "quotidien.moderation.screening"
MODERATION_RULES = [
    {"NAME": f"{_screening}.words.BannedWords"},
    {"NAME": f"{_screening}.words.SuspectWords"},
    {"NAME": f"{_screening}.dehumanising.Dehumanising"},
    {"NAME": f"{_screening}.insults.Insults"},
    {"NAME": f"{_screening}.threats.Threats"},
    {"NAME": f"{_screening}.shouting.Shouting", "OPTIONS": {"share": 0.7, "min_letters": 20}},
    {"NAME": f"{_screening}.links.Links"},
    {"NAME": f"{_screening}.links.Spam", "OPTIONS": {"hold_score": 3, "reject_score": 4}},
    {"NAME": f"{_screening}.flood.Flood"},
    {"NAME": f"{_screening}.personal.PersonalData"},
    # The statistical classifier: what it finds likely harmful from `hold` is held, from
    # `refuse` refused, where a section sets no thresholds of its own.
    {
        "NAME": "quotidien.moderation.classifier.rule.ClassifierRule",
        "OPTIONS": {"hold": 0.35, "refuse": 0.99},
    },
    {"NAME": f"{_screening}.history.Duplicate", "OPTIONS": {"min_characters": 20}},
    {"NAME": f"{_screening}.history.Rate", "OPTIONS": {"per_minute": 3}},
    {"NAME": f"{_screening}.history.NewAccount", "OPTIONS": {"hours": 24}},
]
# Agency wires: the largest file or pushed body accepted (bytes).
QUOTIDIEN_WIRE_MAX_BYTES = env_int("WIRE_MAX_BYTES", 5_000_000)
# Public API: how long public reads may be cached; writes allowed per token, reader or address.
QUOTIDIEN_API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)
QUOTIDIEN_API_WRITE_RATE = os.environ.get("API_WRITE_RATE", "60/m")

# Subscriber articles: what readers without access see, and the other ways in.
# The teaser ends after this many words of the body (0: after its first paragraph).
QUOTIDIEN_TEASER_WORDS = env_int("TEASER_WORDS", 0)
# Subscriber articles a logged-in reader without a subscription reads each month (0: none).
QUOTIDIEN_METER_PER_MONTH = env_int("METER_PER_MONTH", 3)
# Subscriber articles a subscriber may offer each month, and how long a gift link opens one.
QUOTIDIEN_GIFTS_PER_MONTH = env_int("GIFTS_PER_MONTH", 5)
QUOTIDIEN_GIFT_DAYS = env_int("GIFT_DAYS", 7)
# The Service abonnés, named wherever a reader is asked to write or call them (the offers
# without card payment, a subscription handled by hand); the currency a plan's price is
# shown in first to a reader who never subscribed.
QUOTIDIEN_SUBSCRIPTIONS_EMAIL = os.environ.get(
    "SUBSCRIPTIONS_CONTACT_EMAIL", "abonnements@quotidien.example"
)
QUOTIDIEN_SUBSCRIPTIONS_PHONE = os.environ.get("SUBSCRIPTIONS_CONTACT_PHONE", "")
QUOTIDIEN_CURRENCY = os.environ.get("CURRENCY", "USD")
# Card payments (see README, "Abonnements et paiements"): without keys, plans are sold by
# the Service abonnés only.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
