"""The search's background work: counting a search in Wagtail's query log, and building the
full downloads' files after a change (search/full_downloads.py).

Counting is a SELECT or INSERT of the query and an UPDATE of its row of the day; done in the
request, every search of a popular word (even one served from the page cache) waits on the
same row's lock. Queued, the request writes one new row of the task queue instead and the
worker does the counting (docs/search.md)."""

from django_tasks import task
from wagtail.contrib.search_promotions.models import Query


@task()
def count_search(query):
    """Count one search for ``query`` (the editors' “popular searches”)."""
    Query.get(query).add_hit()


@task()
def build_full_downloads(version):
    """Build the files of every full download for ``version`` (queued once a change that makes
    them stale is committed); nothing when that version is built already or superseded."""
    from .full_downloads import build_all

    return build_all(version)
