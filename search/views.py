"""The public search: /<language>/search/."""

import logging

from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from cityprofiles.models import CityProfilePage
from home import fallback, locales
from home.addresses import clean_query, filter_chips
from taxonomies.models import Theme

from . import engine
from .facets import build_facets
from .forms import SearchForm
from .highlight import snippet
from .suggest import did_you_mean
from .tasks import count_search

logger = logging.getLogger(__name__)
DESCRIPTION = _(
    "Search the key human-rights initiatives of the campaign's members, in every language, "
    "by theme, right, region and Sustainable Development Goal."
)
# Fewer results than this and the search proposes another spelling.
FEW_RESULTS = 3


def search_view(request):
    locale = locales.active()
    facets = build_facets(locale)
    # An empty parameter (`?region=`, from an older address) means no filter, not an error.
    form = SearchForm(clean_query(request.GET, drop=()), facets=facets)
    if not form.is_valid():
        return render(
            request,
            "search/search.html",
            {"form": form, "invalid": True, "facets": [], "query": ""},
            status=400,
        )
    query = form.cleaned_data["q"]
    selected = form.selected
    plain = form.cleaned_data["plain"]
    sort = form.cleaned_data.get("sort") or ("relevance" if query else "newest")
    output = form.cleaned_data.get("format") or "html"
    if output != "html":
        from .export import export_response
        from .full_downloads import serve

        # Every initiative, no filter: the stored file, built once per change by the worker.
        full = not (query or selected or plain or form.cleaned_data.get("sort"))
        stored = serve(request, "initiatives", locale, output) if full else None
        return stored or export_response(
            request, locale, query, facets, selected, sort, output, plain
        )

    outcome = engine.search(
        locale, query, facets, selected, sort, form.cleaned_data["page"] or 1, plain=plain
    )
    results = decorate(outcome.page.object_list, locale, query, request)
    promoted = []
    if query and outcome.page.number == 1:
        record_search(query)
        promoted = [
            pick.page.specific
            for pick in SearchPromotion.objects.filter(
                query__query_string=normalise_query_string(query)
            ).select_related("page")
            if pick.page.live and pick.page.locale_id == locale.pk
        ]
    active_count = sum(len(values) for values in selected.values()) + bool(query)
    params = address_params(request.GET)
    options = facet_options(facets, outcome.counts, selected)
    response = render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "sort": sort,
            "results": results,
            "results_page": outcome.page,
            "total": outcome.total,
            "facets": options,
            "chips": selected_chips(options, params),
            "selected": selected,
            "promoted": promoted,
            "profiles": in_reader_site(
                engine.matching_profiles(locale, query, plain), locale, request
            )
            if query
            else [],
            "bridged": bridged_chips(outcome.finder, params),
            "without": filters_to_remove(outcome, facets, selected, params),
            "noindex": active_count > 1 or outcome.page.number > 1 or "sort" in request.GET,
            "querystring": params.urlencode(),
            "sorts": sort_choices(query),
            "page_locale_id": locale.pk,
            "page_dir": "rtl" if get_language_info(locale.language_code)["bidi"] else "ltr",
            "suggestion": suggestion(query, outcome.total, params),
            "explicit_sort": form.cleaned_data.get("sort") or "",
            "meta_description": DESCRIPTION,
        },
    )
    if query and outcome.page.number == 1:
        # Served again from the page cache, the search is still counted (on_served_again).
        response.page_cache_notes = {"search_query": query}
    return response


def address_params(get):
    """The query string of this search without paging, format and empty values (an
    address a reader can share)."""
    return clean_query(get, drop=("page", "format"))


def selected_chips(options, params):
    """The chosen facet values as removable chips, in the order of the facets."""
    return filter_chips(
        params,
        [
            (facet["name"], option["value"], facet["label"], option["label"])
            for facet in options
            for option in facet["options"]
            if option["selected"]
        ],
    )


def suggestion(query, total, params):
    """“Did you mean …?” for a query with few or no results: the query with its unknown
    words replaced by the closest words of the site, and that search's address."""
    if not query or total >= FEW_RESULTS:
        return None
    proposal = did_you_mean(query)
    if not proposal:
        return None
    address = params.copy()
    address["q"] = proposal
    address.pop("sort", None)
    return {"query": proposal, "address": address.urlencode()}


