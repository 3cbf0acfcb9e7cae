"""Addresses of filtered listings (members directory, stories, search) that a reader can
share: no empty parameters (`?region=europe`, not `?region=europe&country=&wave=`), and
one "remove this filter" chip per active filter, each linking to the same listing
without just that value.

The filter forms themselves leave empty fields out when they are submitted
(static/js/filters.js); these helpers do the same for every link the server builds.
"""

from dataclasses import dataclass


def clean_query(get, drop=("page",)):
    """A copy of ``get`` (a QueryDict) without the ``drop`` names and without empty values."""
    query = get.copy()
    for name in drop:
        query.pop(name, None)
    for name in list(query):
        values = [value for value in query.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
        else:
            del query[name]
    return query


def address(query):
    """``?…`` for a non-empty query, else ``?`` alone (the listing's own address, kept
    relative so that it stays in the reader's language and page)."""
    return f"?{query.urlencode()}" if query else "?"


@dataclass(frozen=True)
class Chip:
    """One active filter: what it filters ("Theme"), the value chosen ("Housing"), and the
    address of the listing without it."""

    kind: str
    label: str
    remove: str


def filter_chips(query, chosen):
    """A chip for each ``(name, value, kind, label)`` in ``chosen``, in that order; its link
    keeps every other filter of ``query`` and drops paging (the list changes length)."""
    chips = []
    for name, value, kind, label in chosen:
        without = query.copy()
        without.pop("page", None)
        rest = [other for other in without.getlist(name) if other != value]
        if rest:
            without.setlist(name, rest)
        else:
            without.pop(name, None)
        chips.append(Chip(kind=str(kind), label=str(label), remove=address(without)))
    return chips
