"""Full downloads built once per change by the worker and served as files (issue #15, item 10).

A full download (every initiative, or every member, in one language and format, with no
filter) costs about two seconds of one core at 1,000 members and is the same for everyone
until the next change. Built in the request, every publication made many clients rebuild it
at once (docs/load-testing.md). So the worker builds each of them once per change and stores
it through Django's default storage (the media folder, or the S3 bucket:
site/media_storage.py) under ``downloads/<version>/``; a request streams the stored file with
the headers the view sends.

- **The version** is freshness's ``pages`` and ``catalogue`` (every change to a record or an
  address raises one of them: docs/freshness.md) and the release (a deployment may change the
  fields or the labels). Once a change is committed (``freshness.raised``) a build is queued
  (``search.tasks.build_full_downloads``), for the worker (``manage.py run_tasks``), unless
  one waits already (``QUEUED_KEY``): the task builds the version current when it starts.
- **What is built** is recorded in the shared cache (``BUILT_KEY``, no timeout): the current
  build and the one before it, each with its version, its files and their headers. A request
  reads that record, not the storage, so it costs one cache read; a cache emptied by hand
  forgets every build (old files are then never trusted) and the next request queues one.
- **A request** for a full download gets the file of the current version; while the worker
  has not built it yet, the previous build's file, marked ``X-Data-Stale: true`` and kept only
  ``STALE_SECONDS`` by caches; with no build at all, the view builds it under the per-client
  limit (search/download_limit.py), as it does for every filtered download.
- **A change that takes something away** (an unpublication, a deletion, a section made
  private: ``freshness.withdrawn``) deletes every stored file at its commit and forgets every
  build: the previous build's file would serve the withdrawn page until the next build, and
  the files' addresses in the media folder or bucket are no secret (``X-Data-Version`` names
  them). Until the worker's next build, the view builds full downloads under the limit. A
  build that was under way at that moment is thrown away when it ends.

Files are built with the site's public address (``WAGTAILADMIN_BASE_URL``), so they are
served only to requests for that address: anywhere else (another host name, a test server)
the view builds the download itself, and a file is never served with addresses that are not
the ones the view would have written.
"""

import hashlib
import io
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError
from django.http import FileResponse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.exceptions import TaskResultDoesNotExist
from wagtail.models import Locale

from home import freshness, http_cache
from home.page_cache import release

from .export import initiatives_download, open_data_headers
from .facets import build_facets

logger = logging.getLogger(__name__)

FOLDER = "downloads"
FORMATS = ("csv", "json")
# The versions a download's records and addresses are built from.
BUILT_ON = ("pages", "catalogue")
BUILT_KEY = "downloads:built"
# When the last change that took something away was committed (a time.time()).
WITHDRAWN_KEY = "downloads:withdrawn-at"
# A previous build's file is kept by caches this long: the new one is due within seconds.
STALE_SECONDS = 10
# Set while a build waits in the queue: every change meanwhile is built by that one task,
# which builds the version current when it starts. Forgotten after this time, should the
# task be lost (deleted by hand), so that the next change queues one again.
QUEUED_KEY = "downloads:queued"
QUEUED_SECONDS = 600
# How long one build may hold its version's lock (a worker's task is taken up again
# after 15 minutes: background/worker.py).
BUILDING_SECONDS = 900
# The headers of the built answer that are kept with its file; the others (caching,
# licence, CORS) are the same for every download and set again when it is served.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "X-Total-Count",
    "X-Export-Truncated",
)


def initiatives(request, locale, output):
    """The full initiatives download: the search with no words, filter or sort."""
    return initiatives_download(request, locale, "", build_facets(locale), {}, "newest", output)


def members(request, locale, output):
    from .member_data import members_response

    return members_response(request, locale, output)


DATASETS = {"initiatives": initiatives, "members": members}


def current_version():
    """The version the files built now are filed under, e.g. ``pages3.catalogue7-1f2e3d4c5b6a``."""
    code = hashlib.sha256(release().encode()).hexdigest()[:12]
    return f"{freshness.stamp(*BUILT_ON)}-{code}"


def file_name(dataset, language, output):
    return f"{dataset}-{language}.{output}"


