"""The public search: /<language>/search/."""

import logging

from django.db import DatabaseError
from django.shortcuts import render
from django_countries.fields import Country
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale

from cityprofiles.models import CityProfilePage
from taxonomies.models import Theme

from . import engine
from .facets import build_facets
from .forms import SearchForm
from .highlight import snippet

logger = logging.getLogger(__name__)


def search_view(request):
    locale = Locale.get_active()
    facets = build_facets(locale)
    form = SearchForm(request.GET, facets=facets)
    if not form.is_valid():
        return render(
            request,
            "search/search.html",
            {"form": form, "invalid": True, "facets": [], "query": ""},
            status=400,
        )
    query = form.cleaned_data["q"]
    selected = form.selected
    sort = form.cleaned_data.get("sort") or ("relevance" if query else "newest")
    output = form.cleaned_data.get("format") or "html"
    if output != "html":
        from .export import export_response

        return export_response(request, locale, query, facets, selected, sort, output)

    outcome = engine.search(locale, query, facets, selected, sort, form.cleaned_data["page"] or 1)
    results = decorate(outcome.page.object_list, locale, query)
    promoted = []
    if query and outcome.page.number == 1:
        logged = record_search(query)
        promoted = [
            pick.page.specific
            for pick in logged.editors_picks.select_related("page")
            if pick.page.live and pick.page.locale_id == locale.pk
        ]
    active_count = sum(len(values) for values in selected.values()) + bool(query)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
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
            "facets": facet_options(facets, outcome.counts, selected),
            "selected": selected,
            "promoted": promoted,
            "profiles": engine.matching_profiles(locale, query) if query else [],
            "noindex": active_count > 1 or outcome.page.number > 1 or "sort" in request.GET,
            "querystring": params.urlencode(),
            "sorts": form.fields["sort"].choices,
        },
    )
    if query and outcome.page.number == 1:
        # Served again from the page cache, the search is still counted (on_served_again).
        response.page_cache_notes = {"search_query": query}
    return response


def record_search(query):
    """Count a search in Wagtail's query log (the editors' “popular searches”)."""
    logged = Query.get(query)
    logged.add_hit()
    return logged


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


def decorate(initiatives, locale, query):
    """City, themes in the visitor's language and a highlighted snippet, in two queries."""
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
    return decorated
