"""The stories a member's profile and an initiative's page show (hooks those apps call, so
that they need not import this one), and the stories panel of the admin dashboard."""

from wagtail import hooks

from .listing import stories_about_initiative, stories_about_member
from .panels import StoriesPanel


@hooks.register("profile_sections")
def profile_stories(profile, request, locale):
    return {"stories": stories_about_member(profile, locale, request)}


@hooks.register("initiative_sections")
def initiative_stories(initiative, request, locale):
    return {"stories": stories_about_initiative(initiative, locale, request)}


@hooks.register("construct_homepage_panels")
def add_stories_panel(request, panels):
    panel = StoriesPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)
