"""Settings shared by every environment.

Everything that differs between machines is read from environment variables;
optional services (Redis, S3-compatible storage, Elasticsearch/OpenSearch,
frontend-cache purging) switch on only when their variables are set. See
docs/deploy.md for the full list.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from hrcsite.media_storage import s3_media_sources
from hrcsite.search_backends import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "taxonomies",
    "cityprofiles",
    "initiatives",
    "stories",
    "search",
    "cityteams",
    "translations",
    "joining",
    "background",
    "django_tasks",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # Wagtail's search app, without the handlers that queue a useless task on every save.
    "search.wagtail_search_app.WagtailSearchWithoutAutoUpdate",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The database away (a restart): 503 with Retry-After, not 500. First, so that every
    # other middleware's process_exception is asked before it (home/database_outage.py).
    "home.database_outage.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Whole pages for anonymous visitors; its place matters (see the module).
    "home.page_cache.AnonymousPageCacheMiddleware",
    # Cache-Control and cache tags for the HTTP cache in front (home/http_cache.py).
    "home.http_cache.HttpCacheHeadersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form whose StreamField arrived incomplete answers 400 (home/incomplete_forms.py).
    "home.incomplete_forms.IncompleteFormMiddleware",
    # A chooser asked for an id that cannot be one: 404, not 500 (home/chooser_ids.py).
    "home.chooser_ids.ChooserIdsMiddleware",
    # Deleting what something else protects: a message, not a 500 (home/protected_deletes.py).
    "home.protected_deletes.ProtectedDeleteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The site and a page's route remembered by each process (home/routes.py).
    "home.routes.KeptRoutesMiddleware",
]

ROOT_URLCONF = "hrcsite.urls"
WSGI_APPLICATION = "hrcsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Django's widgets, written in Python with the HTML of Django's templates (home/form_renderer.py).
FORM_RENDERER = "home.form_renderer.FormRenderer"

# --- Database ---------------------------------------------------------------
# SQLite is the embedded default so that a first run needs no server;
# PostgreSQL (DATABASE_URL=postgres://...) in CI and production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The site and the task worker (bin/start runs both) write to one file. SQLite's defaults
    # answered "database is locked" after 5 s of a long worker write, and a deferred
    # transaction that later writes fails at once: wait longer, take the write lock when a
    # transaction starts, and let readers read beside a writer (write-ahead log).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
            "KEY_PREFIX": "hrc",
        }
    }
    # A Redis outage should degrade to a slower site, not an error page.
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    # Without Redis, a table of the site's own database (created by home's migration
    # 0006, so by every `migrate`): every process — each gunicorn worker, the management
    # commands, the shell — sees the same version numbers, rows and kept pages, so a
    # change made in one is seen by all at once. Never a per-process cache: a change
    # bumped in one process would stay invisible to the others (issue #15).
    CACHES = {
        "default": {
            "BACKEND": "home.shared_cache.DatabaseCache",
            "LOCATION": "hrc_cache",
            "KEY_PREFIX": "hrc",
            # Past this many rows, expired ones are deleted, then a third of the rest, the
            # soonest to expire first, never the versions (home/shared_cache.py).
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        },
        # Wagtail's image renditions, which it would otherwise write again at each request.
        "renditions": {
            "BACKEND": "home.shared_cache.RenditionCache",
            "LOCATION": "hrc_cache",
            "KEY_PREFIX": "hrc-renditions",
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        },
    }

# Whole public pages kept for anonymous visitors (home/page_cache.py): seconds (0: off),
# and the largest page kept. On by default with Redis and with the database cache alike:
# both are shared by every process (a kept page read back from either costs a few ms,
# rendering it 30–90 ms: docs/page-cache.md). RELEASE names the deployed code (a commit,
# an image tag); left empty, a fingerprint of the code is used, so a deployment never
# serves pages of the previous one.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(2 * 1024 * 1024)))
RELEASE = os.environ.get("RELEASE", "")

# --- Passwords --------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------
# The campaign speaks English, French and Spanish; the site adds Arabic.
# Adding a language is one entry here plus `manage.py add_language` (docs/translation.md).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Machine translation is an option, off unless a DeepL key or a LibreTranslate server is
# configured; translators then get a "Translate with …" button in wagtail-localize's editor.
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
    }
elif os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }

# A translation of a live page stays a draft until a translator publishes it,
# so visitors never see half-translated pages (docs/translation.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static and media files -------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Images' and documents' addresses the Content-Security-Policy allows besides our own.
MEDIA_SOURCES = []
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Any S3-compatible store (docs/deploy.md, "Media on S3"). django-storages reads only the
    # keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) from the environment itself; the rest
    # are settings, read here.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL") or "https:"
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    # The bucket's addresses, as django-storages writes them (site/media_storage.py).
    MEDIA_SOURCES = s3_media_sources(
        AWS_STORAGE_BUCKET_NAME,
        endpoint_url=AWS_S3_ENDPOINT_URL,
        region=AWS_S3_REGION_NAME,
        custom_domain=AWS_S3_CUSTOM_DOMAIN,
        addressing_style=AWS_S3_ADDRESSING_STYLE,
        url_protocol=AWS_S3_URL_PROTOCOL,
    )

# Uploads: bounded so that an oversized file gets a clear form error and
# never exhausts memory (CVE-2023-28837 class).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents are downloaded, never rendered inline, so an uploaded HTML or SVG
# file cannot run script on our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]

# The campaign's calendar (taxonomies/calendar.py) takes this ISO date ("2026-12-01") as
# today, to show or test the call to join before, during and after it. Production leaves
# it unset: the calls then follow the real date.
CAMPAIGN_TODAY = os.environ.get("CAMPAIGN_TODAY") or None

# One notice on every page says the site shows demo content (templates/includes/
# demo_notice.html): on in development (dev.py), off by default and in production.
DEMO_CONTENT_NOTICE = env_bool("DEMO_CONTENT_NOTICE", False)

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "10, 100, 1000 Human Rights Cities and Territories by 2030"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Redirects from a page's old address are made for published pages only, by
# home/draft_redirects.py: Wagtail's own receivers, switched off here, also made them for
# drafts, at each autosave of a new page's title.
WAGTAILREDIRECTS_AUTO_CREATE = False
# No Gravatar: the admin would send a hash of every editor's e-mail address to a third
# party, and show a broken image where its requests are blocked.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# "Forgotten password?" also answers onboarded editors who never chose one (cityteams/recovery.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "cityteams.recovery.EditorPasswordResetForm"  # noqa: S105
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "bold",
                "italic",
                "ol",
                "ul",
                "link",
                "document-link",
                "hr",
                "blockquote",
            ]
        },
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Search: one backend alias per language, so that each language is stemmed with
# its own text-search configuration (docs/search.md). PostgreSQL (or SQLite) full
# text through Wagtail's database backend by default; OpenSearch or Elasticsearch
# when a URL is configured. Indexing is done by search/indexing.py (each object
# through the alias of its language), not by the backends' own auto-update.
# PostgreSQL's text-search configuration for each language it stems; any other
# language (Korean, say) gets "simple": matching without stemming.
POSTGRES_TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
SEARCH_LANGUAGE_CONFIGS = {
    code: POSTGRES_TEXT_SEARCH_CONFIGS.get(code, "simple") for code, _name in LANGUAGES
}
# How long a search's facet counts are kept (they are also dropped by every publish).
SEARCH_COUNTS_CACHE_SECONDS = int(os.environ.get("SEARCH_COUNTS_CACHE_SECONDS", "3600"))
# OpenSearch or Elasticsearch instead when a URL is given (the `search-cluster` extra): an
# index per language, named after SEARCH_INDEX (`hrc-fr_wagtailcore_page`), each with its
# language's analyzer (site/search_backends.py).
WAGTAILSEARCH_BACKENDS = search_backends(
    [code for code, _name in LANGUAGES],
    SEARCH_LANGUAGE_CONFIGS,
    default_language=LANGUAGE_CODE,
    opensearch_url=os.environ.get("OPENSEARCH_URL"),
    elasticsearch_url=os.environ.get("ELASTICSEARCH_URL"),
    index_prefix=os.environ.get("SEARCH_INDEX", "hrc"),
)

# The HTTP cache in front (Varnish: docs/http-cache.md). Public answers for anonymous visitors
# say how long a shared cache may keep them; every change bans what it touches at each
# address of HTTP_CACHE_PURGE_URLS (home/http_cache.py). With no address to ban, a shared
# cache may keep a page only a minute, the longest a page could be stale there.
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS")
HTTP_CACHE_SECONDS = int(
    os.environ.get("HTTP_CACHE_SECONDS", "3600" if HTTP_CACHE_PURGE_URLS else "60")
)
HTTP_CACHE_STALE_SECONDS = int(os.environ.get("HTTP_CACHE_STALE_SECONDS", "30"))
# A page that began rendering before a change was committed may reach the cache after the
# ban: a second ban this many seconds later drops it.
HTTP_CACHE_REBAN_SECONDS = float(os.environ.get("HTTP_CACHE_REBAN_SECONDS", "2"))

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "campaign@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (docs/deploy.md, "Background tasks") -------------------
# E-mails, the search log, indexing, large member imports and late bans are queued in the
# database and run by `manage.py run_tasks`; TASKS_BACKEND=immediate runs them inline in the
# request instead (no worker needed).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
_task_backends = {
    "database": "background.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _task_backends:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r}: say 'database' (queued, run by manage.py "
        "run_tasks) or 'immediate' (run inline in the request)."
    )
# How much lower the worker's CPU priority is than the site's (manage.py run_tasks, os.nice):
# its builds take the cores only when requests leave them. 0 keeps it equal.
TASKS_WORKER_NICE = int(os.environ.get("TASKS_WORKER_NICE", "10"))
# A member spreadsheet uploaded in the admin with more rows than this is checked in the
# request and imported by the worker (cityprofiles/admin_views.py).
MEMBER_IMPORT_QUEUE_ABOVE = int(os.environ.get("MEMBER_IMPORT_QUEUE_ABOVE", "200"))
TASKS = {
    "default": {
        "BACKEND": _task_backends[TASKS_BACKEND],
        "OPTIONS": {
            "MAX_ATTEMPTS": int(os.environ.get("TASKS_MAX_ATTEMPTS", "5")),
            "RETRY_DELAY": float(os.environ.get("TASKS_RETRY_DELAY", "30")),
        }
        if TASKS_BACKEND == "database"
        else {},
    }
}

# --- Joining the campaign online (docs/joining.md) ---------------------------
# Who is told of each application; how many submissions one client address may send per
# window (seconds); how many reverse proxies in front of the site append X-Forwarded-For.
JOINING_NOTIFY_EMAILS = env_list("JOINING_NOTIFY_EMAILS")
JOINING_RATE_LIMIT = int(os.environ.get("JOINING_RATE_LIMIT", "10"))
JOINING_RATE_WINDOW = int(os.environ.get("JOINING_RATE_WINDOW", "3600"))
JOINING_TRUSTED_PROXIES = int(os.environ.get("JOINING_TRUSTED_PROXIES", "0"))
# Downloads built afresh (not kept since the last change) one client address may ask for per
# window (seconds), then 429 (search/download_limit.py).
DOWNLOAD_RATE_LIMIT = int(os.environ.get("DOWNLOAD_RATE_LIMIT", "6"))
DOWNLOAD_RATE_WINDOW = int(os.environ.get("DOWNLOAD_RATE_WINDOW", "60"))
# Days after an application is accepted or declined until `erase_old_applications` erases
# its focal point's personal data.
JOINING_RETENTION_DAYS = int(os.environ.get("JOINING_RETENTION_DAYS", "730"))

# --- Maps ------------------------------------------------------------------
# Leaflet is served from our static files; the tiles come from a tile server,
# OpenStreetMap's by default. Maps load only when a visitor asks for one.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
_tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
MAP_TILE_ORIGIN = f"{_tiles.scheme}://{_tiles.netloc}" if _tiles.netloc else ""

# --- Security headers -------------------------------------------------------
# Wagtail's live preview shows the page in a same-origin iframe, so framing is
# limited to our own origin (not DENY); see SILENCED_SYSTEM_CHECKS in production.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Public pages load nothing from third parties: scripts, styles and fonts are
# ours. Embedded videos are the one exception, in frames only. The admin has
# its own inline styles and scripts, so it is left out of this policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"]
        + [MAP_TILE_ORIGIN] * bool(MAP_TILE_ORIGIN)
        + MEDIA_SOURCES
        + env_list("CSP_IMG_SRC"),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
