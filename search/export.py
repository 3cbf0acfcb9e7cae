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
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from initiatives.models import InitiativePage

from . import download_limit, engine
from .labels import Labels

SCHEMA_VERSION = "2"
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
    """One column of a dataset: the CSV header, the JSON member, the JSON Schema property
    and the open-data page's data dictionary are all made from this, so they cannot drift."""

    name: str
    type: str  # JSON Schema type: "integer", "string", "array", or "string|null"…
    description: str
    format: str = ""  # JSON Schema format (uri, date-time), if any
    names: str = ""  # for a label column: the key column it gives the names of


def label_field(name, of, description):
    """A column of names in the download's language beside the column of keys ``of``."""
    kind = "array" if name.endswith("_labels") else "string|null"
    return Field(name, kind, description, names=of)


INITIATIVE_FIELDS = [
    Field("id", "integer", _("Page id of the initiative; stable for the life of the page.")),
    Field("url", "string", _("Absolute address of the initiative's page."), "uri"),
    Field("language", "string", _("Language of the texts: en, fr, es or ar.")),
    Field(
        "is_fallback",
        "boolean",
        _("True when shown in another language than the one asked: not translated into it."),
    ),
    Field("title", "string", _("Name of the initiative, in that language.")),
    Field("summary", "string", _("One paragraph: what the initiative does, for whom.")),
    Field("city", "string|null", _("Name of the member (city or territory) that leads it.")),
    Field("city_key", "string|null", _("Stable key of that member, e.g. barcelona-es.")),
    Field("country", "string|null", _("The member's country: ISO 3166-1 alpha-2 code.")),
    label_field("country_name", "country", _("Name of that country.")),
    Field("region", "string|null", _("The member's UCLG region: a key such as europe.")),
    label_field("region_label", "region", _("Name of that region.")),
    Field("wave", "string|null", _("Key of the campaign wave the member joined in: wave-1…")),
    label_field("wave_label", "wave", _("Name of that wave, with its year.")),
    Field("status", "string", _("planned, ongoing or completed.")),
    label_field("status_label", "status", _("That status in words.")),
    Field("start_year", "integer|null", _("Year the initiative started.")),
    Field("end_year", "integer|null", _("Year it ended or will end; empty if open-ended.")),
    Field("themes", "array", _("Keys of the campaign themes it addresses.")),
    label_field("theme_labels", "themes", _("Names of those themes, in the same order.")),
    Field("rights", "array", _("Keys of the Global Charter-Agenda rights it advances.")),
    label_field("right_labels", "rights", _("Names of those rights, in the same order.")),
    Field("pillar", "string|null", _("Key of its OHCHR–UCLG Guidance Framework pillar.")),
    label_field("pillar_label", "pillar", _("Name of that pillar.")),
    Field("sdgs", "array", _("Keys of the UN Sustainable Development Goals it contributes to.")),
    label_field("sdg_labels", "sdgs", _("Numbers and names of those goals, in the same order.")),
    Field("rights_holder_groups", "array", _("Keys of the groups of rights-holders it serves.")),
    label_field(
        "rights_holder_group_labels",
        "rights_holder_groups",
        _("Names of those groups, in the same order."),
    ),
    Field("partners", "array", _("Names of partner organisations, as the city gives them.")),
    Field("first_published_at", "string", _("When it was first published (UTC)."), "date-time"),
    Field("last_published_at", "string", _("When it was last published (UTC)."), "date-time"),
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
    """The download of the validated search, built in the request: limited per client
    (search/download_limit.py). A full download is served from its stored file before this
    is reached, where one is built (search/full_downloads.py)."""
    too_many = download_limit.refused(request)
    if too_many is not None:
        return too_many
    return initiatives_download(
        request, locale, query, facets, selected, sort, output, plain, limit
    )


def initiatives_download(
    request, locale, query, facets, selected, sort, output, plain=(), limit=MAX_ROWS
):
    """Every initiative matching the validated search (at most ``limit``), as a CSV or JSON
    download. A longer result is cut, and says so: ``truncated`` in JSON, and the
    ``X-Export-Truncated`` and ``X-Total-Count`` headers of both. The worker builds the full
    downloads' files with this very function, so a file and the view cannot differ."""
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
    response["Access-Control-Expose-Headers"] = (
        "Link, X-License, X-Total-Count, X-Export-Truncated, X-Data-Version, X-Data-Built-At, "
        "X-Data-Stale"
    )
    return response


def initiative_records(ids, locale, request):
    """The records (``INITIATIVE_FIELDS``) of the initiatives ``ids``, in that order.

    Twelve queries whatever the number of ids (six of them the names of the keys in
    ``locale``'s language). Callers pass ids that came from
    ``engine.published_initiatives``: this function does not filter again.
    """
    ids = list(ids)
    if not ids:
        return []
    rows = {row["id"]: row for row in InitiativePage.objects.filter(pk__in=ids).values(*COLUMNS)}
    links = {name: keys_by_page(InitiativePage, relation, ids) for name, relation in LINKED.items()}
    labels = Labels(locale)
    records = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:  # deleted between the two queries
            continue
        themes = links["themes"].get(pk, [])
        rights = links["rights"].get(pk, [])
        sdgs = links["sdgs"].get(pk, [])
        groups = links["rights_holder_groups"].get(pk, [])
        records.append(
            {
                "id": pk,
                "url": absolute_url(row["url_path"], request),
                "language": row["locale__language_code"],
                "is_fallback": row["locale__language_code"] != locale.language_code,
                "title": row["title"],
                "summary": row["summary"],
                "city": row["city__title"],
                "city_key": row["city__member_key"] or None,
                "country": row["city__country"] or None,
                "country_name": labels.country(row["city__country"]),
                "region": row["city__region"] or None,
                "region_label": labels.choice("region", row["city__region"]),
                "wave": row["city__wave__key"],
                "wave_label": labels.wave(row["city__wave__key"]),
                "status": row["status"],
                "status_label": labels.choice("status", row["status"]),
                "start_year": row["start_year"],
                "end_year": row["end_year"],
                "themes": themes,
                "theme_labels": labels.terms_of("themes", themes),
                "rights": rights,
                "right_labels": labels.terms_of("rights", rights),
                "pillar": row["framework_pillar__key"],
                "pillar_label": labels.term("pillars", row["framework_pillar__key"]),
                "sdgs": sdgs,
                "sdg_labels": labels.terms_of("sdgs", sdgs),
                "rights_holder_groups": groups,
                "rights_holder_group_labels": labels.terms_of("rights_holder_groups", groups),
                "partners": [line.strip() for line in row["partners"].splitlines() if line.strip()],
                "first_published_at": timestamp(row["first_published_at"]),
                "last_published_at": timestamp(row["last_published_at"]),
            }
        )
    return records


def keys_by_page(model, relation, ids):
    """{page id: sorted term keys} through the link table of ``model.relation``: one query."""
    field = model._meta.get_field(relation)
    page_column = f"{field.m2m_field_name()}_id"
    pairs = field.remote_field.through.objects.filter(**{f"{page_column}__in": ids}).values_list(
        page_column, f"{field.m2m_reverse_field_name()}__key"
    )
    keys = {}
    for page_id, key in pairs:
        keys.setdefault(page_id, []).append(key)
    return {page_id: sorted(values) for page_id, values in keys.items()}


def absolute_url(url_path, request):
    """The page's address as Wagtail builds it. ``Page.get_url`` only reads ``url_path``
    and the site root paths (cached on the request), so an unsaved Page carrying the
    url_path gives the address without loading the page: no query per row."""
    url = Page(url_path=url_path).get_url(request=request)
    return request.build_absolute_uri(url) if url else None


def timestamp(value):
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


def csv_response(records, locale, fields=INITIATIVE_FIELDS, dataset="initiatives"):
    """UTF-8 with a byte-order mark, so that spreadsheets read accents and Arabic right.
    List fields are joined with ";" (keys never contain one), except partners, whose
    names may: they keep one name per line inside the cell."""
    names = [field.name for field in fields]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(names)
    for record in records:
        if "partners" in record:
            record = dict(record, partners="\n".join(record["partners"]))
        writer.writerow([csv_cell(record[name]) for name in names])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset}-{locale.language_code}.csv"'
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
