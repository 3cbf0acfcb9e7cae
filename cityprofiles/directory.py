"""The members directory: filters, counts per filter value, A–Z and map data.

A Django form validates the query string; the member rows (one per member, in the
visitor's language or else its source language, home/fallback.py) are loaded in a
fixed number of queries and filtered and counted in memory, which at 1,000
members costs a few milliseconds and keeps the query count constant.

A member is listed under a theme, right, pillar or goal when it names the term itself
or one of its published initiatives (in any language) does.
"""

import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import Country
from wagtail.images import get_image_model

from home import fallback, freshness, locales, privacy, renditions
from home.addresses import address, clean_query, filter_chips
from home.process_copies import current_copy
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
    terms_by_translation_key,
)

from .choices import GovernmentType, MemberType, Region
from .member_index import MemberIndex
from .models import CityIndexPage, CityProfilePage
from .profile import map_tiles

PAGE_SIZE = 48
LOGO_FILTER = "fill-96x96"
FILTERS = [
    "region",
    "country",
    "wave",
    "member_type",
    "government_type",
    "theme",
    "right",
    "pillar",
    "sdg",
]
# Filters with one value per member, each the Member attribute of the same name.
SINGLE_VALUED = {"letter", "region", "country", "wave", "member_type", "government_type"}
# Filters on many-to-many links: a member matches when any of its terms has the key.
SET_FILTERS = {"theme": "themes", "right": "rights", "pillar": "pillars", "sdg": "sdgs"}
# The terms of a member's initiatives, by the initiative's relation to each vocabulary.
INITIATIVE_TERMS = {
    "themes": "themes__key",
    "rights": "charter_rights__key",
    "pillars": "framework_pillar__key",
    "sdgs": "sdgs__key",
}


@dataclass
class Member:
    """One row of the directory: a member in the best language available."""

    page_id: int
    title: str
    slug: str
    locale_id: int
    language: str
    is_fallback: bool
    region: str
    country: str
    wave: str
    member_type: str
    government_type: str
    latitude: float | None
    longitude: float | None
    summary: str
    logo_id: int | None
    themes: set = field(default_factory=set)
    rights: set = field(default_factory=set)
    pillars: set = field(default_factory=set)
    sdgs: set = field(default_factory=set)
    logo: object = None
    url: str = ""
    reader: str = ""  # the language the directory is read in

    @property
    def shown(self):
        return fallback.ContentLanguage(self.language, self.reader)

    @property
    def letter(self):
        return initial_letter(self.title)

    @property
    def country_name(self):
        return Country(self.country).name if self.country else ""

    @property
    def region_label(self):
        return Region(self.region).label if self.region in Region.values else ""

    def values(self, dimension):
        if dimension in SET_FILTERS:
            return getattr(self, SET_FILTERS[dimension])
        value = self.value(dimension)
        return [value] if value else []

    def value(self, dimension):
        if dimension not in SINGLE_VALUED:
            raise KeyError(dimension)
        return getattr(self, dimension)


def initial_letter(title):
    """The letter a title is listed under: accents removed, so "Île" goes under I."""
    stripped = unicodedata.normalize("NFKD", title.strip())
    for char in stripped:
        if char.isalnum():
            return char.upper()
    return "#"


def sort_key(title):
    decomposed = unicodedata.normalize("NFKD", title)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class DirectoryFilterForm(forms.Form):
    """Validates the directory's query string. Unknown values are errors, never ORM input."""

    region = forms.ChoiceField(required=False, choices=[("", "")] + Region.choices)
    country = forms.ChoiceField(required=False, choices=[("", "")] + list(countries))
    wave = forms.ChoiceField(required=False)
    member_type = forms.ChoiceField(required=False, choices=[("", "")] + MemberType.choices)
    government_type = forms.ChoiceField(required=False, choices=[("", "")] + GovernmentType.choices)
    theme = forms.ChoiceField(required=False)
    right = forms.ChoiceField(required=False)
    pillar = forms.ChoiceField(required=False)
    sdg = forms.ChoiceField(required=False)
    letter = forms.CharField(required=False, max_length=1)
    page = forms.CharField(required=False, max_length=10)

    def __init__(self, *args, waves, themes, rights, pillars, sdgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].choices = [("", "")] + [(w.key, str(w)) for w in waves]
        self.fields["theme"].choices = [("", "")] + [(t.key, t.name) for t in themes]
        self.fields["right"].choices = [("", "")] + [(r.key, r.name) for r in rights]
        self.fields["pillar"].choices = [("", "")] + [(p.key, p.name) for p in pillars]
        self.fields["sdg"].choices = [("", "")] + [(g.key, str(g)) for g in sdgs]


