"""The search's facets: what each filters on, and how its counts are made.

Every facet filters initiatives by a stable key (never a database id or a
translated name), so a filtered address means the same thing in every language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cityprofiles.choices import Region
from home import freshness
from initiatives.models import InitiativePage, InitiativeStatus
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
)


@dataclass
class Facet:
    name: str
    label: str
    lookup: str  # ORM lookup on InitiativePage that holds the key
    many: bool = False  # many-to-many: counted through the link table
    choices: list = None  # [(key, label in the visitor's language)]
    key_by_id: dict = None  # many-to-many only: {term id: key}, to count without a join

    @property
    def through(self):
        return getattr(InitiativePage, self.lookup.split("__")[0]).through

    @property
    def term_field(self):
        """The link table's column that points at the term (e.g. ``theme``)."""
        return next(
            f.name
            for f in self.through._meta.get_fields()
            if f.is_relation and f.related_model is not InitiativePage and f.name != "id"
        )

    def column(self):
        """The value a plain facet counts, as an expression on InitiativePage."""
        return F(self.lookup)

    def condition(self, values):
        """Q: an initiative has any of the keys in ``values``."""
        if self.many:
            # By the terms' ids (every language's row of each key): without a join to the
            # term table, PostgreSQL reads the link rows of those terms once.
            terms = [pk for pk, key in self.key_by_id.items() if key in values]
            linked = self.through.objects.filter(**{f"{self.term_field}_id__in": terms})
            return Q(pk__in=linked.values("initiativepage_id"))
        return Q(**{f"{self.lookup}__in": values})

    def narrow(self, initiatives, values):
        """``initiatives`` that have any of the keys in ``values``."""
        return initiatives.filter(self.condition(values))


YEARS = [(str(year), str(year)) for year in range(1950, 2101)]


def _by_name(rows):
    return sorted(((t.key, t.name) for t in rows), key=lambda item: item[1].casefold())


def _by_number(rows, label):
    return [(t.key, label(t)) for t in sorted(rows, key=lambda t: t.number)]


def term_choices(locale):
    """[(key, label)] of every vocabulary in ``locale``, cached until a term changes
    (cityprofiles/signals.py bumps the version on every term save)."""
    key = freshness.key("search:terms", locale.pk, on=("catalogue",))
    choices = cache.get(key)
    if choices is None:
        choices = {
            "theme": _by_name(Theme.objects.in_locale(locale)),
            "right": _by_number(
                CharterRight.objects.in_locale(locale), lambda r: f"{r.roman_numeral}. {r.name}"
            ),
            "pillar": _by_number(FrameworkPillar.objects.in_locale(locale), lambda p: p.name),
            "sdg": _by_number(SustainableDevelopmentGoal.objects.in_locale(locale), str),
            "group": _by_name(RightsHolderGroup.objects.in_locale(locale)),
            "wave": _by_number(Wave.objects.in_locale(locale), str),
            "ids": {
                name: dict(model.objects.values_list("pk", "key"))
                for name, model in [
                    ("theme", Theme),
                    ("right", CharterRight),
                    ("sdg", SustainableDevelopmentGoal),
                    ("group", RightsHolderGroup),
                ]
            },
        }
        cache.set(key, choices, timeout=24 * 3600)
    return choices


_COUNTRIES = {}


def country_choices():
    """Every country, named in the active language (sorted once per language)."""
    language = get_language()
    if language not in _COUNTRIES:
        _COUNTRIES[language] = list(countries)
    return _COUNTRIES[language]


def build_facets(locale):
    """The facets, with their choices in ``locale``."""
    terms = term_choices(locale)
    return [
        Facet(
            "theme",
            _("Theme"),
            "themes__key",
            many=True,
            choices=terms["theme"],
            key_by_id=terms["ids"]["theme"],
        ),
        Facet(
            "right",
            _("Charter-Agenda right"),
            "charter_rights__key",
            many=True,
            choices=terms["right"],
            key_by_id=terms["ids"]["right"],
        ),
        Facet(
            "pillar",
            _("Guidance Framework pillar"),
            "framework_pillar__key",
            choices=terms["pillar"],
        ),
        Facet(
            "sdg",
            _("Sustainable Development Goal"),
            "sdgs__key",
            many=True,
            choices=terms["sdg"],
            key_by_id=terms["ids"]["sdg"],
        ),
        Facet(
            "group",
            _("Rights-holders"),
            "rights_holder_groups__key",
            many=True,
            choices=terms["group"],
            key_by_id=terms["ids"]["group"],
        ),
        Facet("region", _("Region"), "city__region", choices=list(Region.choices)),
        Facet("country", _("Country"), "city__country", choices=country_choices()),
        Facet("wave", _("Wave"), "city__wave__key", choices=terms["wave"]),
        Facet("status", _("Status"), "status", choices=list(InitiativeStatus.choices)),
        Facet("year", _("Start year"), "start_year", choices=YEARS),
        Facet("written_in", _("Written in"), "locale__language_code", choices=LANGUAGES),
    ]


# Each language named in itself (settings.LANGUAGES): a reader looks for their own.
LANGUAGES = list(settings.WAGTAIL_CONTENT_LANGUAGES)
