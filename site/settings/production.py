"""Production: refuses to start without a real SECRET_KEY and a host list.

`manage.py check --deploy --fail-level WARNING` is clean with these settings (CI runs it).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
# A public site shows its members' own content: no demo notice unless asked for (a staging
# site showing the demo content sets DEMO_CONTENT_NOTICE=1).
DEMO_CONTENT_NOTICE = env_bool("DEMO_CONTENT_NOTICE", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "Production needs a real SECRET_KEY: set the SECRET_KEY environment variable to a random "
        "string of 50 or more characters, for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Production needs ALLOWED_HOSTS: set it to the site's host names, comma-separated."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

# Hashed, compressed static files served by WhiteNoise (or a CDN in front of it).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# security.W019 asks for X_FRAME_OPTIONS = "DENY"; Wagtail's live preview needs
# SAMEORIGIN framing of our own pages, and CSP frame-ancestors 'self' says the same.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
