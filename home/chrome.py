"""What every public page shows around its content — the main menu, the announcement
banner, the footer's text, contact and social links — read through the cache so that
it adds no database query to a page once warm.

Everything is cached per language under the versions ``pages`` (the menu, the banner's
link and the footer's links are built from pages) and ``chrome`` (campaign settings,
footer texts, banners, images) of home/freshness.py, which says what changes them. The
cache is shared by every process (Redis, or the database cache without it:
site/settings/base.py), so every process sees a change at once.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from home import renditions

from . import fallback, freshness, privacy
from .site_settings import Announcement, CampaignSettings, FooterText

CACHE_SECONDS = 10 * 60
SHARING_IMAGE_FILTER = "fill-1200x630"


def _cached(key, build):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


# --- The language's home page ---------------------------------------------------


def language_root_path(request, language):
    """The url_path of the home page of ``language`` on the request's site, or None.

    Read from Wagtail's cached site root paths; ``Site.find_for_request`` is already
    cached on the request of a Wagtail page.
    """
    site = Site.find_for_request(request)
    for root in Site.get_site_root_paths():
        if (site is None or root.site_id == site.pk) and root.language_code == language:
            return root.root_path
    return None


# --- Main menu ------------------------------------------------------------------


def navigation(request, language):
    """The live, public children of the language's home page ticked “Show in menus”,
    as ``[{"title", "url"}]`` in tree order."""
    key = freshness.key("chrome:nav", language, request.get_host(), on=("pages",))
    return _cached(key, lambda: _build_navigation(request, language))


def _build_navigation(request, language):
    root_path = language_root_path(request, language)
    home = Page.objects.filter(url_path=root_path).first() if root_path else None
    if home is None:
        return []
    children = (
        home.get_children()
        .live()
        .exclude(privacy.private_q())
        .in_menu()
        .only("id", "title", "url_path", "path", "depth", "locale_id")
    )
    items = []
    for child in children:
        url = child.get_url(request=request)
        if url:
            items.append({"title": child.title, "url": url})
    return items


def search_url(language):
    with translation.override(language):
        return reverse("search:index")


# --- Campaign settings -----------------------------------------------------------


def campaign_settings():
    """Contact address, social links and the default sharing image (as a rendition's
    url, size and alternative text), the same in every language."""
    key = freshness.key("chrome:settings", on=("chrome",))
    return _cached(key, _build_campaign_settings)


def _build_campaign_settings():
    found = CampaignSettings.objects.select_related("sharing_image", "privacy_page").first()
    if found is None:
        # The footer's links and licence line as a fresh setting would have them.
        found = CampaignSettings()
    return {
        "contact_email": found.contact_email,
        "contact_address": found.contact_address,
        "committee_url": found.committee_url,
        "uclg_url": found.uclg_url,
        "licence": found.licence(),
        "privacy_page_key": found.privacy_page.translation_key if found.privacy_page else None,
        "social_links": found.social_links(),
        "x_handle": x_handle(found.x_url),
        "sharing_image": sharing_image(found.sharing_image),
    }


def x_handle(url):
    """“@campaign” from https://x.com/campaign, for twitter:site."""
    if not url:
        return ""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return f"@{name}" if name and name.replace("_", "").isalnum() else ""


def sharing_image(image):
    """The 1200 × 630 crop of ``image`` that social networks show, or None."""
    rendition = renditions.rendition(image, SHARING_IMAGE_FILTER)
    if rendition is None:
        return None
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


# --- Footer text ------------------------------------------------------------------


def footer_html(request, language):
    """The footer text of ``language`` as HTML with its links expanded, or "" when that
    language has none (the template then shows the built-in, translated sentence)."""
    return footer_links(request, language)["text"]


def footer_links(request, language):
    """The footer of ``language``: its text (as ``footer_html``), the names of the committee
    and UCLG ("" for the built-in, translated ones) and the addresses of the privacy notice
    and of the open-data page ("" when there is none). Three queries to build."""
    key = freshness.key("chrome:footer", language, request.get_host(), on=("chrome", "pages"))
    return _cached(key, lambda: _build_footer(request, language))


