"""Faceted full-text search over initiatives, in the visitor's language.

1. The text query is matched once, through the search backend of the visitor's
   language (its stemming), against that language's live, public initiatives.
2. Filters are applied with the ORM on stable keys.
3. Counts per facet value take every *other* active filter into account: each set
   of initiatives that needs counting is read once (``count_facets``), so the
   number of queries never depends on the number of results.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL

from initiatives.models import InitiativePage

from .indexing import backend_for

PAGE_SIZE = 20
MAX_TEXT_MATCHES = 20_000


@dataclass
class Outcome:
    page: object
    total: int
    counts: dict = field(default_factory=dict)


def published_initiatives(locale):
    return InitiativePage.objects.live().public().filter(locale=locale)


def text_matches(query, locale):
    """Ids of the initiatives matching ``query`` (in relevance order), or None for no query."""
    if not query:
        return None
    backend = backend_for(locale.language_code)
    results = backend.search(query, published_initiatives(locale), operator="and")
    results = results[:MAX_TEXT_MATCHES]
    if hasattr(results, "get_queryset"):  # database backends: read the ids, not whole pages
        return list(results.get_queryset().values_list("pk", flat=True))
    return [page.pk for page in results]


def among(ids, field="pk", rows=None):
    """A condition "``field`` is one of ``ids``". On PostgreSQL the ids travel as one
    array parameter: thousands of ``IN (%s, …)`` placeholders cost more to build than the
    query costs to run. Elsewhere (SQLite, with its limit on parameters) the queryset
    ``rows`` the ids were read from is used as a subquery when given."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::integer[])", (list(ids),))})
    if rows is not None:
        return Q(**{f"{field}__in": rows.values("pk")})
    return Q(**{f"{field}__in": ids})


def apply_filters(queryset, facets, selected, skip=None):
    for facet in facets:
        values = selected.get(facet.name)
        if values and facet.name != skip:
            queryset = facet.narrow(queryset, values)
    return queryset


def matching(locale, query, facets, selected):
    """What a search matches: ``(base, results, matched_ids)``.

    ``base`` is every published initiative of ``locale`` the text matched (all of them
    without a text), ``results`` is ``base`` narrowed by the filters, and ``matched_ids``
    the text's matches in relevance order (None without a text). The search page, the
    downloads and the API all start here, so they always agree on what matches.
    """
    base = published_initiatives(locale)
    matched_ids = text_matches(query, locale)
    if matched_ids is not None:
        base = base.filter(among(matched_ids))
    return base, apply_filters(base, facets, selected), matched_ids


def in_order(results, sort, matched_ids):
    """``results`` in the order of ``sort``: a queryset, or for relevance a list of ids."""
    if sort == "az":
        return results.order_by("title", "pk")
    if sort == "relevance" and matched_ids:
        position = {pk: index for index, pk in enumerate(matched_ids)}
        return sorted(results.values_list("pk", flat=True), key=position.__getitem__)
    return results.order_by("-first_published_at", "-pk")


def ordered_ids(locale, query, facets, selected, sort):
    """The ids of every matching initiative, in the order of ``sort``: a lazy queryset of
    ids (slice it to read a page) or, for relevance, a list. For downloads and the API."""
    _base, results, matched_ids = matching(locale, query, facets, selected)
    ordered = in_order(results, sort, matched_ids)
    return ordered if isinstance(ordered, list) else ordered.values_list("pk", flat=True)


def search(locale, query, facets, selected, sort, page_number, page_size=PAGE_SIZE):
    base, results, matched_ids = matching(locale, query, facets, selected)
    ordered = in_order(results, sort, matched_ids)
    paginator = Paginator(ordered, page_size)
    current = paginator.get_page(page_number)
    items = list(current.object_list)
    if items and not isinstance(items[0], InitiativePage):
        by_id = InitiativePage.objects.in_bulk(items)
        items = [by_id[pk] for pk in items if pk in by_id]
    current.object_list = items
    counts = facet_counts(locale, query, facets, selected, base)
    return Outcome(page=current, total=paginator.count, counts=counts)


def facet_counts(locale, query, facets, selected, base):
    """Counts per facet value, cached until the next publish: the same few searches (no
    words, one theme…) are asked again and again."""
    from cityprofiles.directory import cache_version

    fingerprint = repr((locale.pk, query, sorted((k, sorted(v)) for k, v in selected.items())))
    key = f"search:counts:{cache_version()}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    counts = cache.get(key)
    if counts is None:
        counts = count_facets(facets, selected, base)
        cache.set(key, counts, timeout=3600)
    return counts


def count_facets(facets, selected, base):
    """Each facet counts among the initiatives that match every *other* active filter.

    The facets without an active filter share one such set (every filter applied); each
    facet with one has its own. A set is read once, with the facets' own columns (pillar,
    region, country, wave, status, year), which are counted here; each many-to-many facet
    is one GROUP BY on its link table among the set's ids. Filtering once per set rather
    than once per facet is what keeps an uncached search cheap: ten counts used to filter
    the same initiatives ten times.
    """
    groups = {}
    for facet in facets:
        groups.setdefault(facet.name if selected.get(facet.name) else None, []).append(facet)
    counts = {}
    for skip, members in groups.items():
        initiatives = apply_filters(base, facets, selected, skip=skip).order_by()
        plain = [facet for facet in members if not facet.many]
        rows = list(initiatives.values_list("pk", *(facet.lookup for facet in plain)))
        for column, facet in enumerate(plain, start=1):
            counts[facet.name] = tally(row[column] for row in rows)
        ids = [row[0] for row in rows]
        for facet in members:
            if facet.many:
                counts[facet.name] = count_links(facet, ids, initiatives) if ids else {}
    return counts


def tally(values):
    """{key: number} of the non-empty ``values`` (one per initiative)."""
    counts = {}
    for value in values:
        if value not in (None, ""):
            counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


def count_links(facet, ids, initiatives):
    """{key: number of initiatives} of a many-to-many facet among ``ids`` (the ids of
    ``initiatives``): one GROUP BY on the link table. Link rows are unique per
    (initiative, term), so a plain COUNT by the term's id needs neither DISTINCT nor a
    join to the term table."""
    links = facet.through.objects.filter(among(ids, "initiativepage_id", initiatives))
    rows = links.values_list(f"{facet.term_field}_id").annotate(n=Count("*")).order_by()
    return {facet.key_by_id[term_id]: n for term_id, n in rows if term_id in facet.key_by_id}


def matching_profiles(locale, query, limit=5):
    """Members whose profile matches the text, shown above the initiatives."""
    from cityprofiles.models import CityProfilePage

    if not query:
        return []
    backend = backend_for(locale.language_code)
    profiles = CityProfilePage.objects.live().public().filter(locale=locale)
    return list(backend.search(query, profiles, operator="and")[:limit])
