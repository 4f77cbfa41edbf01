"""Settings for Quotidien, read from environment variables with safe defaults.

The same code runs on one machine (SQLite, in-process cache) and on a fleet
(PostgreSQL through DATABASE_URL, Redis through REDIS_URL).
DJANGO_SETTINGS_MODULE stays "quotidien.settings": this module gathers the settings
of each topic, in the order below. A module reads what it needs of an earlier one by
importing it by name (e.g. `from .caches import REDIS_URL`), never by the order alone.

- env: the helpers that read a variable (env_bool, env_int, env_list, env_networks);
  code elsewhere imports them from quotidien.settings.env;
- core: paths and var/, the secret key, DEBUG, hosts, apps, middleware, templates, language;
- security: HTTPS, security headers and Content-Security-Policy, trusted proxies;
- database: DATABASE_URL, the read replica and its router;
- caches: REDIS_URL, the caches and sessions;
- pagecache: the anonymous page cache and the proxies and CDNs it purges;
- auth: users, passwords, the login lockout, readers' tokens, rate limits;
- files: static files, media and storage;
- cms: Wagtail and tags;
- newspaper: comments, moderation rules, right of reply, wires, API, subscriptions;
- operations: background tasks, e-mail, the health page, logging.
"""

# In the order of the list above, not the alphabet's: the topics read as a story, and a
# variable set wrong stops the start at the first topic that reads it.
# ruff: noqa: F403, I001
from .core import *
from .security import *
from .database import *
from .caches import *
from .pagecache import *
from .auth import *
from .files import *
from .cms import *
from .newspaper import *
from .operations import *
