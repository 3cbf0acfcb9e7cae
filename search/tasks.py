"""The search's background work, run by the worker (docs/deploy.md, "Background tasks").

- Counting a search in Wagtail's query log. Counting is a SELECT or INSERT of the query and
  an UPDATE of its row of the day; done in the request, every search of a popular word
  (even one served from the page cache) waits on the same row's lock. Queued, the request
  writes one new row of the task queue instead and the worker does the counting.
- Indexing an object once its save is committed (search/indexing.py), then making the
  search's counts and kept pages fresh: they were built from the index as it was before.
- Building the full downloads' files after a change (search/full_downloads.py).
"""

from django_tasks import task
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from home import freshness

from . import indexing


@task()
def count_search(query):
    """Count one search for ``query`` (the editors' “popular searches”)."""
    Query.get(query).add_hit()


@task()
def index_saved(app_label, model_name, pk):
    """Index the stored row of a saved object through its own language's alias (and
    remember its words for “Did you mean”), then make what the search shows fresh: counts
    and kept pages built between the save and now read the index without this object."""
    stored = indexing.index_stored(app_label, model_name, pk)
    if stored is None:
        return {"object_gone": f"{app_label}.{model_name} {pk}"}
    # Only a live page's words reach what the public sees: the search reads live pages alone,
    # so indexing a draft (a page created unpublished, a page unpublished) makes nothing stale.
    if isinstance(stored, Page) and stored.live:
        freshness.changed("page indexed")


# After every task due with it (the worker claims the highest priority first): the indexing
# of the pages just published raises the catalogue once more, and a build run before it
# would be of a version already stale.
@task(priority=-10)
def build_full_downloads(queued_for=None):
    """Build the files of every full download for the version current when it runs (queued
    once a change that makes them stale is committed, for the version ``queued_for``, shown
    in the tasks' listing); nothing when that version is built already."""
    from .full_downloads import build_all

    return {"queued_for": queued_for, **build_all()}