# --- Serving -----------------------------------------------------------------------------


def serve(request, dataset, locale, output):
    """The stored file of this full download, or None when the view must build it."""
    if not for_site_address(request):
        return None
    version = current_version()
    build = built(version)
    if build is None:
        queue()
        # With TASKS_BACKEND=immediate the build has just run, here.
        build = built(version)
    stale = build is None
    if stale:
        build = (cache.get(BUILT_KEY) or {}).get("current")
        if build is None:
            return None
    stored = build["files"].get(file_name(dataset, locale.language_code, output))
    if stored is None:  # a language added since that build
        return None
    try:
        file = default_storage.open(stored["path"], "rb")
    except Exception:  # noqa: BLE001 - a storage away or a lost file: the view builds it
        logger.exception("Full download %s not read from the storage", stored["path"])
        # Not built any more, as far as anyone can tell: else every request would build it
        # in the view until the next change, the build answering "built already".
        forget(build["version"])
        queue()
        return None
    response = FileResponse(file, content_type=stored["headers"]["Content-Type"])
    for header, value in stored["headers"].items():
        response[header] = value
    response["Content-Length"] = str(stored["bytes"])
    response["X-Data-Version"] = build["version"]
    response["X-Data-Built-At"] = build["built_at"]
    open_data_headers(response)
    # Banned by the next publication in the HTTP cache, as the view's downloads are.
    http_cache.tag(request, response)
    if stale:
        response["X-Data-Stale"] = "true"
        response["Cache-Control"] = f"public, max-age={STALE_SECONDS}"
    return response


