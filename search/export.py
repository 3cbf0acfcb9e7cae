"""Downloads of the search's results as CSV and JSON: the campaign's open data on initiatives.

``/<lang>/search/?…&format=csv`` (or ``json``) gives *every* initiative the search
matches, not one page of it, up to ``MAX_ROWS``. Matching and ordering are the search's
own (``engine.ordered_ids``), so a download always holds what the page lists.

The fields are a stable, versioned schema (``SCHEMA_VERSION``; ``INITIATIVE_FIELDS``),
documented in docs/open-data.md and served as JSON Schema at ``/api/v1/schema/``. The
read-only API (search/api.py) returns the same records. Records are read as plain values
and through the link tables, in a fixed number of queries whatever the number of rows.
"""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from initiatives.models import InitiativePage

from . import engine

SCHEMA_VERSION = "1"
MAX_ROWS = 10_000
CACHE_SECONDS = 300

LICENSE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights",
}

# Cells a spreadsheet would read as a formula (or a command, with DDE) start with one of
# these; a leading apostrophe makes them text. See OWASP, "CSV Injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # JSON Schema type: "integer", "string", "array", or "string|null"…
    description: str
    format: str = ""  # JSON Schema format (uri, date-time), if any


INITIATIVE_FIELDS = [
    Field("id", "integer", "Page id of the initiative; stable for the life of the page."),
    Field("url", "string", "Absolute address of the initiative's page.", "uri"),
    Field("language", "string", "Language of the texts: en, fr, es or ar."),
    Field(
        "is_fallback",
        "boolean",
        "True when shown in another language than the one asked: not translated into it.",
    ),
    Field("title", "string", "Name of the initiative, in that language."),
    Field("summary", "string", "One paragraph: what the initiative does, for whom."),
    Field("city", "string|null", "Name of the member (city or territory) that leads it."),
    Field("city_key", "string|null", "Stable key of that member, e.g. barcelona-es."),
    Field("country", "string|null", "The member's country: ISO 3166-1 alpha-2 code."),
    Field("region", "string|null", "The member's UCLG region: a key such as europe."),
    Field("wave", "string|null", "Key of the campaign wave the member joined in: wave-1…"),
    Field("status", "string", "planned, ongoing or completed."),
    Field("start_year", "integer|null", "Year the initiative started."),
    Field("end_year", "integer|null", "Year it ended or will end; null if open-ended."),
    Field("themes", "array", "Keys of the campaign themes it addresses."),
    Field("rights", "array", "Keys of the Global Charter-Agenda rights it advances."),
    Field("pillar", "string|null", "Key of its OHCHR–UCLG Guidance Framework pillar."),
    Field("sdgs", "array", "Keys of the UN Sustainable Development Goals it contributes to."),
    Field("rights_holder_groups", "array", "Keys of the groups of rights-holders it serves."),
    Field("partners", "array", "Names of partner organisations, as the city gives them."),
    Field("first_published_at", "string", "When it was first published (UTC).", "date-time"),
    Field("last_published_at", "string", "When it was last published (UTC).", "date-time"),
]
FIELD_NAMES = [field.name for field in INITIATIVE_FIELDS]

# Values read in one query, and the many-to-many links read one query each.
COLUMNS = [
    "id",
    "locale__language_code",
    "url_path",
    "title",
    "summary",
    "status",
    "start_year",
    "end_year",
    "partners",
    "first_published_at",
    "last_published_at",
    "city__title",
    "city__member_key",
    "city__country",
    "city__region",
    "city__wave__key",
    "framework_pillar__key",
]
LINKED = {
    "themes": "themes",
    "rights": "charter_rights",
    "sdgs": "sdgs",
    "rights_holder_groups": "rights_holder_groups",
}


def export_response(
    request, locale, query, facets, selected, sort, output, plain=(), limit=MAX_ROWS
):
    """Every initiative matching the validated search (at most ``limit``), as a CSV or JSON
    download. A longer result is cut, and says so: ``truncated`` in JSON, and the
    ``X-Export-Truncated`` and ``X-Total-Count`` headers of both."""
    ids = engine.ordered_ids(locale, query, facets, selected, sort, plain)
    kept = ids[:limit]
    total = ids.count()
    truncated = total > limit
    records = initiative_records(kept, locale, request)
    if output == "csv":
        response = csv_response(records, locale)
    else:
        document = {
            "schema": request.build_absolute_uri(reverse("open_data:schema")),
            "schema_version": SCHEMA_VERSION,
            "license": LICENSE,
            "language": locale.language_code,
            "query": {
                "q": query,
                "sort": sort,
                **{facet.name: selected.get(facet.name, []) for facet in facets},
                "plain": list(plain),
            },
            "count": total,
            "truncated": truncated,
            "results": records,
        }
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = (
            f'inline; filename="initiatives-{locale.language_code}.json"'
        )
    response["X-Total-Count"] = str(total)
    response["X-Export-Truncated"] = "true" if truncated else "false"
    response["Content-Language"] = locale.language_code
    return open_data_headers(response)


