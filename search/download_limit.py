"""Downloads that cannot take the site down: a limit per client on downloads built afresh.

A full download at 1,000 members costs about two seconds of one core (docs/open-data.md). The
full downloads are built once per change by the worker and served as files, never counted
(search/full_downloads.py). A filtered download is the same for everyone until the next change,
so it is kept: by the HTTP cache in front (tagged ``listing``, banned on every publish:
home/http_cache.py) and by the page cache (home/page_cache.py keeps it compressed). What is
built in the request is a filtered download nobody has asked for since the last change, or a
full one whose file is not built at all yet: ``DOWNLOAD_RATE_LIMIT`` of those per client
address in ``DOWNLOAD_RATE_WINDOW`` seconds, then a clear 429 with ``Retry-After``. Counted in
the cache every process shares, as the join form's limit is (joining/abuse.py).
"""

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from joining.abuse import client_address, count_in_window


def refused(request):
    """None when ``request`` may build a download; else the 429 to send."""
    window = settings.DOWNLOAD_RATE_WINDOW
    slot = int(time.time() // window)
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()
    # The window's number in the key: the answer can say when the next one starts.
    count = count_in_window(f"downloads:rate:{slot}:{digest}", window + 1)
    if count <= settings.DOWNLOAD_RATE_LIMIT:
        return None
    wait = max(1, int((slot + 1) * window - time.time()) + 1)
    message = _(
        "Too many downloads from your address in a short time. Please try again in %(seconds)s "
        "seconds. The full datasets change only when something is published, so one download "
        "is enough until then."
    ) % {"seconds": wait}
    response = HttpResponse(message + "\n", status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response
