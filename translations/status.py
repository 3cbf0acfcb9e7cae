"""Which translations exist, which are missing, which are out of date.

A translation is *out of date* when its source was changed after the translation was
last published (or, for a draft, last saved): the source's latest revision is newer.
This works for translations made with wagtail-localize's editor, with its PO files
and by hand alike. A translation that exists but was never published is a *draft*.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

MISSING, DRAFT, OUTDATED, CURRENT = "missing", "draft", "out-of-date", "up-to-date"
STATUS_LABELS = {
    MISSING: _("Missing"),
    DRAFT: _("Draft"),
    OUTDATED: _("Out of date"),
    CURRENT: _("Up to date"),
}

# The page types a visitor reads; structural pages (the site root) are left out.
REPORTED_PAGE_TYPES = [
    ("home", "homepage"),
    ("home", "standardpage"),
    ("cityprofiles", "cityindexpage"),
    ("cityprofiles", "cityprofilepage"),
    ("initiatives", "initiativepage"),
]


@dataclass
class Row:
    source: object
    kind: str
    city: str
    statuses: dict = field(default_factory=dict)  # language code -> status

    def status_list(self, languages):
        return [
            (code, self.statuses.get(code), STATUS_LABELS[self.statuses.get(code)])
            for code in languages
        ]


def languages():
    return [code for code, _name in settings.LANGUAGES]


def translation_status(source, translation):
    if translation is None:
        return MISSING
    if not translation.live:
        return DRAFT
    changed = source.latest_revision_created_at or source.last_published_at
    done = translation.last_published_at
    if changed and done and changed > done:
        return OUTDATED
    return CURRENT


def page_rows(page_type=None, city_key=None):
    """One row per page of the default language, with the status of each translation.
    Three queries whatever the number of pages."""
    from django.contrib.contenttypes.models import ContentType

    default = Locale.get_default()
    types = ContentType.objects.filter(
        app_label__in={app for app, _m in REPORTED_PAGE_TYPES},
        model__in={model for _a, model in REPORTED_PAGE_TYPES},
    )
    if page_type:
        types = types.filter(model=page_type)
    sources = Page.objects.filter(locale=default, content_type__in=types, alias_of__isnull=True)
    if city_key:
        from cityprofiles.models import CityProfilePage

        city = CityProfilePage.objects.filter(locale=default, member_key=city_key).first()
        sources = sources.filter(path__startswith=city.path) if city else sources.none()
    sources = list(sources.select_related("content_type").order_by("path"))
    translations = (
        Page.objects.filter(
            translation_key__in=[p.translation_key for p in sources], alias_of__isnull=True
        )
        .exclude(locale=default)
        .select_related("locale")
        .only("id", "translation_key", "locale", "live", "last_published_at")
    )
    by_key = {}
    for page in translations:
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    cities = {p.path: p.title for p in sources if p.content_type.model == "cityprofilepage"}
    profile_path_length = next((len(path) for path in cities), 0)
    rows = []
    for source in sources:
        city = cities.get(source.path[:profile_path_length], "") if profile_path_length else ""
        row = Row(source=source, kind=source.content_type.model, city=city)
        for code in languages():
            if code == default.language_code:
                continue
            row.statuses[code] = translation_status(
                source, by_key.get(source.translation_key, {}).get(code)
            )
        rows.append(row)
    return rows


def snippet_rows():
    """The taxonomy terms: which languages each is translated into."""
    from taxonomies.models import (
        CharterRight,
        FrameworkPillar,
        RightsHolderGroup,
        SustainableDevelopmentGoal,
        Theme,
        Wave,
    )

    default = Locale.get_default()
    rows = []
    for model in (
        Wave,
        Theme,
        CharterRight,
        FrameworkPillar,
        SustainableDevelopmentGoal,
        RightsHolderGroup,
    ):
        objects = list(model.objects.select_related("locale"))
        present = {}
        for obj in objects:
            present.setdefault(obj.translation_key, set()).add(obj.locale.language_code)
        for obj in objects:
            if obj.locale_id != default.pk:
                continue
            row = Row(source=obj, kind=model._meta.model_name, city="")
            for code in languages():
                if code != default.language_code:
                    row.statuses[code] = (
                        CURRENT if code in present[obj.translation_key] else MISSING
                    )
            rows.append(row)
    return rows


def summary(rows):
    """{language: {status: count}}"""
    counts = {}
    for row in rows:
        for code, status in row.statuses.items():
            counts.setdefault(code, {s: 0 for s in STATUS_LABELS})[status] += 1
    return counts
