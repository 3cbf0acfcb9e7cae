"""How a page presents itself to search engines and social networks: its canonical
address, its Open Graph and Twitter card tags, and the share links under a story.

A page type says more about itself by defining any of (method or property):
``social_image`` (a Wagtail image or None) and ``social_image_alt`` (its alternative
text, else the image's description), ``social_description`` (used when the
promote tab's search description is empty; descriptions.py), ``social_published_time`` (a datetime,
for article:published_time), and the attribute ``og_type = "article"``.
docs/reach.md lists them.
"""

from urllib.parse import quote, urlencode

from django.core.paginator import Page as PaginatorPage
from django.utils.translation import gettext as _
from wagtail.models import Page

from .chrome import sharing_image
from .descriptions import page_description

# Open Graph wants language_TERRITORY. Facebook knows Arabic as ar_AR.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR"}


def og_locale(code):
    return OG_LOCALES.get(code, code.replace("-", "_"))


def _call(value):
    return value() if callable(value) else value


def listing_page_number(context):
    """The number of the paginated listing page shown (2, 3…), or None.

    Read from the paginator's page object in the template context, so that only a
    number the listing itself accepted ever reaches the canonical address.
    """
    for value in context.flatten().values():
        # By type, not isinstance: isinstance would evaluate lazy values such as the
        # CSRF token, and a token read makes every page set a cookie (uncacheable).
        if issubclass(type(value), PaginatorPage) and value.number > 1:
            return value.number
    return None


def canonical_url(context):
    """The page's own address in its own language, absolute, without query string
    except ``?page=N`` on the pages of a paginated listing. A view may pass its own
    ``canonical_url`` (e.g. a page with sub-routes)."""
    request = context.get("request")
    if context.get("canonical_url"):
        return context["canonical_url"]
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return ""
    url = page.get_url(request=request)
    if not url:
        return ""
    url = request.build_absolute_uri(url)
    number = listing_page_number(context)
    return f"{url}?{urlencode({'page': number})}" if number else url


def social_meta(context, languages, settings):
    """Everything base.html needs for the Open Graph and Twitter card tags."""
    request = context.get("request")
    page = context.get("page")
    is_page = isinstance(page, Page)
    canonical = canonical_url(context)
    current = next((language for language in languages if language["is_current"]), None)
    reading = context.get("reading")
    if reading is not None and reading.is_fallback:
        # Shown in another language's site: the card describes the source (the canonical).
        current = {"code": reading.code}
    alternates = [
        language
        for language in languages
        if language.get("is_translation", True) and language["code"] != (current or {}).get("code")
    ]
    meta = {
        "canonical": canonical,
        "url": canonical or (request.build_absolute_uri(request.path) if request else ""),
        "title": (page.seo_title or page.title) if is_page else "",
        "description": page_description(context),
        "type": "website",
        "locale": og_locale(current["code"] if current else context.get("LANGUAGE_CODE", "en")),
        "locale_alternates": [og_locale(language["code"]) for language in alternates],
        "image": None,
        "published_time": None,
        "twitter_site": settings.get("x_handle", ""),
    }
    if is_page:
        if getattr(page, "og_type", "") == "article":
            meta["type"] = "article"
        published = _call(getattr(page, "social_published_time", None))
        if published:
            meta["published_time"] = published.isoformat()
        image = _call(getattr(page, "social_image", None))
        if image is not None:
            meta["image"] = sharing_image(image)
            alt = _call(getattr(page, "social_image_alt", ""))
            if alt and meta["image"]:
                meta["image"]["alt"] = alt
    if meta["image"] is None:
        meta["image"] = settings.get("sharing_image")
    if meta["image"] and request is not None:
        meta["image"] = {**meta["image"], "url": request.build_absolute_uri(meta["image"]["url"])}
    return meta


def share_targets(url, title):
    """Plain links to each network's share form: no script of theirs runs on our pages."""
    url = str(url)
    title = str(title or "")
    text = f"{title} {url}".strip()
    return [
        {
            "name": _("E-mail"),
            "label": _("Share by e-mail"),
            "href": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
            "new_window": False,
        },
        {
            "name": "Bluesky",
            "label": _("Share on Bluesky"),
            "href": "https://bsky.app/intent/compose?" + urlencode({"text": text}),
            "new_window": True,
        },
        {
            "name": "X",
            "label": _("Share on X"),
            "href": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
            "new_window": True,
        },
        {
            "name": "Facebook",
            "label": _("Share on Facebook"),
            "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            "new_window": True,
        },
        {
            "name": "LinkedIn",
            "label": _("Share on LinkedIn"),
            "href": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            "new_window": True,
        },
        {
            "name": "WhatsApp",
            "label": _("Share on WhatsApp"),
            "href": "https://wa.me/?" + urlencode({"text": text}),
            "new_window": True,
        },
    ]
