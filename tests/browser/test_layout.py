"""Every public page shape, in every language, at a phone's, a tablet's and a desktop's
width: nothing wider than the screen, nothing sticking out of it, and the site's header
and footer as wide as the page. Each page is saved as a full-page screenshot in
test-artifacts/layout/<width>/<language>_<shape>.png, to be looked at.

Then the filters as a phone reader uses them: folded into "Filters (n)", opened from the
keyboard, submitted without the empty fields, removed one chip at a time.
"""

import json
import re
from urllib.parse import parse_qsl, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr", "es", "ar"]
WIDTHS = [390, 768, 1280]
SEARCH_WORD = {"en": "housing", "fr": "logement", "es": "vivienda", "ar": "المياه"}

# Each shape: the page model it shows (None: not a Wagtail page), its English address,
# and the query string it is opened with. Other languages are reached through the
# English page's hreflang alternates, so translated slugs need no change here; an
# initiative and a story are followed from their language's profile and stories page.
SHAPES = {
    "home": ("home.HomePage", "/en/", ""),
    "directory": ("cityprofiles.CityIndexPage", "/en/cities/", ""),
    "directory_filtered": ("cityprofiles.CityIndexPage", "/en/cities/", "region=europe"),
    "profile": ("cityprofiles.CityProfilePage", "/en/cities/barcelona-es/", ""),
    "initiative": ("initiatives.InitiativePage", "", ""),
    "search_empty": (None, "/en/search/", ""),
    "search_query": (None, "/en/search/", "q={word}"),
    "search_no_result": (None, "/en/search/", "q=zzzzqqq"),
    "stories": ("stories.StoryIndexPage", "/en/stories/", ""),
    "stories_filtered": ("stories.StoryIndexPage", "/en/stories/", "theme=housing"),
    "story": ("stories.StoryPage", "", ""),
    "join": ("joining.JoinPage", "/en/join-the-campaign/", ""),
    "standard_page": ("home.StandardPage", "/en/about/", ""),
    "open_data": ("search.OpenDataPage", "/en/open-data/", ""),
    # The site's 404 page (the test server runs with DEBUG on: site/urls.py).
    "not_found": (None, "/en/debug-404/", ""),
}

# Run in the page: what is wider than the viewport, and whether header and footer span it.
MEASURE = """() => {
    const width = window.innerWidth;
    const root = document.documentElement;
    const clipped = (element) => {
        for (let parent = element.parentElement; parent && parent !== document.body;
             parent = parent.parentElement) {
            const overflow = getComputedStyle(parent).overflowX;
            if (overflow !== "visible") { return true; }
        }
        return false;
    };
    const describe = (element, box) => ({
        tag: element.tagName.toLowerCase(),
        class: element.getAttribute("class") || "",
        text: (element.textContent || "").trim().slice(0, 40),
        left: Math.round(box.left),
        right: Math.round(box.right),
    });
    const outside = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) { continue; }
        // A visually hidden element (1 px, clipped) is for screen readers only.
        if (box.width <= 1 && box.height <= 1) { continue; }
        if ((box.right > width + 1 || box.left < -1) && !clipped(element)) {
            outside.push(describe(element, box));
        }
    }
    const span = (selector) => {
        const element = document.querySelector(selector);
        if (!element) { return null; }
        const box = element.getBoundingClientRect();
        return {left: Math.round(box.left), right: Math.round(box.right)};
    };
    return {
        width: width,
        scrollWidth: root.scrollWidth,
        pageWidth: root.clientWidth,
        outside: outside.slice(0, 8),
        header: span(".site-header"),
        footer: span(".site-footer"),
    };
}"""


def public_page_models():
    """Every page type a reader can reach: walked from the home page down through each
    type's subpage types (so a new public page type is not forgotten here)."""
    from home.models import HomePage

    found, todo = set(), [HomePage]
    while todo:
        model = todo.pop()
        if model._meta.label in found:
            continue
        found.add(model._meta.label)
        # Wagtail's own Page is not creatable: a type without subpage_types lists it.
        todo.extend(child for child in model.allowed_subpage_models() if child.is_creatable)
    return found


def test_every_public_page_type_has_a_shape_in_the_table():
    covered = {model for model, _address, _query in SHAPES.values() if model}
    missing = public_page_models() - covered
    assert not missing, f"Add a sample address for {sorted(missing)} to SHAPES"


def fetch(url):
    with urlopen(url, timeout=30) as response:  # noqa: S310 - our own server on loopback
        return response.geturl(), response.read().decode("utf-8")


def alternates(site_url, path):
    """The page's hreflang alternates: {language: absolute address}."""
    try:
        _url, html = fetch(f"{site_url}{path}")
    except OSError:  # the 404 page: every language's address is the same path
        return {}
    found = {}
    for tag in re.findall(r"<link[^>]+>", html):
        if 'rel="alternate"' in tag and "hreflang=" in tag:
            code = re.search(r'hreflang="([^"]+)"', tag).group(1)
            found[code] = re.search(r'href="([^"]+)"', tag).group(1)
    # A language without a translation: the switcher's address, where that language's
    # site shows the source (home/fallback.py), as a reader would reach it.
    for tag in re.findall(r"<a[^>]+hreflang=[^>]+>", html):
        code = re.search(r'hreflang="([^"]+)"', tag).group(1)
        found.setdefault(code, urljoin(site_url, re.search(r'href="([^"]+)"', tag).group(1)))
    return found


