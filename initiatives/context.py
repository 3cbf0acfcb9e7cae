"""What an initiative page shows besides its own fields, in a fixed number of queries.

The stories about it are added by the stories app (the ``initiative_sections`` hook), so
that this app does not import it back.
"""

from django.db.models import Q
from django.urls import reverse
from wagtail import hooks

from cityprofiles.models import CityProfilePage
from home import fallback, privacy
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
)
from taxonomies.terms import by_pk, linked

RELATED_COUNT = 4


def initiative_context(page, request, reader_locale=None):
    locale = reader_locale or page.locale
    city = member_in_reader_language(page, request, locale)
    wave = next(iter(by_pk(Wave, locale, [city.wave_id])), None) if city else None
    # Read by iterating: a draft's relations are in-memory querysets, which cannot look up
    # "pk" (taxonomies/terms.py, linked()).
    theme_ids = [theme.pk for theme in page.themes.all()]
    right_ids = [right.pk for right in page.charter_rights.all()]
    pillar = next(iter(by_pk(FrameworkPillar, locale, [page.framework_pillar_id])), None)
    links = linked(
        locale,
        {
            SustainableDevelopmentGoal: page.sdgs.all(),
            RightsHolderGroup: page.rights_holder_groups.all(),
        },
    )
    context = {
        "reading": fallback.reading(page, reader_locale),
        "stories": [],
        "city": city,
        "wave": wave,
        "themes": sorted(
            by_pk(Theme, locale, theme_ids),
            key=lambda t: t.name.casefold(),
        ),
        "rights": sorted(
            by_pk(CharterRight, locale, right_ids),
            key=lambda r: r.number,
        ),
        "pillar": pillar,
        "sdgs": sorted(links[SustainableDevelopmentGoal], key=lambda g: g.number),
        "groups": sorted(
            links[RightsHolderGroup],
            key=lambda g: g.name.casefold(),
        ),
        "related": related_initiatives(page, locale, city, theme_ids, right_ids),
        "search_url": reverse("search:index"),
    }
    for build in hooks.get_hooks("initiative_sections"):
        context.update(build(page, request, locale))
    return context


def member_in_reader_language(page, request, locale):
    """The member the initiative belongs to, in the reader's language where it is translated
    (else its source), with ``reader_url`` its address in the reader's site. Its parent,
    for a draft's preview or a member no longer published."""
    parent_path = page.path[: -page.steplen]
    parent = CityProfilePage.objects.filter(path=parent_path).first()
    if parent is None:
        return None
    versions = privacy.public(CityProfilePage.objects.live()).filter(
        translation_key=parent.translation_key
    )
    city = fallback.pick(list(versions), locale.pk) or parent
    fallback.in_reader_language([city], locale.language_code, request)
    return city


def related_initiatives(page, locale, city, theme_ids, right_ids):
    """The most recently added initiatives of other members that share a theme or a right
    (one query).

    Ranking by the number of shared tags was tried: it joins every initiative's tags and
    cost 40 ms at 10,000 initiatives; "shares one, newest first" costs a few."""
    from .models import InitiativePage

    if not theme_ids and not right_ids:
        return []
    sharing = Q(
        pk__in=InitiativePage.themes.through.objects.filter(theme_id__in=theme_ids).values(
            "initiativepage_id"
        )
    ) | Q(
        pk__in=InitiativePage.charter_rights.through.objects.filter(
            charterright_id__in=right_ids
        ).values("initiativepage_id")
    )
    candidates = (
        InitiativePage.objects.live()
        .exclude(privacy.private_q())
        .filter(sharing, locale_id=locale.pk)
        .exclude(pk=page.pk)
        .select_related("city")
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "locale_id",
            "slug",
            "city__title",
            "city__country",
        )
        # Newest added first. Not by publication date: that sorts on the page table, which
        # other page types share, and the planner then scanned every newer story or
        # profile against every initiative (500 ms at 1,000 members and 500 stories).
        .order_by("-pk")
    )
    if city is not None:
        candidates = candidates.exclude(city__translation_key=city.translation_key)
    return list(candidates[:RELATED_COUNT])
