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
SOURCE = "source"  # the language a page was written in
SOURCE_LABEL = _("Source")
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
    language: str = settings.LANGUAGE_CODE  # the source's

    def status_list(self, languages):
        return [
            (code, SOURCE, SOURCE_LABEL)
            if code == self.language
            else (code, self.statuses.get(code), STATUS_LABELS[self.statuses.get(code)])
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
    """One row per page, whatever language it was written in (a member that joined in
    French: its French page), with the status of each other language. Three queries
    whatever the number of pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    types = ContentType.objects.filter(
        app_label__in={app for app, _m in REPORTED_PAGE_TYPES},
        model__in={model for _a, model in REPORTED_PAGE_TYPES},
    )
    profiles = list(
        Page.objects.filter(
            content_type__app_label="cityprofiles", content_type__model="cityprofilepage"
        ).values_list("path", "title")
    )
    if page_type:
        types = types.filter(model=page_type)
    pages = Page.objects.filter(content_type__in=types, alias_of__isnull=True)
    if city_key:
        from cityprofiles.models import CityProfilePage

        paths = CityProfilePage.objects.filter(member_key=city_key).values_list("path", flat=True)
        under = Q(pk__in=[])
        for path in paths:
            under |= Q(path__startswith=path)
        pages = pages.filter(under)
    pages = pages.select_related("content_type", "locale").order_by("path")
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    # The member a page belongs to: the profile above it, in its own language's tree.
    profile_path_length = len(profiles[0][0]) if profiles else 0
    city_by_path = dict(profiles)
    rows = []
    for versions in by_key.values():
        # A translation is always made after what it translates, by hand or through
        # wagtail-localize, even from a translation: the first written is the source.
        code = min(versions, key=lambda language: versions[language].pk)
        source = versions[code]
        city = city_by_path.get(source.path[:profile_path_length], "")
        row = Row(source=source, kind=source.content_type.model, city=city, language=code)
        for target in languages():
            if target != code:
                row.statuses[target] = translation_status(source, versions.get(target))
        rows.append(row)
    rows.sort(key=lambda row: row.source.path)
    return rows


def snippet_rows():
    """The taxonomy terms: which languages each is translated into."""
    from taxonomies.models import TAXONOMY_MODELS

    default = Locale.get_default()
    rows = []
    for model in TAXONOMY_MODELS:
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
