"""Work done once the current transaction commits, merged: many changes, one run per commit.

One publication is several changes to freshness (Wagtail's publish saves the page's row,
then sends ``page_published``), and an import of a thousand members is thousands, all in one
transaction. Each used to register its own ``transaction.on_commit``: the versions raised and
the HTTP cache banned once per change, and the full downloads' build queued as many times.
``merged_on_commit`` collects what each change asks for in a group for the transaction, and
runs the group's work once, with everything collected, at its commit.

Every call still registers a callback of its own (so a savepoint rolled back discards only
its own, as Django does); the first callback of the commit to run does the group's work, and
the others find it done. A group is for one transaction: a call that finds its group's
callbacks no longer waiting on the connection (run, or discarded with a rollback) starts a
new one, so nothing a rolled-back transaction asked for is done at a later commit.
"""

import threading

from django.db import transaction

_groups = threading.local()


class _Group:
    def __init__(self, work):
        self.work = work
        self.items = set()
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        self.work(frozenset(self.items))


def _waiting(group, connection):
    """Whether a callback of ``group`` waits for the commit of ``connection``'s transaction
    (the latest one is searched for from the end: it is usually among the last few)."""
    if group.done:
        return False
    return any(
        getattr(func, "__self__", None) is group
        for _savepoints, func, _robust in reversed(connection.run_on_commit)
    )


def merged_on_commit(kind, items, work, using=None):
    """Add ``items`` to what ``work`` is called with, once, when the current transaction
    commits: every call of the same ``kind`` in one transaction shares one call of
    ``work(frozenset of every item)``. Outside a transaction it runs at once."""
    connection = transaction.get_connection(using)
    groups = getattr(_groups, "by_kind", None)
    if groups is None:
        groups = _groups.by_kind = {}
    group = groups.get((kind, connection.alias))
    if group is None or not _waiting(group, connection):
        group = groups[(kind, connection.alias)] = _Group(work)
    group.items.update(items)
    transaction.on_commit(group.run, using=using)
