"""Template tags used by every public page: the language switcher and hreflang alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from home import fallback

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _language(code, url, current):
    return {
        "code": code,
        "name": LANGUAGE_NAMES.get(code, code),
        "url": url,
        "is_current": code == current,
        "is_translation": True,
        "bidi": translation.get_language_info(code)["bidi"] if code in LANGUAGE_NAMES else False,
    }


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The languages in which the current page exists and is live, with their URLs.

    On a Wagtail page these are its live translations (one query); a profile, initiative
    or story is also listed in every other language, at its address in that language's
    site (home/fallback.py), with ``is_translation`` false (it is no hreflang alternate).
    Elsewhere (search, 404) every enabled language, by translating the current URL.
    """
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page")
    languages = []
    if isinstance(page, Page) and page.pk and getattr(page, "fallback_in_every_language", False):
        return fallback.languages_of(page, request, current)
    if isinstance(page, Page) and page.pk:
        translations = (
            page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            .order_by("locale_id")
        )
        for translated in translations:
            url = translated.get_url(request=request)
            if url:
                languages.append(_language(translated.locale.language_code, url, current))
    elif request is not None:
        for code, _name in settings.LANGUAGES:
            languages.append(_language(code, translate_url(request.get_full_path(), code), current))
    order = [code for code, _name in settings.LANGUAGES]
    languages.sort(key=lambda item: order.index(item["code"]) if item["code"] in order else 99)
    return languages
