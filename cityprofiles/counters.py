"""Live member counters for the home page, computed from published profiles.

A member counts once, whatever the number of languages its profile exists in.
Numbers are never typed in by hand.
"""

from taxonomies.models import Wave, terms_by_translation_key

from .choices import Region
from .models import CityProfilePage

MILESTONES = (10, 100, 1000)


def member_counters(locale):
    rows = (
        CityProfilePage.objects.live()
        .public()
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
    """The home page's featured members, in the visitor's language where translated, else in
    the default language, else in the language of the profile chosen (a member that joined in
    French and is not translated yet)."""
    from django.db.models import Q
    from wagtail.models import Locale

    chosen = list(home_page.featured_members.select_related("profile").order_by("sort_order"))
    keys = [item.profile.translation_key for item in chosen if item.profile_id]
    default = Locale.get_default()
    candidates = (
        CityProfilePage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .filter(Q(locale__in=[locale, default]) | Q(pk__in=[i.profile_id for i in chosen]))
        .select_related("locale")
    )
    preference = {locale.pk: 0, default.pk: 1}
    best = {}
    for page in candidates:
        current = best.get(page.translation_key)
        if current is None or preference.get(page.locale_id, 2) < preference.get(
            current.locale_id, 2
        ):
            best[page.translation_key] = page
    return [best[key] for key in keys if key in best]
