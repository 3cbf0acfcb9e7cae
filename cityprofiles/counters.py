"""Live member counters for the home page, computed from published profiles.

A member counts once, whatever the number of languages its profile exists in.
Numbers are never typed in by hand.
"""

from home import fallback, privacy
from taxonomies.models import Wave, terms_by_translation_key

from .choices import Region
from .models import CityProfilePage

MILESTONES = (10, 100, 1000)


def member_counters(locale):
    rows = (
        CityProfilePage.objects.live()
        .exclude(privacy.private_q())
        .values_list("translation_key", "wave__translation_key", "region")
        .distinct()
    )
    members = {}
    for translation_key, wave_key, region in rows:
        members[translation_key] = (wave_key, region)
    waves = terms_by_translation_key(Wave, locale)
    by_wave = {}
    by_region = {}
    for wave_key, region in members.values():
        if wave_key:
            by_wave[wave_key] = by_wave.get(wave_key, 0) + 1
        if region:
            by_region[region] = by_region.get(region, 0) + 1
    total = len(members)
    return {
        "total": total,
        "milestones": [
            {
                "target": target,
                "reached": total >= target,
                "percent": min(100, round(100 * total / target)),
            }
            for target in MILESTONES
        ],
        "next_milestone": next((t for t in MILESTONES if total < t), None),
        "by_wave": [
            {"wave": wave, "count": by_wave.get(key, 0)}
            for key, wave in sorted(waves.items(), key=lambda item: item[1].number)
        ],
        "by_region": [
            {"key": value, "label": label, "count": by_region[value]}
            for value, label in Region.choices
            if by_region.get(value)
        ],
    }


def featured_profiles(home_page, locale, request):
    """The home page's featured members, each in the visitor's language where translated,
    else in its source language, at its address in the visitor's site (home/fallback.py)."""
    chosen = list(home_page.featured_members.select_related("profile").order_by("sort_order"))
    keys = [item.profile.translation_key for item in chosen if item.profile_id]
    versions = {}
    for page in (
        CityProfilePage.objects.live()
        .exclude(privacy.private_q())
        .filter(translation_key__in=keys)
        .select_related("locale")
    ):
        versions.setdefault(page.translation_key, []).append(page)
    shown = [
        fallback.pick(versions[key], locale.pk) for key in dict.fromkeys(keys) if key in versions
    ]
    codes = {page.locale_id: page.locale.language_code for page in shown}
    return fallback.in_reader_language(shown, locale.language_code, request, codes)