def for_site_address(request):
    """Whether ``request`` is for the address the files were built with."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return request.scheme == address.scheme and request.get_host() == address.netloc


def built(version):
    """The recorded build of ``version``, or None."""
    record = cache.get(BUILT_KEY) or {}
    for build in (record.get("current"), record.get("previous")):
        if build and build["version"] == version:
            return build
    return None


def forget(version):
    """Strike the build of ``version`` from the record (a file of it could not be read)."""
    record = cache.get(BUILT_KEY) or {}
    kept = [
        build
        for build in (record.get("current"), record.get("previous"))
        if build and build["version"] != version
    ]
    kept += [None, None]
    cache.set(BUILT_KEY, {"current": kept[0], "previous": kept[1]}, timeout=None)


def queue():
    """Queue a build of the current version, unless one waits in the queue already (it will
    build whatever is current when it starts) or the current version is being built: one
    publication raises the versions twice (at its commit, then once the worker has indexed
    the page), an import a thousand times, and each would otherwise queue a build."""
    from .tasks import build_full_downloads

    version = current_version()
    if cache.get(f"downloads:building:{version}"):
        return
    if not cache.add(QUEUED_KEY, "", timeout=QUEUED_SECONDS) and _still_waiting():
        return
    try:
        result = build_full_downloads.enqueue(version)
    except DatabaseError:
        # The queue is a table: with the database away, the next request tries again.
        cache.delete(QUEUED_KEY)
        logger.warning("Build of the full downloads %s not queued (database unavailable)", version)
        return
    if not result.is_finished:  # with TASKS_BACKEND=immediate it has run, and said so
        cache.set(QUEUED_KEY, result.id, timeout=QUEUED_SECONDS)


def _still_waiting():
    """Whether the queued build is still in the queue: not a task deleted by hand, or one
    that failed before it started (the next change must then queue another)."""
    from .tasks import build_full_downloads

    waiting = cache.get(QUEUED_KEY)
    backend = build_full_downloads.get_backend()
    if not waiting or not backend.supports_get_result:
        return True  # being queued by another process this instant, or nothing to ask
    try:
        status = backend.get_result(waiting).status
    except TaskResultDoesNotExist:
        return False
    return status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def on_versions_raised(sender, names, **kwargs):
    """A committed change that touches the records queues the build of the new version.

    Not without a worker (``TASKS_BACKEND=immediate``: the tests, the benchmark, a quick
    start): the build would then run in the committing process once per commit, thousands of
    times in an import or the benchmark's load. There the first full download asked after
    the change builds them (``serve``)."""
    from .tasks import build_full_downloads

    if isinstance(build_full_downloads.get_backend(), ImmediateBackend):
        return
    if set(names) & set(BUILT_ON):
        queue()


# --- Building ----------------------------------------------------------------------------


def build_all():
    """Build and store every full download of the current version, in every language, and
    forget the builds before the previous one. Nothing is done for a version already built or
    being built. The queued task builds what is current when it starts, so that changes made
    while it waited (several publications in a row, the indexing after each) cost one build."""
    # First: a change committed from now on queues a build of its own.
    cache.delete(QUEUED_KEY)
    version = current_version()
    if built(version) is not None:
        return {"version": version, "done": "nothing: built already"}
    lock = f"downloads:building:{version}"
    if not cache.add(lock, True, timeout=BUILDING_SECONDS):
        return {"version": version, "done": "nothing: being built"}
    started = time.time()
    try:
        files = build_files(version)
        if withdrawn_since(started):
            return discard(version)
        build = {"version": version, "built_at": timezone.now().isoformat(), "files": files}
        previous = (cache.get(BUILT_KEY) or {}).get("current")
        cache.set(BUILT_KEY, {"current": build, "previous": previous}, timeout=None)
        # Again: a withdrawal committed while the record was being written has not seen it.
        if withdrawn_since(started):
            forget(version)
            return discard(version)
        forget_older({version, previous["version"] if previous else None})
    finally:
        cache.delete(lock)
    return {"version": version, "done": "built", "files": len(files)}


def withdrawn_since(started):
    return (cache.get(WITHDRAWN_KEY) or 0) >= started


def discard(version):
    """A build that may hold what a change took away while it was being built."""
    forget_older(keep_versions())
    queue()
    return {"version": version, "done": "discarded: something was withdrawn meanwhile"}


def keep_versions():
    record = cache.get(BUILT_KEY) or {}
    return {build["version"] for build in record.values() if build}


def on_withdrawn(sender, changes, **kwargs):
    """Once a change that takes something away is committed: no stored file may serve it
    any more, not even as the previous build (see the module's docstring)."""
    cache.set(WITHDRAWN_KEY, time.time(), timeout=None)
    cache.delete(BUILT_KEY)
    try:
        forget_older(set())
    except Exception:  # noqa: BLE001 - the record is gone: no request will serve them
        logger.exception("Full downloads' files not deleted after %s", ", ".join(changes))


def build_files(version):
    """{file name: its stored path, size and headers} for every dataset, language and format."""
    request = site_request()
    files = {}
    for locale in Locale.objects.order_by("language_code"):
        with translation.override(locale.language_code):
            for dataset, make in DATASETS.items():
                for output in FORMATS:
                    started = time.perf_counter()
                    response = make(request, locale, output)
                    name = file_name(dataset, locale.language_code, output)
                    path = default_storage.save(
                        f"{FOLDER}/{version}/{name}", ContentFile(response.content)
                    )
                    files[name] = {
                        "path": path,
                        "bytes": len(response.content),
                        "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                        # What it cost, for the worker's log and docs/open-data.md's figures.
                        "seconds": round(time.perf_counter() - started, 3),
                    }
                    built_file = files[name]
                    logger.info(
                        "Built %s: %s bytes in %.2f s",
                        path,
                        built_file["bytes"],
                        built_file["seconds"],
                    )
    return files


def forget_older(keep):
    """Delete the stored files of every version but those in ``keep``."""
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # nothing built yet
        return
    for folder in folders:
        if folder in keep:
            continue
        _dirs, names = default_storage.listdir(f"{FOLDER}/{folder}")
        for name in names:
            default_storage.delete(f"{FOLDER}/{folder}/{name}")
        default_storage.delete(f"{FOLDER}/{folder}")


def site_request():
    """A GET to the site's public address (``WAGTAILADMIN_BASE_URL``): the worker has no
    request, and the records' absolute addresses are built from one."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    secure = address.scheme == "https"
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/",
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "HTTP_HOST": address.netloc,
            "SERVER_NAME": address.hostname,
            "SERVER_PORT": str(address.port or (443 if secure else 80)),
            "wsgi.url_scheme": address.scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
