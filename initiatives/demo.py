"""Demo content: each member's initiatives (initiatives/demo_initiatives.py), tagged
across the taxonomies, and translated through wagtail-localize into the languages of
the member's profile, except the few left in their source language on purpose."""

from wagtail.models import Locale

from cityprofiles.demo_members import MEMBERS
from cityprofiles.models import CityProfilePage
from home.demo_localize import translate_page
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
)

from .demo_initiatives import INITIATIVES
from .models import InitiativePage

LANGUAGES = ("fr", "es", "ar")


def _terms(model, keys, locale):
    return list(model.objects.filter(locale=locale, key__in=keys))


def languages_of(spec, member_name):
    """The languages an initiative is translated into: its member's, unless it says."""
    wanted = spec["languages"]
    if wanted is None:
        wanted = [code for code in LANGUAGES if code in MEMBERS[member_name]]
    return [code for code in wanted if code in spec]


def create(profile, spec, default):
    title, summary = spec["en"]
    page = InitiativePage(
        title=title,
        slug=spec["slug"],
        summary=summary,
        status=spec["status"],
        start_year=spec["start"],
        end_year=spec["end"],
        framework_pillar=FrameworkPillar.objects.filter(locale=default, key=spec["pillar"]).first(),
        locale=default,
    )
    page.themes = _terms(Theme, spec["themes"], default)
    page.charter_rights = _terms(CharterRight, spec["rights"], default)
    page.sdgs = _terms(SustainableDevelopmentGoal, spec["sdgs"], default)
    page.rights_holder_groups = _terms(RightsHolderGroup, spec["groups"], default)
    profile.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(out):
    default = Locale.get_default()
    created = translated = 0
    profiles = {
        profile.title: profile
        for profile in CityProfilePage.objects.filter(locale=default, title__in=INITIATIVES)
    }
    for number, (member_name, specs) in enumerate(INITIATIVES.items(), start=1):
        profile = profiles.get(member_name)
        if profile is None:
            continue
        existing = {page.slug: page for page in InitiativePage.objects.child_of(profile)}
        # Its parent's translation first: wagtail-localize would otherwise make an alias of it.
        translated_profiles = set(
            profile.get_translations().values_list("locale__language_code", flat=True)
        )
        for spec in specs:
            page = existing.get(spec["slug"])
            if page is None:
                page = create(profile, spec, default)
                created += 1
            for code in languages_of(spec, member_name):
                if code not in translated_profiles:
                    continue
                title, summary = spec[code]
                translated += (
                    translate_page(page, code, {"title": title, "summary": summary}) is not None
                )
        if number % 5 == 0 or number == len(INITIATIVES):
            out(f"initiatives: {number}/{len(INITIATIVES)} members")
    out(f"initiatives: {created} created, {translated} translations created")