def _build_footer(request, language):
    footer = FooterText.objects.filter(locale__language_code=language).order_by("pk").first()
    privacy_key = campaign_settings()["privacy_page_key"]
    # The open-data page is found by its type (search.OpenDataPage), without importing the
    # app that owns it; the privacy notice by the translation key of the page chosen.
    found = Q(content_type__app_label="search", content_type__model="opendatapage")
    if privacy_key:
        found |= Q(translation_key=privacy_key)
    pages = list(
        Page.objects.live()
        .exclude(privacy.private_q())
        .filter(found)
        .select_related("locale", "content_type")
        .only(
            "id",
            "url_path",
            "path",
            "depth",
            "translation_key",
            "locale__language_code",
            "content_type__model",
        )
        .order_by("pk")
    )
    return {
        "text": expand_db_html(footer.text) if footer and footer.text else "",
        "committee_name": footer.committee_name if footer else "",
        "uclg_name": footer.uclg_name if footer else "",
        "privacy_url": _address_in_language(
            request,
            language,
            [p for p in pages if privacy_key and p.translation_key == privacy_key],
        ),
        "open_data_url": _address_in_language(
            request, language, [p for p in pages if p.content_type.model == "opendatapage"]
        ),
    }


def _address_in_language(request, language, pages):
    """The address of the version of a page in ``language``, else in the default language,
    else in any; "" if none has an address."""
    order = {language: 0, settings.LANGUAGE_CODE: 1}
    for page in sorted(pages, key=lambda page: order.get(page.locale.language_code, 2)):
        url = page.get_url(request=request)
        if url:
            return url
    return ""


# --- Announcement banner ------------------------------------------------------------


def current_announcement(request, language, now=None):
    """The banner to show in ``language`` now, or None.

    The banners are cached with their dates; whether one is current is decided at
    each request, so a banner appears and disappears on time without a rebuild.
    """
    key = freshness.key("chrome:banner", language, request.get_host(), on=("chrome", "pages"))
    banners = _cached(key, lambda: _build_announcements(request, language))
    now = now or timezone.now()
    for banner in banners:
        if (banner["starts_at"] is None or banner["starts_at"] <= now) and (
            banner["ends_at"] is None or now < banner["ends_at"]
        ):
            return banner
    return None


def _build_announcements(request, language):
    """The banners switched on, with their translation into ``language``, newest first."""
    banners = [
        {
            "message": shown.message,
            "link_text": shown.link_text,
            "link_page": shown.link_page,
            "link_url": shown.link_url,
            "starts_at": control.starts_at,
            "ends_at": control.ends_at,
            "pk": shown.pk,
        }
        for shown, control in _switched_on(language)
    ]
    _resolve_links(request, language, banners)
    banners.sort(
        key=lambda b: (b["starts_at"].timestamp() if b["starts_at"] else 0, b["pk"]), reverse=True
    )
    return banners


def _switched_on(language):
    """``(shown, control)`` for each banner switched on that has a row in ``language``.

    The switch and the dates are read from the default language's row when there is one,
    so that switching the source off hides every translation at once (see the model).
    """
    default = settings.LANGUAGE_CODE
    rows = list(
        Announcement.objects.filter(locale__language_code__in={language, default})
        .select_related("locale", "link_page")
        .order_by("pk")
    )
    by_key = {}
    for row in rows:
        by_key.setdefault(row.translation_key, {})[row.locale.language_code] = row
    switched_on = []
    for versions in by_key.values():
        shown = versions.get(language)
        control = versions.get(default, shown)
        if shown is not None and control.is_on:
            switched_on.append((shown, control))
    return switched_on


def next_announcement_change(language, now):
    """The next moment after ``now`` at which a banner of ``language`` starts or ends, or
    None. Whole pages kept for anonymous visitors are kept no longer (home/page_cache.py)."""
    key = freshness.key("chrome:banner-times", language, on=("chrome",))
    moments = _cached(
        key,
        lambda: sorted(
            moment
            for _shown, control in _switched_on(language)
            for moment in (control.starts_at, control.ends_at)
            if moment is not None
        ),
    )
    return next((moment for moment in moments if moment > now), None)


def _resolve_links(request, language, banners):
    """A banner's page link leads to the page in the visitor's language where it is live,
    else to its source at its address in the visitor's site (home/fallback.py), else
    nowhere (the message still shows)."""
    pages = [b["link_page"] for b in banners if b["link_page"] is not None]
    versions = {}
    for version in (
        Page.objects.live()
        .exclude(privacy.private_q())
        .filter(translation_key__in=[p.translation_key for p in pages])
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "locale", "translation_key")
    ):
        versions.setdefault(version.translation_key, []).append(version)
    codes = {v.locale_id: v.locale.language_code for group in versions.values() for v in group}
    reader = next((pk for pk, code in codes.items() if code == language), None)
    shown = {key: fallback.pick(group, reader) for key, group in versions.items()}
    fallback.in_reader_language(list(shown.values()), language, request, codes)
    for banner in banners:
        page = banner.pop("link_page")
        if page is not None:
            target = shown.get(page.translation_key)
            banner["link_url"] = target.reader_url if target else ""
        if not banner["link_url"]:
            banner["link_text"] = ""