# Reached as a reader reaches them: the first one listed on the page before.
FOLLOWED = {
    "initiative": ("profile", r'class="profile__initiatives".*?href="([^"]+)"'),
    "story": ("stories", r'class="story-card__title"><a href="([^"]+)"'),
}


@pytest.fixture(scope="module")
def addresses(site_url):
    """{(language, shape): address on the test server}, resolved once."""
    table = {}
    for name, (_model, path, query) in SHAPES.items():
        if name in FOLLOWED:
            continue
        found = alternates(site_url, path)
        for language in LANGUAGES:
            address = found.get(language) or urljoin(site_url, f"/{language}/{path[4:]}")
            if query:
                address += "?" + query.format(word=SEARCH_WORD[language])
            table[language, name] = address
    for name, (listed_on, pattern) in FOLLOWED.items():
        for language in LANGUAGES:
            url, html = fetch(table[language, listed_on])
            match = re.search(pattern, html, re.DOTALL)
            assert match, f"nothing to follow for {name} on {url}"
            table[language, name] = urljoin(url, match.group(1))
    return table


def problems_on(page, address, expected_status):
    response = page.goto(address, wait_until="load")
    problems = []
    if response.status != expected_status:
        problems.append(f"answered {response.status}")
    found = page.evaluate(MEASURE)
    if found["scrollWidth"] > found["width"]:
        problems.append(f"page is {found['scrollWidth']} px wide on a {found['width']} px screen")
    for element in found["outside"]:
        problems.append(f"sticks out: {json.dumps(element, ensure_ascii=False)}")
    for landmark in ("header", "footer"):
        box = found[landmark]
        if box is None:
            problems.append(f"no site {landmark}")
        elif box["left"] > 0 or box["right"] < found["pageWidth"]:
            problems.append(f"site {landmark} spans {box['left']}–{box['right']} px only")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_shape_fits_the_screen_in_every_language(browser, addresses, width):
    folder = ARTIFACTS / "layout" / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        locale="en-GB", viewport={"width": width, "height": 900}, reduced_motion="reduce"
    )
    page = context.new_page()
    failures = {}
    try:
        for language in LANGUAGES:
            for name in SHAPES:
                address = addresses[language, name]
                expected = 404 if name == "not_found" else 200
                problems = problems_on(page, address, expected)
                page.screenshot(path=str(folder / f"{language}_{name}.png"), full_page=True)
                if problems:
                    failures[f"{language} {name} {address}"] = problems
    finally:
        context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def query_of(url):
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_on_a_phone_the_filters_fold_and_submit_without_empty_fields(phone, site_url):
    phone.goto(f"{site_url}/en/cities/")
    disclosure = phone.locator("details.filters-disclosure")
    toggle = disclosure.locator("summary")
    assert toggle.inner_text().strip().endswith("Filters (0)")
    assert not disclosure.evaluate("details => details.open")
    assert not phone.locator("#filter-region").is_visible()
    # From the keyboard: Tab to the toggle, Enter opens it.
    toggle.focus()
    phone.keyboard.press("Enter")
    assert disclosure.evaluate("details => details.open")
    phone.select_option("#filter-region", "europe")
    with phone.expect_navigation():
        phone.locator("form[data-filters-form] button[type=submit]").click()
    assert query_of(phone.url) == [("region", "europe")]
    assert toggle.inner_text().strip().endswith("Filters (1)")
    chip = phone.get_by_role("link", name="Remove filter: Region: Europe")
    with phone.expect_navigation():
        chip.click()
    assert urlsplit(phone.url).path == "/en/cities/"
    assert query_of(phone.url) == []


def test_the_search_and_stories_forms_leave_out_their_empty_fields(phone, site_url):
    phone.goto(f"{site_url}/en/stories/")
    phone.locator("details.filters-disclosure summary").click()
    phone.select_option("#id_theme", "housing")
    with phone.expect_navigation():
        phone.locator("form[data-filters-form] button[type=submit]").click()
    assert query_of(phone.url) == [("theme", "housing")]

    phone.goto(f"{site_url}/en/search/")
    phone.fill("#search-q", "water")
    with phone.expect_navigation():
        phone.locator(".search-form__query button[type=submit]").click()
    assert query_of(phone.url) == [("q", "water")]
    # A filter ticked updates the results in place: the count and the chips follow.
    phone.locator("details.filters-disclosure summary").click()
    phone.locator('input[name="theme"]').first.check()
    phone.wait_for_url(re.compile(r"theme="))
    phone.wait_for_function(
        "() => document.querySelector('[data-filters-count]').textContent.includes('(1)')"
    )
    assert phone.locator(".active-filters .chip").count() == 1
    assert [name for name, _value in query_of(phone.url)] == ["q", "theme"]


def test_on_a_wide_screen_the_filters_stay_open_without_a_toggle(page, site_url):
    page.goto(f"{site_url}/ar/cities/")
    disclosure = page.locator("details.filters-disclosure")
    assert disclosure.evaluate("details => details.open")
    assert not disclosure.locator("summary").is_visible()
    assert page.locator("#filter-region").is_visible()
    # Narrowed to a phone's width, it folds; widened again, it opens.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => !document.querySelector('details.filters-disclosure').open")
    assert disclosure.locator("summary").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => document.querySelector('details.filters-disclosure').open")
