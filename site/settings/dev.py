"""Local development: DEBUG on, a throwaway secret, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = os.environ.get("DEBUG", "1") != "0"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-" + "x" * 40  # noqa: S105
# Templates change under a running development server: pages are not kept (home/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# The demo content loaded by bin/start is said to be demo content, on every page.
DEMO_CONTENT_NOTICE = env_bool("DEMO_CONTENT_NOTICE", True)
