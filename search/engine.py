"""Faceted full-text search over the initiatives of every language (docs/search.md).

From any language's page a query runs on the initiatives of every language, each matched
with its own language's stemming. Each initiative is listed once: in the reader's
language where it is translated, else in its source language (``readable``).

A query is cut into *spans* (``Search.spans``): the words that name a term of the
vocabulary in the reader's language (search/vocabulary.py) form one span each, the other
words one span together. An initiative matches when, for every span, one of its versions
matches the span's words or it is tagged with the span's term. The matches are one SQL
``WITH`` clause (``hrc_hits``, ``hrc_matched``) that the results, the counts and the
downloads share, so that match, filters, order and paging are one statement, and all the
facets' counts another, whatever the number of results.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Value
from wagtail.models import Page

from home import fallback, freshness, locales, privacy
from initiatives.models import InitiativePage

from .indexing import backend_for
from .vocabulary import find_spans, words_of

PAGE_SIZE = 20
# Generic backends (SQLite, OpenSearch) hand their matches to the statement as a list.
MAX_TEXT_MATCHES = 20_000
# What being tagged with a term the query names weighs against a text match (PostgreSQL's
# ts_rank of a title word is about 0.1), and how much the reader's own language is preferred.
TAG_RANK = 0.1
READER_LANGUAGE_BOOST = 1.5
# A member's own terms, for the members shown above the results.
PROFILE_LOOKUPS = {
    "theme": "themes__key",
    "right": "charter_rights__key",
    "pillar": "framework_pillars__key",
    "region": "region",
    "country": "country",
}


@dataclass
class Outcome:
    page: object
    total: int
    counts: dict = field(default_factory=dict)
    totals_without: dict = field(default_factory=dict)  # {active facet: total without it}
    finder: object = None


def private_q():
    """Pages under a view restriction (one query; reused by every part of a search)."""
    return privacy.private_q()


def readable(locale, model=InitiativePage, private=None):
    """One published version of each item: ``locale``'s where it exists, else its source
    (the site's one rule, home/fallback.py)."""
    private = private_q() if private is None else private
    return fallback.readable(model.objects.live().exclude(private).order_by(), locale)


def compiled(queryset):
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


class Search:
    """One search: the reader's ``locale``, the cleaned ``query``, ``facets`` and the
    ``selected`` filters; ``plain`` holds the vocabulary terms the reader took off."""

    def __init__(self, locale, query, facets, selected, plain=(), model=InitiativePage):
        self.locale = locale
        self.query = query
        self.facets = facets
        self.selected = selected
        self.model = model
        self.private = private_q()
        self.words = words_of(query)
        self.spans = find_spans(self.words, locale, plain) if self.words else []
        self.bridged = [term for span in self.spans for term in span.terms]

    @cached_property
    def locales(self):
        return locales.every()

    @cached_property
    def content_type_id(self):
        return ContentType.objects.get_for_model(self.model).pk

    def published(self):
        return self.model.objects.live().exclude(self.private).order_by()

    def published_sql(self, alias):
        """SQL: the page ``alias`` is live and outside every private section."""
        if self.private.children == [("pk__in", [])]:  # no view restriction anywhere
            return f"{alias}.live", []
        sql, params = compiled(Page.objects.filter(self.private).values("id").order_by())
        return f"{alias}.live AND {alias}.id NOT IN ({sql})", params

    # The matches ---------------------------------------------------------------------

    def span_parts(self):
        """[(words, terms)]: the words outside every term's span together, then each span."""
        inside = {i for span in self.spans for i in range(span.start, span.end)}
        rest = [word for i, word in enumerate(self.words) if i not in inside]
        parts = [(rest, [])] if rest else []
        parts += [(self.words[span.start : span.end], span.terms) for span in self.spans]
        return parts

    @cached_property
    def with_clause(self):
        """``WITH hrc_hits, hrc_matched, hrc_shown`` and its parameters; None without a
        query. ``hrc_shown`` has one row per matching item: its score and the id of the
        version shown (the reader's language, else the first written)."""
        if not self.words:
            return None
        hits, params = [], []
        parts = self.span_parts()
        for number, (words, terms) in enumerate(parts):
            sql, part_params = self.text_hits(words, number)
            hits.append(sql)
            params += part_params
            for term in terms:
                sql, part_params = self.tag_hits(term, number)
                hits.append(sql)
                params += part_params
        # One span needs no HAVING; PostgreSQL then also knows how many rows to expect.
        having = f" HAVING COUNT(*) = {len(parts):d}" if len(parts) > 1 else ""
        published, published_params = self.published_sql("p")
        sql = (
            f"WITH hrc_hits (item_key, span, score) AS ({' UNION ALL '.join(hits)}), "
            "hrc_matched (item_key, score) AS ("
            "SELECT item_key, SUM(best) FROM (SELECT item_key, span, MAX(score) AS best "
            f"FROM hrc_hits GROUP BY item_key, span) AS per_span GROUP BY item_key{having}), "
            # Two look-ups of the index of live versions (search/migrations/0002) rather
            # than sorting each item's versions: 20 instead of 23 ms over 2,000 matches.
            "hrc_shown (item_key, score, id) AS (SELECT m.item_key, m.score, COALESCE("
            "(SELECT p.id FROM wagtailcore_page p WHERE p.translation_key = m.item_key "
            f"AND p.locale_id = %s AND p.content_type_id = %s AND {published}), "
            "(SELECT MIN(p.id) FROM wagtailcore_page p WHERE p.translation_key = m.item_key "
            f"AND p.content_type_id = %s AND {published})) FROM hrc_matched m) "
        )
        shown_params = [self.locale.pk, self.content_type_id, *published_params]
        shown_params += [self.content_type_id, *published_params]
        return sql, params + shown_params

    def text_hits(self, words, span):
        """SQL giving (translation key, span, score) of every published version whose text
        matches all ``words``, each in its own language's configuration."""
        if connection.vendor == "postgresql" and self.uses_database_backend():
            return self.postgres_text_hits(words, span)
        return self.generic_text_hits(words, span)

    def uses_database_backend(self):
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        return isinstance(backend_for(self.locale.language_code), PostgresSearchBackend)

    def postgres_text_hits(self, words, span):
        configs = settings.SEARCH_LANGUAGE_CONFIGS
        locales = [loc for loc in self.locales if loc.language_code in configs]
        text = " & ".join("'{}'".format(w.replace("\\", "\\\\").replace("'", "''")) for w in words)
        own_language = " ".join("WHEN %s THEN to_tsquery(%s::regconfig, %s)" for _loc in locales)
        any_language = " || ".join("to_tsquery(%s::regconfig, %s)" for _loc in locales)
        published, published_params = self.published_sql("p")
        # The union of every language's query lets the GIN index (title || body) find the
        # candidates, read once; each is then matched with its own language's query.
        sql = (
            f"SELECT c.translation_key, {span:d}, "
            "ts_rank(c.title, c.query) * c.title_norm + ts_rank(c.body, c.query) FROM ("
            "SELECT p.translation_key, ie.title, ie.body, ie.title_norm, "
            f"CASE p.locale_id {own_language} END AS query "
            "FROM wagtailsearch_indexentry ie "
            "JOIN wagtailcore_page p ON p.id = CAST(ie.object_id AS integer) "
            f"WHERE ie.content_type_id = %s AND (ie.title || ie.body) @@ ({any_language}) "
            f"AND {published}) AS c WHERE (c.title || c.body) @@ c.query"
        )
        params = []
        for loc in locales:
            params += [loc.pk, configs[loc.language_code], text]
        params.append(self.content_type_id)
        for loc in locales:
            params += [configs[loc.language_code], text]
        return sql, params + published_params

    def generic_text_hits(self, words, span):
        """Each language's matches through its own backend alias, as a list of values."""
        key_field = self.model._meta.get_field("translation_key")
        rows = []
        for loc in self.locales:
            found = backend_for(loc.language_code).search(
                " ".join(words), self.published().filter(locale=loc), operator="and"
            )[:MAX_TEXT_MATCHES]
            keys = (
                found.get_queryset().values_list("translation_key", flat=True)
                if hasattr(found, "get_queryset")
                else [page.translation_key for page in found]
            )
            keys = list(keys)
            rows += [(key, 1.0 - position / (len(keys) + 1)) for position, key in enumerate(keys)]
        if not rows:
            return f"SELECT NULL, {span:d}, 0.0 WHERE 1 = 0", []
        values = ", ".join("(%s, %s)" for _row in rows)
        params = []
        for key, score in rows:
            params += [key_field.get_db_prep_value(key, connection), score]
        return f"SELECT column1, {span:d}, column2 FROM (VALUES {values}) AS found", params

    def tag_hits(self, term, span):
        """SQL giving (translation key, span, score) of every published item tagged with
        ``term`` (a member: its initiatives)."""
        sql, params = compiled(self.tagged(term).values("translation_key"))
        return f"SELECT tagged.translation_key, {span:d}, {TAG_RANK} FROM ({sql}) AS tagged", params

    def tagged(self, term):
        published = self.published()
        if term.kind == "member":
            if self.model is InitiativePage:
                return published.filter(city__translation_key=term.key)
            return published.filter(translation_key=term.key)
        if self.model is not InitiativePage:
            lookup = PROFILE_LOOKUPS.get(term.kind)
            return published.filter(**{lookup: term.key}) if lookup else published.none()
        facet = next((f for f in self.facets if f.name == term.kind), None)
        return facet.narrow(published, [term.key]) if facet else published.none()

    # What is shown, and counted ----------------------------------------------------

    def shown_sql(self):
        """SQL of (id, score) of the version of each matching item the reader is shown."""
        if self.words:
            return "SELECT id, score FROM hrc_shown", []
        readable_items = readable(self.locale, self.model, self.private).annotate(score=Value(0.0))
        return compiled(readable_items.values("id", "score").order_by())

    @cached_property
    def active(self):
        return [facet for facet in self.facets if self.selected.get(facet.name)]

    def base_clause(self):
        """``hrc_base``: every shown match, read once, with what ordering needs, each
        plain facet's value (``col_…``) and whether it passes each active filter
        (``pass_…``)."""
        flags = {
            f"pass_{facet.name}": ExpressionWrapper(
                facet.condition(self.selected[facet.name]), output_field=BooleanField()
            )
            for facet in self.active
        }
        columns = {f"col_{f.name}": f.column() for f in self.facets if not f.many}
        rows = (
            self.model.objects.annotate(**flags)
            .values("id", "locale_id", "title", "first_published_at", *flags, **columns)
            .order_by()
        )
        rows_sql, rows_params = compiled(rows)
        shown_sql, shown_params = self.shown_sql()
        sql = (
            f"hrc_base AS (SELECT b.*, s.score FROM ({rows_sql}) AS b "
            f"JOIN ({shown_sql}) AS s ON s.id = b.id)"
        )
        return sql, rows_params + shown_params

    def passing(self, skip=None):
        """SQL: the row of ``hrc_base`` b passes every active filter but ``skip``'s."""
        tests = [f"b.pass_{f.name}" for f in self.active if f.name != skip]
        return " AND ".join(tests) if tests else "1 = 1"

    def order_sql(self, sort):
        if sort == "az":
            return "b.title, b.id"
        if sort == "relevance" and self.words:
            return (
                f"b.score * CASE WHEN b.locale_id = {self.locale.pk:d} "
                f"THEN {READER_LANGUAGE_BOOST} ELSE 1 END DESC, b.id DESC"
            )
        return "b.first_published_at DESC NULLS LAST, b.id DESC"

    def count_branches(self):
        """SELECTs of (facet, value, number): each facet counts among the rows that pass
        every *other* active filter, a many-to-many facet through its link table; then
        the total without each active filter (``_without``)."""
        branches = []
        for facet in self.facets:
            if facet.many:
                link = facet.through._meta.db_table
                branches.append(
                    f"SELECT '{facet.name}', CAST(l.{facet.term_field}_id AS TEXT), COUNT(*), 0 "
                    f"FROM {link} l JOIN hrc_base b ON b.id = l.initiativepage_id "
                    f"WHERE {self.passing(facet.name)} GROUP BY l.{facet.term_field}_id"
                )
            else:
                branches.append(
                    f"SELECT '{facet.name}', CAST(b.col_{facet.name} AS TEXT), COUNT(*), 0 "
                    f"FROM hrc_base b WHERE {self.passing(facet.name)} GROUP BY b.col_{facet.name}"
                )
        branches += [
            f"SELECT '_without', '{facet.name}', COUNT(*), 0 FROM hrc_base b "
            f"WHERE {self.passing(facet.name)}"
            for facet in self.active
        ]
        return branches

    def run(self, sort, offset=0, limit=None, with_counts=False):
        """(ids of one page in the order of ``sort``, total, counts, totals without each
        active filter) in one statement: the query is matched once for all of them."""
        head, params = self.with_clause or ("", [])
        base_sql, base_params = self.base_clause()
        head = f"{head}, {base_sql} " if head else f"WITH {base_sql} "
        window = f"LIMIT {int(limit):d} OFFSET {int(offset):d}" if limit is not None else ""
        order = self.order_sql(sort)
        page = (
            "SELECT '_page', CAST(id AS TEXT), position, total FROM ("
            f"SELECT b.id, ROW_NUMBER() OVER (ORDER BY {order}) AS position, "
            f"COUNT(*) OVER () AS total FROM hrc_base b WHERE {self.passing()} "
            f"ORDER BY {order} {window}) AS hrc_page"
        )
        selects = [page, f"SELECT '_total', '', COUNT(*), 0 FROM hrc_base b WHERE {self.passing()}"]
        if with_counts:
            selects += self.count_branches()
        with connection.cursor() as cursor:
            cursor.execute(head + " UNION ALL ".join(selects), params + base_params)
            rows = cursor.fetchall()
        return self.read_rows(rows)

    def read_rows(self, rows):
        page, total = [], 0
        counts = {facet.name: {} for facet in self.facets}
        without = {}
        by_name = {facet.name: facet for facet in self.facets}
        for name, value, number, _extra in rows:
            if name == "_page":
                page.append((number, int(value)))
            elif name == "_total":
                total = number
            elif name == "_without":
                without[value] = number
            elif value not in (None, ""):
                facet = by_name[name]
                if facet.many:
                    value = facet.key_by_id.get(int(value))
                    if value is None:
                        continue
                counts[name][value] = counts[name].get(value, 0) + number
        ids = [pk for _position, pk in sorted(page)]
        return ids, total, counts, without

    def ordered_ids(self, sort, offset=0, limit=None):
        """(ids of one page in the order of ``sort``, total number of matches)."""
        ids, total, _counts, _without = self.run(sort, offset, limit)
        return ids, total

    def total(self):
        return self.run("az", 0, 0)[1]

    def counts(self):
        """({facet: {key: number of initiatives}}, {active facet: total without it})."""
        _ids, _total, counts, without = self.run("az", 0, 0, with_counts=True)
        return counts, without


class OrderedMatches:
    """Every match in the order of ``sort``, read a slice at a time (a Paginator's
    object list, or a download's): each slice is one statement, the length another."""

    def __init__(self, finder, sort):
        self.finder = finder
        self.sort = sort
        self._total = None

    def count(self):
        if self._total is None:
            self._total = self.finder.total()
        return self._total

    __len__ = count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("OrderedMatches are read by slices")
        start = index.start or 0
        limit = None if index.stop is None else max(0, index.stop - start)
        ids, self._total = self.finder.ordered_ids(self.sort, start, limit)
        return ids


def ordered_ids(locale, query, facets, selected, sort, plain=()):
    """The ids of every match, in the order of ``sort``, for the downloads and the API."""
    return OrderedMatches(Search(locale, query, facets, selected, plain), sort)


def search(locale, query, facets, selected, sort, page_number, page_size=PAGE_SIZE, plain=()):
    """One page of results (the initiatives, each in the language it is shown in), with
    the facets' counts: one statement, or two for a page past the end."""
    finder = Search(locale, query, facets, selected, plain)
    try:
        number = max(1, int(page_number))
    except (TypeError, ValueError):
        number = 1
    key = counts_key(finder)
    kept = cache.get(key)
    ids, total, counts, without = finder.run(
        sort, (number - 1) * page_size, page_size, with_counts=kept is None
    )
    if kept is None:
        cache.set(key, (counts, without), timeout=settings.SEARCH_COUNTS_CACHE_SECONDS)
    else:
        counts, without = kept
    if not ids and total and number > 1:
        # Past the end: the last page, as Paginator.get_page answers.
        number = -(-total // page_size)
        ids = finder.ordered_ids(sort, (number - 1) * page_size, page_size)[0]
    page = Paginator(range(total), page_size).get_page(number)
    by_id = InitiativePage.objects.select_related("locale").in_bulk(ids)
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return Outcome(page, total, counts, without, finder)


def counts_key(finder):
    """Where a search's counts are kept until the next publish: the same few searches (no
    words, one theme…) are asked again and again."""
    fingerprint = repr(
        (
            finder.locale.pk,
            finder.query,
            sorted((k, sorted(v)) for k, v in finder.selected.items()),
            sorted(term.token for term in finder.bridged),
        )
    )
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()
    return freshness.key("search:counts", digest, on=("catalogue",))


def matching_profiles(locale, query, plain=(), limit=5):
    """Members whose profile matches the query by the same rule as the initiatives (every
    language, once each, in the reader's language where translated)."""
    from cityprofiles.models import CityProfilePage

    if not query:
        return []
    finder = Search(locale, query, [], {}, plain, model=CityProfilePage)
    ids, _total = finder.ordered_ids("relevance", 0, limit)
    by_id = CityProfilePage.objects.select_related("locale").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
