"""The cache every process shares when there is no Redis: Django's database cache, culled
by expiry instead of by key.

Freshness rests on version numbers kept in the cache without a timeout (home/freshness.py).
When the table outgrows ``MAX_ENTRIES``, Django's own backend deletes a third of its rows in
key order, whatever their expiry: a version could go (and a version started again at 1 could
meet parts still cached under an old 1), or a page kept for an hour before one about to
expire. Here the rows that expire soonest go first, so the versions (which never expire) are
the last to go, and a page about to expire anyway before one just kept.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections


class DatabaseCache(DjangoDatabaseCache):
    def _cull(self, db, cursor, now, num):
        if self._cull_frequency == 0:
            return super()._cull(db, cursor, now, num)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        key = connection.ops.quote_name("cache_key")
        expires = connection.ops.quote_name("expires")
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608 - our table's name
            [connection.ops.adapt_datetimefield_value(now)],
        )
        remaining = num - cursor.rowcount
        if remaining > self._max_entries:
            cursor.execute(
                f"DELETE FROM {table} WHERE {key} IN "  # noqa: S608 - our table's name
                f"(SELECT {key} FROM {table} ORDER BY {expires}, {key} LIMIT %s)",
                [remaining // self._cull_frequency],
            )


class RenditionCache(DatabaseCache):
    """Wagtail's image renditions (its ``renditions`` cache), in the same table: written only
    when absent. Wagtail writes back every rendition it read from the cache at each request
    (a write and a commit per image in the database cache, about 20 ms a page on SQLite);
    a rendition's key names its image's file and focal point, so what is stored under a key
    never changes, and Wagtail deletes the key when it deletes the rendition."""

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # A read when present (the usual case), not a count, a read and a refused insert.
        if not self.has_key(key, version=version):
            self.add(key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # One read for all of them; then an insert only for those missing.
        present = self.get_many(list(data), version=version)
        for key, value in data.items():
            if key not in present:
                self.add(key, value, timeout=timeout, version=version)
        return []
