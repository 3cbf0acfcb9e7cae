"""Error pages, robots.txt (which points crawlers to the sitemaps) and /favicon.ico.

The 404 and 500 pages speak the visitor's language: LocaleMiddleware has
already activated it from the URL prefix (or the browser's preference when the
prefix is unknown). The 500 page is rendered with no database access at all,
since the database may be why it is shown; when it is (a restart), the answer is the 503
of home/database_outage.py instead.
"""

import sys

from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

from . import database_outage


def _language_from_path(path):
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return prefix if prefix in codes else None


@requires_csrf_token
def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


@requires_csrf_token
def server_error(request):
    # Called by Django while it handles the error, so the exception is the current one.
    outage = database_outage.answer_for(request, sys.exc_info()[1])
    if outage is not None:
        return outage
    language = _language_from_path(request.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        template = loader.get_template("500.html")
        html = template.render(
            {
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "home_url": f"/{language}/",
            }
        )
    return HttpResponseServerError(html)


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says; send them to the
    site's icon (templates/base.html links it). Not permanent: its static address carries
    a hash of its content in production, which changes with the icon."""
    return HttpResponseRedirect(static("favicon.svg"))
