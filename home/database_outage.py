"""The database is away for a moment (a restart, a failover): a 503 that says so, not a 500.

While PostgreSQL restarts, every request that needs it fails with Django's
``OperationalError`` or ``InterfaceError`` (connection refused, server closed the
connection, administrator shutdown, the server still starting up). Such a request is
answered 503 with ``Retry-After`` and ``Cache-Control: no-store``, by a page in the
visitor's language rendered without any query (``templates/503.html``), and logged at
WARNING: the site itself is fine and recovers by itself (each worker checks its
connection before reusing it, ``conn_health_checks`` in site/settings/base.py).

An app may answer better than that page: each function registered with the Wagtail hook
``ANSWER_HOOK`` is called with the request and may return a response, built without the
database (the join form sent back filled in, joining/wagtail_hooks.py); the status and
headers above are set on it all the same.

The error is caught in two places, because Django turns an exception into a 500 response
at the middleware it came from, before any outer middleware could see it:

- raised by the view (Wagtail's page routing, a form's save): ``process_exception`` of
  ``DatabaseOutageMiddleware``, listed first in ``MIDDLEWARE`` so that every other
  middleware's ``process_exception`` is asked before it;
- raised by a middleware (the page cache reading the database cache, a session saved):
  Django calls ``handler500``, ``home.views.server_error``, which asks ``answer_for``.

Pages kept for anonymous visitors (home/page_cache.py) go on being served from Redis while
the database is away; with the database cache they are in the database too, so they get
this 503 like the rest. With ``DEBUG`` on, an error raised by a middleware shows Django's
debugging page instead, as any other error does.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from wagtail import hooks

logger = logging.getLogger(__name__)

ANSWER_HOOK = "answer_during_database_outage"
RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def outage_error(exception):
    """The database error behind ``exception`` (itself, or what it was raised from or while
    handling), or None when the database is not why it failed."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, OUTAGE_ERRORS):
            return exception
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return None


def language_of(request):
    """The visitor's language from the address (``/fr/…``), else LocaleMiddleware's choice,
    else the default: never from the database."""
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    if prefix in codes:
        return prefix
    chosen = getattr(request, "LANGUAGE_CODE", None)
    return chosen if chosen in codes else settings.LANGUAGE_CODE


def unavailable_page(request, language):
    with translation.override(language):
        html = loader.render_to_string("503.html", {"home_url": f"/{language}/"})
    return HttpResponse(html, status=503)


def answer_for(request, exception):
    """The 503 answer when ``exception`` comes from the database being away, else None."""
    error = outage_error(exception)
    if error is None:
        return None
    first_line = (str(error).strip().splitlines() or [""])[0]
    logger.warning(
        "Database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        first_line,
    )
    language = language_of(request)
    response = None
    for answer in hooks.get_hooks(ANSWER_HOOK):
        try:
            with translation.override(language):
                response = answer(request)
        except Exception:  # a better answer failed: the plain page still goes out
            logger.exception("%s hook %r failed", ANSWER_HOOK, answer)
            response = None
        if response is not None:
            break
    if response is None:
        response = unavailable_page(request, language)
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    # Logged above, at WARNING; Django's request logger would log it again as an ERROR.
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    """First in ``MIDDLEWARE``: the view's database errors become the 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return answer_for(request, exception)