PROFILE_COLUMNS = [
    "id",
    "translation_key",
    "locale_id",
    "locale__language_code",
    "title",
    "slug",
    "region",
    "country",
    "wave__key",
    "member_type",
    "government_type",
    "latitude",
    "longitude",
    "summary",
    "logo_id",
]


def member_rows(locale):
    """Every published member once, in ``locale`` where translated, else in its source
    language. Cached until the catalogue changes (home/freshness.py); each process
    keeps its copy while it is current (home/process_copies.py)."""
    return member_index(locale).members


def member_index(locale):
    """The member rows of ``locale`` indexed by filter value (member_index.py), built by
    each process once per version of the rows."""
    key = freshness.key("directory:members", locale.pk, on=("catalogue",))
    return current_copy(
        key,
        lambda: _load_member_rows(locale),
        derive=lambda members: MemberIndex(members, FILTERS + ["letter"]),
    )


def _load_member_rows(locale):
    live = privacy.public(CityProfilePage.objects.live())
    rows = [
        dict(zip(PROFILE_COLUMNS, row, strict=True))
        for row in fallback.readable(live, locale).values_list(*PROFILE_COLUMNS)
    ]
    ids = [values["id"] for values in rows]
    term_keys = {
        "themes": _keys_by_page(CityProfilePage.themes.through, "theme", ids, Theme),
        "rights": _keys_by_page(
            CityProfilePage.charter_rights.through, "charterright", ids, CharterRight
        ),
        "pillars": _keys_by_page(
            CityProfilePage.framework_pillars.through, "frameworkpillar", ids, FrameworkPillar
        ),
        "sdgs": {},
    }
    from_initiatives = _keys_by_member_initiatives()
    for values in rows:
        derived = from_initiatives.get(values["translation_key"], {})
        for name, keys in derived.items():
            term_keys[name][values["id"]] = term_keys[name].get(values["id"], set()) | keys
    members = [
        Member(
            page_id=values["id"],
            title=values["title"],
            slug=values["slug"],
            locale_id=values["locale_id"],
            language=values["locale__language_code"],
            is_fallback=values["locale_id"] != locale.pk,
            region=values["region"],
            country=values["country"] or "",
            wave=values["wave__key"] or "",
            member_type=values["member_type"],
            government_type=values["government_type"],
            latitude=float(values["latitude"]) if values["latitude"] is not None else None,
            longitude=float(values["longitude"]) if values["longitude"] is not None else None,
            summary=values["summary"],
            logo_id=values["logo_id"],
            themes=term_keys["themes"].get(values["id"], set()),
            rights=term_keys["rights"].get(values["id"], set()),
            pillars=term_keys["pillars"].get(values["id"], set()),
            sdgs=term_keys["sdgs"].get(values["id"], set()),
            reader=locale.language_code,
        )
        for values in rows
    ]
    members.sort(key=lambda m: sort_key(m.title))
    return members


def _keys_by_page(through, term_field, page_ids, term_model):
    key_of = dict(term_model.objects.values_list("pk", "key"))
    keys = {}
    pairs = through.objects.filter(cityprofilepage_id__in=page_ids).values_list(
        "cityprofilepage_id", f"{term_field}_id"
    )
    for page_id, term_id in pairs:
        keys.setdefault(page_id, set()).add(key_of[term_id])
    return keys


