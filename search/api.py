"""A small read-only JSON API of the campaign's members and initiatives, at /api/v1/.

- ``/api/v1/initiatives/`` — the public search's results: same filters, validated by the
  same ``SearchForm`` and run by the same ``engine`` functions, in the records of the
  downloads (``export.INITIATIVE_FIELDS``).
- ``/api/v1/members/`` — the members directory: same ``DirectoryFilterForm``, same cached
  member rows and ``matches`` (cityprofiles/directory.py).
- ``/api/v1/schema/`` — the JSON Schema of both records and of the JSON downloads
  (initiatives from the search, members from the open-data page).

Only published pages without a view restriction are ever read (``live().public()`` in the
functions reused). Invalid input of any kind is a 400 with a JSON body, a page past the
end a 404, any method but GET and HEAD a 405. Documented in docs/open-data.md.
"""

import functools

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from cityprofiles.directory import FILTERS as MEMBER_FILTERS
from cityprofiles.directory import add_urls, filtered_members
from cityprofiles.models import CityProfilePage
from home import privacy

from . import engine
from .export import (
    INITIATIVE_FIELDS,
    LICENSE,
    SCHEMA_VERSION,
    Field,
    initiative_records,
    json_schema_of,
    open_data_headers,
)
from .facets import build_facets
from .forms import SearchForm
from .member_data import MEMBER_DOWNLOAD_FIELDS

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGING = ["language", "page", "page_size"]

MEMBER_FIELDS = [
    Field("id", "integer", "Page id of the member's profile in the language shown."),
    Field("url", "string", "Absolute address of the member's profile.", "uri"),
    Field("language", "string", "Language the member is shown in: en, fr, es or ar."),
    Field("name", "string", "Name of the member, in that language."),
    Field("member_key", "string|null", "Stable key of the member, e.g. barcelona-es."),
    Field("country", "string|null", "ISO 3166-1 alpha-2 code; null for global partners."),
    Field("region", "string|null", "UCLG region key, e.g. europe."),
    Field("wave", "string|null", "Key of the campaign wave the member joined in."),
    Field("member_type", "string", "government or civil-society partner."),
    Field("government_type", "string|null", "Key of the type of government, if any."),
    Field("latitude", "number|null", "Latitude in decimal degrees (WGS 84)."),
    Field("longitude", "number|null", "Longitude in decimal degrees (WGS 84)."),
    Field("themes", "array", "Keys of the themes the member commits to."),
    Field("rights", "array", "Keys of the Global Charter-Agenda rights it commits to."),
    Field("pillars", "array", "Keys of the Guidance Framework pillars it works on."),
    Field(
        "is_fallback",
        "boolean",
        "True when shown in its source language because not translated into the one asked.",
    ),
]


class ApiError(Exception):
    def __init__(self, status, message, fields=None):
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields or {}


class LanguageForm(forms.Form):
    language = forms.ChoiceField(required=False, choices=settings.WAGTAIL_CONTENT_LANGUAGES)


class PagingForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


def endpoint(view):
    """GET and HEAD only; ``ApiError`` becomes a JSON answer; the open-data headers."""

    @csrf_exempt  # nothing here changes anything; other methods get a 405, not a 403
    @functools.wraps(view)
    def wrapper(request):
        if request.method not in ("GET", "HEAD"):
            response = _error_response(ApiError(405, _("Only GET and HEAD are allowed.")))
            response["Allow"] = "GET, HEAD"
        else:
            try:
                response = view(request)
            except ApiError as error:
                response = _error_response(error)
        # These addresses have no language prefix. On a 404, LocaleMiddleware would try the
        # address under /<language>/ (which Wagtail's catch-all route accepts) and redirect
        # there; it looks for language prefixes in the request's URLconf, so give it this
        # module's, which has none.
        request.urlconf = __name__
        return open_data_headers(response)

    return wrapper


def _error_response(error):
    return JsonResponse({"error": error.message, "fields": error.fields}, status=error.status)


def _field_errors(form):
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _locale(request):
    """The locale of the ``language`` parameter (the default language without one)."""
    form = LanguageForm(request.GET)
    errors = {} if form.is_valid() else _field_errors(form)
    if len(request.GET.getlist("language")) > 1:
        errors.setdefault("language", []).append(_("Give this parameter only once."))
    if not errors:
        code = form.cleaned_data["language"] or settings.LANGUAGE_CODE
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            return locale
        errors["language"] = [_("There is no content in this language yet.")]
    raise ApiError(400, _("Invalid parameters."), errors)


def _paging(request, filter_names, single):
    """The page number and size. Unknown parameters are refused (a mistyped filter must
    not silently give everything), and so are repeated ones that take one value."""
    form = PagingForm(request.GET)
    errors = {} if form.is_valid() else _field_errors(form)
    for name in request.GET:
        if name not in PAGING and name not in filter_names:
            errors.setdefault(name, []).append(_("Unknown parameter."))
        elif len(request.GET.getlist(name)) > 1 and (name in PAGING or name in single):
            errors.setdefault(name, []).append(_("Give this parameter only once."))
    if errors:
        raise ApiError(400, _("Invalid parameters."), errors)
    return form.cleaned_data["page"] or 1, form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE


def _page_of(items, number, page_size):
    paginator = Paginator(items, page_size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            404,
            _("There is no page %(number)s.") % {"number": number},
            {"page": [_("The last page is %(last)s.") % {"last": paginator.num_pages}]},
        ) from None
    return paginator, page


def _listing(request, paginator, page, page_size, results):
    def address(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "page_size": page_size,
            "next": address(page.next_page_number()) if page.has_next() else None,
            "previous": address(page.previous_page_number()) if page.has_previous() else None,
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@endpoint
def initiatives(request):
    """Published initiatives, filtered and ordered like the search: every language, each
    once, in the language asked where translated (``written_in`` limits the languages)."""
    locale = _locale(request)
    with translation.override(locale.language_code):
        facets = build_facets(locale)
        names = ["q", "sort", "plain"] + [facet.name for facet in facets]
        number, page_size = _paging(request, names, single=["q", "sort"])
        params = request.GET.copy()
        params.pop("page", None)  # validated above, as a number
        form = SearchForm(params, facets=facets)
        if not form.is_valid():
            raise ApiError(400, _("Invalid parameters."), _field_errors(form))
        query = form.cleaned_data["q"]
        sort = form.cleaned_data.get("sort") or ("relevance" if query else "newest")
        ids = engine.ordered_ids(
            locale, query, facets, form.selected, sort, form.cleaned_data["plain"]
        )
        paginator, page = _page_of(ids, number, page_size)
        results = initiative_records(page.object_list, locale, request)
        response = _listing(request, paginator, page, page_size, results)
    response["Content-Language"] = locale.language_code
    return response


@endpoint
def members(request):
    """Published members, each once: in the language asked where translated, else in its
    source language (``is_fallback``), filtered like the members directory."""
    locale = _locale(request)
    with translation.override(locale.language_code):
        number, page_size = _paging(request, MEMBER_FILTERS, single=MEMBER_FILTERS)
        index, form, valid, filters, _terms = filtered_members(request)
        if not valid:
            raise ApiError(400, _("Invalid parameters."), _field_errors(form))
        # The rows are cached until a profile changes; a view restriction added since is not
        # such a change, so what is public is read again here (one query).
        public = dict(
            privacy.public(CityProfilePage.objects.live()).values_list("pk", "member_key")
        )
        found = [m for m in index.matching(filters) if m.page_id in public]
        paginator, page = _page_of(found, number, page_size)
        shown = list(page.object_list)
        add_urls(shown, locale, request)
        results = [member_record(member, public, request) for member in shown]
        response = _listing(request, paginator, page, page_size, results)
    response["Content-Language"] = locale.language_code
    return response


def member_record(member, keys, request):
    return {
        "id": member.page_id,
        "url": request.build_absolute_uri(member.url) if member.url else None,
        "language": member.language,
        "name": member.title,
        "member_key": keys.get(member.page_id) or None,
        "country": member.country or None,
        "region": member.region or None,
        "wave": member.wave or None,
        "member_type": member.member_type,
        "government_type": member.government_type or None,
        "latitude": member.latitude,
        "longitude": member.longitude,
        "themes": sorted(member.themes),
        "rights": sorted(member.rights),
        "pillars": sorted(member.pillars),
        "is_fallback": member.is_fallback,
    }


@endpoint
def schema(request):
    """JSON Schema of the records, of the API's listings and of the JSON download."""
    initiative = json_schema_of(INITIATIVE_FIELDS)
    member = json_schema_of(MEMBER_FIELDS)
    listing = {
        "count": {"type": "integer"},
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "next": {"type": ["string", "null"], "format": "uri"},
        "previous": {"type": ["string", "null"], "format": "uri"},
    }
    return JsonResponse(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": request.build_absolute_uri(),
            "title": "Human Rights Cities open data",
            "version": SCHEMA_VERSION,
            "license": LICENSE,
            "$defs": {
                "initiative": initiative,
                "member": member,
                "initiatives_page": _listing_schema(listing, "initiative"),
                "members_page": _listing_schema(listing, "member"),
                "member_download": json_schema_of(MEMBER_DOWNLOAD_FIELDS),
                "members_download": {
                    "type": "object",
                    "properties": {
                        "schema": {"type": "string", "format": "uri"},
                        "schema_version": {"const": SCHEMA_VERSION},
                        "license": {"type": "object"},
                        "language": {"type": "string"},
                        "count": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/$defs/member_download"},
                        },
                    },
                },
                "initiatives_download": {
                    "type": "object",
                    "properties": {
                        "schema": {"type": "string", "format": "uri"},
                        "schema_version": {"const": SCHEMA_VERSION},
                        "license": {"type": "object"},
                        "language": {"type": "string"},
                        "query": {"type": "object"},
                        "count": {"type": "integer"},
                        "truncated": {"type": "boolean"},
                        "results": {"type": "array", "items": {"$ref": "#/$defs/initiative"}},
                    },
                },
            },
        }
    )


def _listing_schema(listing, record):
    return {
        "type": "object",
        "properties": {
            **listing,
            "results": {"type": "array", "items": {"$ref": f"#/$defs/{record}"}},
        },
    }


app_name = "open_data"
urlpatterns = [
    path("initiatives/", initiatives, name="initiatives"),
    path("members/", members, name="members"),
    path("schema/", schema, name="schema"),
]