def sort_choices(query):
    """The sort menu. Its first choice, sent empty, is the default: relevance with words,
    newest without. So the first search typed on the empty page is ranked by relevance."""
    if query:
        return [("", _("Relevance")), ("newest", _("Newest")), ("az", _("A–Z"))]
    return [("", _("Newest")), ("az", _("A–Z"))]


def bridged_chips(finder, params):
    """The vocabulary terms the query's words were read as ("Theme: Logement"), each with
    the address of the same search without it (its words then searched as words only)."""
    labels = {facet.name: facet.label for facet in finder.facets}
    labels["member"] = _("Member")
    chips = []
    for term in finder.bridged:
        without = params.copy()
        without.setlist("plain", [*params.getlist("plain"), term.token])
        chips.append(
            {
                "kind": labels.get(term.kind, term.kind),
                "label": term.label,
                "remove": without.urlencode(),
            }
        )
    return chips


def filters_to_remove(outcome, facets, selected, params):
    """For a search with no result: each active filter, with how many initiatives the
    search would find without it."""
    if outcome.total:
        return []
    rows = []
    for facet in facets:
        if facet.name in selected and outcome.totals_without.get(facet.name):
            without = params.copy()
            del without[facet.name]
            rows.append(
                {
                    "label": facet.label,
                    "count": outcome.totals_without[facet.name],
                    "address": without.urlencode(),
                }
            )
    return rows


def record_search(query):
    """Count a search in Wagtail's query log (the editors' “popular searches”): queued for
    the worker (search/tasks.py), the request only adds a row to the task queue."""
    count_search.enqueue(query)


def on_served_again(sender, request, notes, **kwargs):
    if "search_query" not in notes:
        return
    try:
        record_search(notes["search_query"])
    except DatabaseError:
        # The page itself needs no database: while PostgreSQL is away, serve it uncounted.
        logger.warning("Search not counted (database unavailable): %r", notes["search_query"])


def facet_options(facets, counts, selected):
    options = []
    for facet in facets:
        chosen = set(selected.get(facet.name, []))
        values = counts.get(facet.name, {})
        labels = dict(facet.choices)
        if facet.name == "country":
            labels = {code: Country(code).name for code in values} | {
                code: Country(code).name for code in chosen
            }
        rows = [
            {
                "value": key,
                "label": labels.get(key, key),
                "count": values.get(key, 0),
                "selected": key in chosen,
            }
            for key in (
                labels if facet.name != "country" else sorted(labels, key=lambda c: labels[c])
            )
            if values.get(key) or key in chosen
        ]
        if facet.name == "year":
            rows.sort(key=lambda row: row["value"], reverse=True)
        options.append({"name": facet.name, "label": facet.label, "options": rows})
    return options


def in_reader_site(pages, locale, request):
    """Pages (read with their locale) marked and given their address in the reader's site."""
    codes = {page.locale_id: page.locale.language_code for page in pages}
    return fallback.in_reader_language(pages, locale.language_code, request, codes)


def decorate(initiatives, locale, query, request=None):
    """City, themes in the visitor's language, a highlighted snippet, the address in the
    visitor's site (``reader_url``, home/fallback.py) and, for an item shown in another
    language, that language (its badge, ``lang`` and ``dir``): four queries."""
    if not initiatives:
        return []
    ids = [item.pk for item in initiatives]
    through = type(initiatives[0]).themes.through
    links = through.objects.filter(initiativepage_id__in=ids).values_list(
        "initiativepage_id", "theme__translation_key"
    )
    theme_names = {t.translation_key: t for t in Theme.objects.in_locale(locale)}
    by_page = {}
    for page_id, key in links:
        if key in theme_names:
            by_page.setdefault(page_id, []).append(theme_names[key])
    cities = {item.city_id for item in initiatives}
    city_by_id = (
        CityProfilePage.objects.filter(pk__in=cities).only("id", "title", "country").in_bulk()
    )
    decorated = []
    for item in initiatives:
        item.city_cached = city_by_id.get(item.city_id)
        item.theme_list = sorted(by_page.get(item.pk, []), key=lambda t: t.name.casefold())
        item.snippet = snippet(item.summary, query)
        decorated.append(item)
    return in_reader_site(decorated, locale, request)