def _keys_by_member_initiatives():
    """{member translation_key: {"themes": {key…}, "rights": …, "pillars": …, "sdgs": …}}
    from the published initiatives of every language, one query per vocabulary.

    The initiative model is reached through its link to profiles rather than imported:
    the initiatives app builds on this one, not the other way round."""
    initiatives = CityProfilePage._meta.get_field("initiatives").related_model
    published = privacy.public(initiatives.objects.live())
    # By the profile's id, mapped to its translation key once: joining every initiative to
    # its profile and reading thousands of keys as UUIDs cost more than the terms.
    member_keys = dict(CityProfilePage.objects.values_list("pk", "translation_key"))
    found = {}
    for name, lookup in INITIATIVE_TERMS.items():
        pairs = (
            published.filter(**{f"{lookup}__isnull": False})
            .values_list("city_id", lookup)
            .distinct()
            .order_by()
        )
        for city_id, term_key in pairs:
            member_key = member_keys.get(city_id)
            if member_key is not None:
                found.setdefault(member_key, {}).setdefault(name, set()).add(term_key)
    return found


def add_urls(members, locale, request):
    """Set each member's address: the reader's directory's address plus its slug, also for
    a member not translated into the reader's language (the directory serves it there in
    its source language, home/fallback.py), so no query or tree walk per member."""
    directories = {
        directory.locale_id: directory.get_url(request=request)
        for directory in CityIndexPage.objects.live().only(
            "id", "url_path", "locale_id", "path", "depth"
        )
    }
    reader = directories.get(locale.pk)
    for member in members:
        base = reader or directories.get(member.locale_id)
        member.url = f"{base}{member.slug}/" if base else ""


def build_facets(counts, filters, waves, themes, rights, pillars, sdgs):
    """Facet options with their labels, in the visitor's language, ordered for reading."""

    def options(name, labelled):
        selected = filters.get(name) or ""
        result = [
            {
                "value": value,
                "label": label,
                "count": counts[name].get(value, 0),
                "selected": value == selected,
            }
            for value, label in labelled
            if counts[name].get(value) or value == selected
        ]
        return result

    country_codes = sorted(counts["country"], key=lambda code: sort_key(Country(code).name))
    return [
        {"name": "region", "label": _("Region"), "options": options("region", Region.choices)},
        {
            "name": "country",
            "label": _("Country"),
            "options": options("country", [(c, Country(c).name) for c in country_codes]),
        },
        {
            "name": "wave",
            "label": _("Wave"),
            "options": options(
                "wave",
                [
                    (w.key, f"{w} · {w.slogan}" if w.slogan else str(w))
                    for w in sorted(waves, key=lambda w: w.number)
                ],
            ),
        },
        {
            "name": "member_type",
            "label": _("Member type"),
            "options": options("member_type", MemberType.choices),
        },
        {
            "name": "government_type",
            "label": _("Type of government"),
            "options": options("government_type", GovernmentType.choices),
        },
        {
            "name": "theme",
            "label": _("Theme"),
            "options": options("theme", [(t.key, t.name) for t in themes]),
        },
        {
            "name": "right",
            "label": _("Charter-Agenda right"),
            "options": options("right", [(r.key, f"{r.roman_numeral}. {r.name}") for r in rights]),
        },
        {
            "name": "pillar",
            "label": _("Guidance Framework pillar"),
            "options": options("pillar", [(p.key, p.name) for p in pillars]),
        },
        {
            "name": "sdg",
            "label": _("Sustainable Development Goal"),
            "options": options("sdg", [(g.key, str(g)) for g in sdgs]),
        },
    ]


