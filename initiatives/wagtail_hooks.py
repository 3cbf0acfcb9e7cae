from wagtail import hooks

from .sections import member_initiatives


@hooks.register("profile_sections")
def profile_initiatives(profile, request, locale):
    return member_initiatives(profile, request, locale)
