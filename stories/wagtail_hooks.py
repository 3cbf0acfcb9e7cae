"""The stories a member's profile and an initiative's page show (hooks those apps call, so
that they need not import this one)."""

from wagtail import hooks

from .listing import stories_about_initiative, stories_about_member


@hooks.register("profile_sections")
def profile_stories(profile, request, locale):
    return {"stories": stories_about_member(profile, locale, request)}


@hooks.register("initiative_sections")
def initiative_stories(initiative, request, locale):
    return {"stories": stories_about_initiative(initiative, locale, request)}