def filtered_members(request):
    """The reader's member index (member_index.py), the filter form, whether it is valid,
    the active filters and the vocabularies' terms in the reader's language."""
    locale = locales.active()
    index = member_index(locale)
    waves = list(terms_by_translation_key(Wave, locale).values())
    themes = sorted(
        terms_by_translation_key(Theme, locale).values(), key=lambda t: sort_key(t.name)
    )
    rights = sorted(terms_by_translation_key(CharterRight, locale).values(), key=lambda r: r.number)
    pillars = sorted(
        terms_by_translation_key(FrameworkPillar, locale).values(), key=lambda p: p.number
    )
    sdgs = sorted(
        terms_by_translation_key(SustainableDevelopmentGoal, locale).values(),
        key=lambda g: g.number,
    )
    form = DirectoryFilterForm(
        request.GET, waves=waves, themes=themes, rights=rights, pillars=pillars, sdgs=sdgs
    )
    valid = form.is_valid()
    filters = (
        {name: form.cleaned_data.get(name, "") for name in FILTERS + ["letter"]} if valid else {}
    )
    terms = {"waves": waves, "themes": themes, "rights": rights, "pillars": pillars, "sdgs": sdgs}
    return index, form, valid, filters, terms


def directory_context(request):
    index, form, valid, filters, terms = filtered_members(request)
    if not valid:
        return {
            "filter_errors": form.errors,
            "members_page": None,
            "facets": [],
            "letters": [],
            "total_members": len(index.members),
            "status": 404,
        }
    results = index.matching(filters)
    facets = build_facets(index.counts(filters, FILTERS), filters, **terms)
    letters = sorted(index.values("letter", filters), key=sort_key)
    paginator = Paginator(results, PAGE_SIZE)
    members_page = paginator.get_page(form.cleaned_data.get("page") or 1)
    add_urls(members_page.object_list, locales.active(), request)
    _attach_logos(members_page.object_list)
    active = {name: value for name, value in filters.items() if value}
    selected_wave = next((w for w in terms["waves"] if w.key == filters.get("wave")), None)
    query = clean_query(request.GET)
    return {
        "members_page": members_page,
        "chips": directory_chips(facets, filters, query),
        "letter_links": letter_links(letters, query),
        "facets": facets,
        "letters": letters,
        "active_filters": active,
        "selected_wave": selected_wave,
        "result_count": len(results),
        "total_members": len(index.members),
        "querystring": query.urlencode(),
        "noindex": len(active) > 1 or members_page.number > 1,
        "map_tiles": map_tiles(),
        "map_url": f"?{query.urlencode()}&format=map" if query else "?format=map",
    }


def _attach_logos(members):
    ids = [m.logo_id for m in members if m.logo_id]
    if not ids:
        return
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(LOGO_FILTER)
    by_id = {image.pk: image for image in images}
    for member in members:
        image = by_id.get(member.logo_id)
        if image is not None:
            member.logo = renditions.rendition(image, LOGO_FILTER)


def map_json_response(request):
    """Coordinates of the filtered members, for the directory's map."""
    index, form, valid, filters, _terms = filtered_members(request)
    if not valid:
        return JsonResponse({"error": "invalid filter", "fields": list(form.errors)}, status=400)
    shown = [m for m in index.matching(filters) if m.latitude is not None]
    add_urls(shown, locales.active(), request)
    features = [
        {
            "name": m.title,
            "url": m.url,
            "lat": m.latitude,
            "lng": m.longitude,
            "country": m.country_name,
        }
        for m in shown
    ]
    response = JsonResponse({"language": get_language(), "members": features})
    response["Cache-Control"] = "public, max-age=300"
    return response


def directory_chips(facets, filters, query):
    """The active filters as removable chips, in the order of the filter form."""
    chosen = [
        (facet["name"], option["value"], facet["label"], option["label"])
        for facet in facets
        for option in facet["options"]
        if option["selected"]
    ]
    if filters.get("letter"):
        chosen.append(("letter", filters["letter"], _("First letter"), filters["letter"]))
    return filter_chips(query, chosen)


def letter_links(letters, query):
    """The A–Z links: each keeps the other filters, none keeps the page number."""
    without = query.copy()
    without.pop("letter", None)
    links = [{"letter": "", "url": address(without)}]
    for letter in letters:
        with_letter = without.copy()
        with_letter["letter"] = letter
        links.append({"letter": letter, "url": address(with_letter)})
    return links