def open_data_headers(response):
    """What every download and API answer carries: caching, licence, CORS, noindex."""
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    response["X-Robots-Tag"] = "noindex"
    response["X-License"] = (
        f"{LICENSE['name']}; {LICENSE['url']}; attribution: " + (LICENSE["attribution"])
    )
    response["Link"] = f'<{LICENSE["url"]}>; rel="license"'
    # Read-only public data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Link, X-License, X-Total-Count, X-Export-Truncated"
    return response


def initiative_records(ids, locale, request):
    """The records (``INITIATIVE_FIELDS``) of the initiatives ``ids``, in that order.

    Six queries whatever the number of ids. Callers pass ids that came from
    ``engine.published_initiatives``: this function does not filter again.
    """
    ids = list(ids)
    if not ids:
        return []
    rows = {row["id"]: row for row in InitiativePage.objects.filter(pk__in=ids).values(*COLUMNS)}
    links = {name: _keys_by_initiative(relation, ids) for name, relation in LINKED.items()}
    records = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:  # deleted between the two queries
            continue
        records.append(
            {
                "id": pk,
                "url": _absolute_url(row["url_path"], request),
                "language": row["locale__language_code"],
                "is_fallback": row["locale__language_code"] != locale.language_code,
                "title": row["title"],
                "summary": row["summary"],
                "city": row["city__title"],
                "city_key": row["city__member_key"] or None,
                "country": row["city__country"] or None,
                "region": row["city__region"] or None,
                "wave": row["city__wave__key"],
                "status": row["status"],
                "start_year": row["start_year"],
                "end_year": row["end_year"],
                "themes": links["themes"].get(pk, []),
                "rights": links["rights"].get(pk, []),
                "pillar": row["framework_pillar__key"],
                "sdgs": links["sdgs"].get(pk, []),
                "rights_holder_groups": links["rights_holder_groups"].get(pk, []),
                "partners": [line.strip() for line in row["partners"].splitlines() if line.strip()],
                "first_published_at": _timestamp(row["first_published_at"]),
                "last_published_at": _timestamp(row["last_published_at"]),
            }
        )
    return records


def _keys_by_initiative(relation, ids):
    """{initiative id: sorted term keys} through the link table of ``relation``: one query."""
    field = InitiativePage._meta.get_field(relation)
    page_column = f"{field.m2m_field_name()}_id"
    pairs = field.remote_field.through.objects.filter(**{f"{page_column}__in": ids}).values_list(
        page_column, f"{field.m2m_reverse_field_name()}__key"
    )
    keys = {}
    for page_id, key in pairs:
        keys.setdefault(page_id, []).append(key)
    return {page_id: sorted(values) for page_id, values in keys.items()}


def _absolute_url(url_path, request):
    """The page's address as Wagtail builds it. ``Page.get_url`` only reads ``url_path``
    and the site root paths (cached on the request), so an unsaved Page carrying the
    url_path gives the address without loading the page: no query per row."""
    url = Page(url_path=url_path).get_url(request=request)
    return request.build_absolute_uri(url) if url else None


def _timestamp(value):
    return value.isoformat(timespec="seconds") if value else None


# --- CSV ---------------------------------------------------------------------------------


def csv_cell(value):
    """One CSV cell: lists joined, nothing a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(records, locale):
    """UTF-8 with a byte-order mark, so that spreadsheets read accents and Arabic right.
    List fields are joined with ";" (keys never contain one), except partners, whose
    names may: they keep one name per line inside the cell."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(FIELD_NAMES)
    for record in records:
        row = dict(record, partners="\n".join(record["partners"]))
        writer.writerow([csv_cell(row[name]) for name in FIELD_NAMES])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="initiatives-{locale.language_code}.csv"'
    )
    return response


# --- JSON Schema -------------------------------------------------------------------------


def json_schema_of(fields):
    """A JSON Schema (draft 2020-12) object for records made of ``fields``."""
    properties = {}
    for field in fields:
        kinds = field.type.split("|")
        prop = {"type": kinds[0] if len(kinds) == 1 else kinds, "description": field.description}
        if field.format:
            prop["format"] = field.format
        if field.type == "array":
            prop["items"] = {"type": "string"}
        properties[field.name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [field.name for field in fields],
        "additionalProperties": False,
    }
