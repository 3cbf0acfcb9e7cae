"""The whole database as a comparable value, for "a refused request changed nothing".

``snapshot()`` in test_city_editor_permissions.py lists the columns a crafted request
could change, by hand. The URL sweep sends thousands of requests to views nobody listed,
so it compares every row of every table instead (pages, revisions, media, permissions,
workflow and translation rows, and whatever a new app adds), read in one query, and names
the rows that changed. Only rows that a request may write for the person making it, and
that say nothing about anyone else's content, are left out (``IGNORED_TABLES``).
"""

import hashlib
from collections import defaultdict

from django.apps import apps
from django.db import connection

# Rows written on behalf of the user themselves, whatever they ask for.
IGNORED_TABLES = {
    "django_session",  # logging in, and messages kept in the session
}


def _tables(ignore):
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in IGNORED_TABLES | ignore:
            continue
        tables[meta.db_table] = [field.column for field in meta.local_concrete_fields]
    return dict(sorted(tables.items()))


def _row_text(table, columns):
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return f"CAST({quote(table)}.* AS text)"
    # SQLite: quote() gives each value an unambiguous literal form.
    return " || '|' || ".join(f"quote({quote(column)})" for column in columns)


_query_cache = {}


def _query(ignore):
    key = (connection.vendor, ignore)
    if key not in _query_cache:
        quote = connection.ops.quote_name
        _query_cache[key] = " UNION ALL ".join(
            # Table and column names come from the models, never from input.
            f"SELECT '{table}', {_row_text(table, columns)} FROM {quote(table)}"  # noqa: S608
            for table, columns in _tables(ignore).items()
        )
    return _query_cache[key]


class DatabaseState:
    """Every row of every table (but those in ``ignore``), by table; equal when nothing
    changed."""

    def __init__(self, ignore=frozenset()):
        rows = defaultdict(list)
        with connection.cursor() as cursor:
            cursor.execute(_query(frozenset(ignore)))
            for table, text in cursor.fetchall():
                rows[table].append(text)
        self.rows = {table: sorted(values) for table, values in rows.items()}
        self.digest = hashlib.sha256(repr(sorted(self.rows.items())).encode()).hexdigest()

    def __eq__(self, other):
        return self.digest == other.digest

    def changes_since(self, before, limit=3):
        """What changed, table by table, for an assertion message."""
        lines = []
        for table in sorted(set(self.rows) | set(before.rows)):
            old, new = set(before.rows.get(table, ())), set(self.rows.get(table, ()))
            if old == new:
                continue
            added, removed = sorted(new - old)[:limit], sorted(old - new)[:limit]
            lines.append(f"{table}: +{len(new - old)} -{len(old - new)} {added} {removed}")
        return "\n".join(lines)
