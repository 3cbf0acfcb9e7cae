"""Template tags for what surrounds every public page: menu, banner, footer, social tags
and share links. Each reads home/chrome.py's cache, so none adds a query once warm.

None of them is a context processor: the 500 page renders without the database.
"""

from urllib.parse import urlsplit

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from home import chrome, social

register = template.Library()


def _language():
    return translation.get_language() or "en"


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The main menu, each item with ``current``: "page" on the item's own page, "true"
    on a page below it (WAI-ARIA's aria-current values), else ""."""
    request = context.get("request")
    if request is None:
        return []
    language = _language()
    path = request.path
    items = [dict(item) for item in chrome.navigation(request, language)]
    items.append({"title": None, "url": chrome.search_url(language), "is_search": True})
    for item in items:
        item_path = urlsplit(item["url"]).path
        if path == item_path:
            item["current"] = "page"
        elif path.startswith(item_path):
            item["current"] = "true"
        else:
            item["current"] = ""
    return items


@register.simple_tag
def campaign_settings():
    return chrome.campaign_settings()


@register.simple_tag(takes_context=True)
def footer_text(context):
    request = context.get("request")
    if request is None:
        return ""
    return mark_safe(chrome.footer_html(request, _language()))  # noqa: S308 (rich text, sanitised by Wagtail)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's links in the visitor's language (home/chrome.py ``footer_links``)."""
    request = context.get("request")
    if request is None:
        return {}
    return chrome.footer_links(request, _language())


@register.simple_tag(takes_context=True)
def current_announcement(context):
    request = context.get("request")
    if request is None:
        return None
    return chrome.current_announcement(request, _language())


@register.simple_tag(takes_context=True)
def social_meta(context, languages, settings):
    return social.social_meta(context, languages, settings)


@register.simple_tag(takes_context=True)
def share_targets(context, url="", title=""):
    """Share links for ``url`` (default: this page's canonical address)."""
    request = context.get("request")
    url = url or social.canonical_url(context)
    if not url and request is not None:
        url = request.build_absolute_uri(request.path)
    elif request is not None:
        url = request.build_absolute_uri(url)
    page = context.get("page")
    if not title and page is not None:
        title = getattr(page, "title", "")
    return social.share_targets(url, title)
