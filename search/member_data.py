"""The members dataset: every published member profile once, as CSV or JSON, with the
names of its keys in the reader's language beside the keys.

A member is shown in the reader's language where it is translated, else in its source
language (the first of its language versions to be made), marked by ``language`` and
``is_fallback``: the site's "reader's language or its source" rule, written here in a few
lines until the shared module of that rule exists. Only live pages without a view
restriction are read, and their published values (a draft's changes live in revisions,
never in these columns). Eleven queries whatever the number of members.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cityprofiles.directory import sort_key
from cityprofiles.models import CityProfilePage
from home import fallback, privacy

from .export import (
    LICENSE,
    SCHEMA_VERSION,
    Field,
    absolute_url,
    csv_response,
    keys_by_page,
    label_field,
    open_data_headers,
    timestamp,
)
from .labels import Labels

MEMBER_DOWNLOAD_FIELDS = [
    Field("id", "integer", _("Page id of the member's profile in the language shown.")),
    Field("url", "string", _("Absolute address of the member's profile."), "uri"),
    Field("language", "string", _("Language the member is shown in: en, fr, es or ar.")),
    Field(
        "is_fallback",
        "boolean",
        _("True when shown in its source language: not yet translated into the one asked."),
    ),
    Field("name", "string", _("Name of the member, in that language.")),
    Field("member_key", "string|null", _("Stable key of the member, e.g. barcelona-es.")),
    Field("country", "string|null", _("ISO 3166-1 alpha-2 code; empty for global partners.")),
    label_field("country_name", "country", _("Name of that country.")),
    Field("region", "string|null", _("UCLG region key, e.g. europe.")),
    label_field("region_label", "region", _("Name of that region.")),
    Field("wave", "string|null", _("Key of the campaign wave the member joined in.")),
    label_field("wave_label", "wave", _("Name of that wave, with its year.")),
    Field(
        "year_joined",
        "integer|null",
        _("Year the member joined: of its date of joining, else of its wave."),
    ),
    Field("member_type", "string", _("government or civil-society partner.")),
    label_field("member_type_label", "member_type", _("That type of member in words.")),
    Field("government_type", "string|null", _("Key of the type of government, if any.")),
    label_field("government_type_label", "government_type", _("That type in words.")),
    Field("population_band", "string|null", _("Key of the band of its population, if given.")),
    label_field("population_band_label", "population_band", _("That band in words.")),
    Field("website", "string|null", _("The government's own website."), "uri"),
    Field("latitude", "number|null", _("Latitude in decimal degrees (WGS 84).")),
    Field("longitude", "number|null", _("Longitude in decimal degrees (WGS 84).")),
    Field("themes", "array", _("Keys of the themes the member commits to.")),
    label_field("theme_labels", "themes", _("Names of those themes, in the same order.")),
    Field("rights", "array", _("Keys of the Global Charter-Agenda rights it commits to.")),
    label_field("right_labels", "rights", _("Names of those rights, in the same order.")),
    Field("pillars", "array", _("Keys of the Guidance Framework pillars it works on.")),
    label_field("pillar_labels", "pillars", _("Names of those pillars, in the same order.")),
    Field("first_published_at", "string", _("When it was first published (UTC)."), "date-time"),
    Field("last_published_at", "string", _("When it was last published (UTC)."), "date-time"),
]
MEMBER_DOWNLOAD_NAMES = [field.name for field in MEMBER_DOWNLOAD_FIELDS]

COLUMNS = [
    "id",
    "translation_key",
    "locale_id",
    "locale__language_code",
    "url_path",
    "title",
    "member_key",
    "country",
    "region",
    "wave__key",
    "wave__year",
    "joined_on",
    "member_type",
    "government_type",
    "population_band",
    "website",
    "latitude",
    "longitude",
    "first_published_at",
    "last_published_at",
]
LINKED = {"themes": "themes", "rights": "charter_rights", "pillars": "framework_pillars"}


def shown_profiles(locale):
    """The values of each published, public member profile once: in ``locale`` where
    translated, else its source (home/fallback.py, the site's one rule)."""
    published = privacy.public(CityProfilePage.objects.live())
    rows = fallback.readable(published, locale).values(*COLUMNS)
    return sorted(rows, key=lambda row: (sort_key(row["title"]), row["id"]))


def member_records(locale, request):
    """The records (``MEMBER_DOWNLOAD_FIELDS``) of every published member, by name."""
    rows = shown_profiles(locale)
    ids = [row["id"] for row in rows]
    links = {name: keys_by_page(CityProfilePage, rel, ids) for name, rel in LINKED.items()}
    labels = Labels(locale, vocabularies=("themes", "rights", "pillars"))
    records = []
    for row in rows:
        pk = row["id"]
        themes = links["themes"].get(pk, [])
        rights = links["rights"].get(pk, [])
        pillars = links["pillars"].get(pk, [])
        joined = row["joined_on"].year if row["joined_on"] else row["wave__year"]
        records.append(
            {
                "id": pk,
                "url": absolute_url(row["url_path"], request),
                "language": row["locale__language_code"],
                "is_fallback": row["locale_id"] != locale.pk,
                "name": row["title"],
                "member_key": row["member_key"] or None,
                "country": row["country"] or None,
                "country_name": labels.country(row["country"]),
                "region": row["region"] or None,
                "region_label": labels.choice("region", row["region"]),
                "wave": row["wave__key"],
                "wave_label": labels.wave(row["wave__key"]),
                "year_joined": joined,
                "member_type": row["member_type"],
                "member_type_label": labels.choice("member_type", row["member_type"]),
                "government_type": row["government_type"] or None,
                "government_type_label": labels.choice("government_type", row["government_type"]),
                "population_band": row["population_band"] or None,
                "population_band_label": labels.choice("population_band", row["population_band"]),
                "website": row["website"] or None,
                "latitude": float(row["latitude"]) if row["latitude"] is not None else None,
                "longitude": float(row["longitude"]) if row["longitude"] is not None else None,
                "themes": themes,
                "theme_labels": labels.terms_of("themes", themes),
                "rights": rights,
                "right_labels": labels.terms_of("rights", rights),
                "pillars": pillars,
                "pillar_labels": labels.terms_of("pillars", pillars),
                "first_published_at": timestamp(row["first_published_at"]),
                "last_published_at": timestamp(row["last_published_at"]),
            }
        )
    return records


def members_response(request, locale, output):
    """The members dataset as a CSV or JSON download (``output`` already validated)."""
    records = member_records(locale, request)
    if output == "csv":
        response = csv_response(records, locale, MEMBER_DOWNLOAD_FIELDS, "members")
    else:
        document = {
            "schema": request.build_absolute_uri(reverse("open_data:schema")),
            "schema_version": SCHEMA_VERSION,
            "license": LICENSE,
            "language": locale.language_code,
            "count": len(records),
            "results": records,
        }
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'inline; filename="members-{locale.language_code}.json"'
    response["X-Total-Count"] = str(len(records))
    response["Content-Language"] = locale.language_code
    return open_data_headers(response)
