"""The meta description of every public page (search engines show it under the title).

In order: the promote tab's search description; the page's own social description,
introduction, summary or standfirst; a default for its page type; the site's default.
A view that is not a Wagtail page (the search) passes ``meta_description``.
"""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# Search engines cut descriptions at about 155–160 characters.
LENGTH = 160
OWN_TEXT = ("social_description", "introduction", "summary", "standfirst")

SITE_DEFAULT = _(
    "10, 100, 1000 Human Rights Cities and Territories by 2030: the campaign of local and "
    "regional governments for human rights, by the UCLG Committee on Social Inclusion, "
    "Participatory Democracy and Human Rights."
)
PAGE_TYPE_DEFAULTS = {
    "HomePage": SITE_DEFAULT,
    "CityIndexPage": _(
        "Every member of the campaign: local and regional governments and partners for human "
        "rights, by region, country, wave and theme, with a map."
    ),
    "CityProfilePage": _(
        "%(title)s, member of the campaign 10, 100, 1000 Human Rights Cities and Territories: "
        "its human-rights vision and key initiatives."
    ),
    "InitiativePage": _(
        "%(title)s: a key human-rights initiative of a member of the campaign 10, 100, 1000 "
        "Human Rights Cities and Territories."
    ),
    "StoryIndexPage": _(
        "Stories of the campaign: new waves, testimonies of member cities and events."
    ),
    "JoinPage": _(
        "How a local or regional government joins the campaign 10, 100, 1000 Human Rights "
        "Cities and Territories: the call for the current wave and the application form."
    ),
}


def _text(value):
    value = value() if callable(value) else value
    return strip_tags(str(value or "")).strip()


def page_description(context):
    """The description for the page in ``context``, never empty."""
    text = _text(context.get("meta_description"))
    page = context.get("page")
    if not text and isinstance(page, Page):
        text = _text(page.search_description)
        for name in OWN_TEXT:
            if text:
                break
            text = _text(getattr(page, name, ""))
        if not text and type(page).__name__ in PAGE_TYPE_DEFAULTS:
            text = str(PAGE_TYPE_DEFAULTS[type(page).__name__]) % {"title": page.title}
    return Truncator(" ".join((text or str(SITE_DEFAULT)).split())).chars(LENGTH)
