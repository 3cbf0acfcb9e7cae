"""The default Site record follows the site's public address, ``WAGTAILADMIN_BASE_URL``.

Wagtail writes two kinds of links in its e-mails: admin links from ``WAGTAILADMIN_BASE_URL``,
and a page's public address (``page.full_url``: "You can view the page here", in the
notification that a city's change was approved) from the page's Site record, its hostname
and port. The demo loader used to make that record ``localhost:80``, so the approval e-mail
of a site served on http://127.0.0.1:8000 linked to http://localhost/…, which leads nowhere.

One address, then: the demo loader (home/demo.py) and ``manage.py set_site_address`` (run at
each deployment, docs/deploy.md) give the default Site the hostname and port of
``WAGTAILADMIN_BASE_URL``. Public pages are unaffected: they are served by the default Site
whatever host a request names, and build their absolute links from the request.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def public_address():
    """``(hostname, port)`` of ``WAGTAILADMIN_BASE_URL``, as a Wagtail Site stores them.

    A Site has no scheme: Wagtail writes ``https://`` for port 443 and ``http://`` for any
    other, so an address it would write back differently is refused rather than mangled."""
    url = settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        port = None
    scheme_of_port = "https" if port == 443 else "http"
    if (
        not parts.hostname
        or parts.scheme != scheme_of_port
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL={url!r} is not an address Wagtail's Site record can hold: "
            "give the scheme and host only, http:// on any port but 443 or https:// on 443, "
            "e.g. https://cities.uclg.org or http://127.0.0.1:8000."
        )
    return parts.hostname, port


def point_default_site_at_public_address():
    """Give the default Site the public address; ``True`` if it had another one."""
    hostname, port = public_address()
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ImproperlyConfigured(
            f"Another Site already has the address {hostname}:{port} (Settings → Sites): "
            "make it the default site, or give it another address."
        )
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
