"""What the server builds for filtered listings and every page's head: addresses without
empty parameters, removable filter chips, body classes that cannot collide with
component styles, a favicon, a meta description, and machine-readable dates.
(The layout itself, at three widths, is tests/browser/test_layout.py.)"""

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from wagtail.models import Page

from cityprofiles.models import CityIndexPage
from home.descriptions import LENGTH, PAGE_TYPE_DEFAULTS
from home.translated_addresses import search_address
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# Every filter of each listing sent, most of them empty, as the forms used to submit them.
FILTERED = {
    "directory": "/en/cities/?region=europe&country=&wave=&member_type=&government_type="
    "&theme=housing&right=&pillar=",
    "stories": "/en/stories/?theme=housing&wave=&region=&city=",
    "search": "/en/search/?q=&sort=&theme=housing&region=europe&country=",
}


def server_built_links(doc):
    """Every link of the page's main content that stays on the listing (``?…``)."""
    return [a["href"] for a in doc.select("main a[href]") if a["href"].startswith("?")]


@pytest.mark.parametrize("listing", list(FILTERED))
def test_links_of_a_filtered_listing_never_carry_empty_parameters(client, demo_site, html, listing):
    doc = html(client.get(FILTERED[listing]))
    links = server_built_links(doc)
    assert links, "the listing shows links to itself (chips, letters, pages)"
    for href in links:
        pairs = parse_qsl(urlsplit(href).query, keep_blank_values=True)
        assert all(value for _name, value in pairs), href
        assert not href.endswith("&"), href


def test_search_pages_keep_the_filters_without_empty_parameters(client, demo_site, html):
    doc = html(client.get("/en/search/?q=&sort=&region=&page=1"))
    following = doc.select_one('.pagination a[rel="next"]')
    assert following is not None, "the demo's initiatives fill more than one page"
    assert following["href"] == "?page=2"


@pytest.mark.parametrize(
    "address, chip, remaining",
    [
        (FILTERED["directory"], "Remove filter: Region: Europe", {("theme", "housing")}),
        (FILTERED["directory"], "Remove filter: Theme: Housing", {("region", "europe")}),
        (FILTERED["stories"], "Remove filter: Theme: Housing", set()),
        (FILTERED["search"], "Remove filter: Theme: Housing", {("region", "europe")}),
        (
            "/en/search/?q=water&theme=housing&theme=water&page=2",
            "Remove filter: Theme: Housing",
            {("q", "water"), ("theme", "water")},
        ),
    ],
)
def test_each_active_filter_is_a_chip_that_removes_only_itself(
    client, demo_site, html, address, chip, remaining
):
    doc = html(client.get(address))
    # The link's accessible name: its hidden text (the "×" is aria-hidden).
    names = {
        link.select_one(".visually-hidden").get_text(" ", strip=True): link["href"]
        for link in doc.select(".chip .chip__remove")
    }
    assert chip in names, names
    assert set(parse_qsl(urlsplit(names[chip]).query)) == remaining


@pytest.mark.parametrize(
    "address, count",
    [("/en/cities/", 0), (FILTERED["directory"], 2), ("/en/cities/?region=europe&letter=B", 2)],
)
def test_the_filters_fold_into_a_disclosure_that_counts_them(
    client, demo_site, html, address, count
):
    doc = html(client.get(address))
    toggle = doc.select_one("details.filters-disclosure > summary")
    assert toggle.get_text(strip=True) == f"Filters ({count})"
    assert len(doc.select(".active-filters .chip")) == count
    assert doc.select_one("details.filters-disclosure form[data-filters-form]") is not None


def directory_url(language):
    """The members directory's address in ``language`` (translated slugs)."""
    return CityIndexPage.objects.get(locale__language_code=language).url


def test_the_french_directory_names_its_chips_in_french(client, demo_site, html):
    doc = html(client.get(directory_url("fr") + "?region=europe"))
    assert doc.select_one("details.filters-disclosure > summary").get_text(strip=True) == (
        "Filtres (1)"
    )
    label = doc.select_one(".chip .chip__remove .visually-hidden").get_text(" ", strip=True)
    assert label.startswith("Retirer le filtre :"), label


def test_an_unknown_filter_value_is_a_clear_answer_not_an_error(client, demo_site, html):
    response = client.get("/en/cities/?region=atlantis&country=")
    assert response.status_code == 404
    assert "These filters do not exist" in response.text


def body_classes():
    """The body class each template declares (``{% block body_class %}…``)."""
    found = {}
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        match = re.search(r"{%\s*block body_class\s*%}(.*?){%\s*endblock", path.read_text())
        if match and match.group(1).strip():
            found[path.relative_to(ROOT)] = match.group(1).split()
    return found


def test_body_classes_live_in_their_own_namespace():
    """`<body class="directory">` once picked up the `.directory` grid of the directory's
    content and squeezed the header and footer into a column. Page classes start with
    ``page-`` and no component (in a template or a stylesheet) uses that prefix."""
    declared = body_classes()
    assert len(declared) >= 8, declared
    for template, classes in declared.items():
        assert all(name.startswith("page-") for name in classes), (template, classes)
    for path in [*ROOT.glob("static/**/*.css"), *ROOT.glob("*/static/**/*.css")]:
        assert not re.search(r"\.page-", path.read_text()), path
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        text = re.sub(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", "", path.read_text())
        assert not re.search(r'class="[^"]*(?<![\w-])page-', text), path


def test_favicon_ico_leads_to_the_sites_icon(client, html, demo_site):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = response["Location"]
    assert icon.endswith("favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]
    source = finders.find("favicon.svg")
    assert source and Path(source).read_text().startswith("<svg")
    linked = html(client.get("/ar/")).select_one('link[rel="icon"]')
    assert linked["href"] == icon
    assert linked["type"] == "image/svg+xml"


def description(doc):
    tags = doc.select('meta[name="description"]')
    assert len(tags) == 1
    return tags[0]["content"]


def test_every_public_page_has_a_meta_description(client, demo_site, html):
    addresses = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    addresses += ["/en/search/", search_address("ar") + "?q=housing", "/fr/no-such-page/"]
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        text = description(html(response))
        assert 20 < len(text) <= LENGTH, (address, text)


def test_the_search_description_of_a_page_comes_first(client, demo_site, html):
    directory = CityIndexPage.objects.get(locale__language_code="en")
    directory.search_description = "Who has joined, city by city."
    directory.save_revision().publish()
    assert description(html(client.get("/en/cities/"))) == "Who has joined, city by city."


def test_without_any_text_the_directory_is_described_by_its_page_type(client, demo_site, html):
    directory = CityIndexPage.objects.get(locale__language_code="en")
    directory.introduction = ""
    directory.save_revision().publish()
    text = description(html(client.get("/en/cities/")))
    assert text == str(PAGE_TYPE_DEFAULTS["CityIndexPage"])


def test_dates_are_machine_readable_without_microseconds(client, demo_site, html):
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    addresses = ["/en/cities/barcelona-es/", story.url, "/en/stories/"]
    profile = html(client.get("/en/cities/barcelona-es/"))
    initiative = profile.select_one(".profile__initiatives a")["href"]
    for address in [*addresses, initiative]:
        doc = html(client.get(address))
        values = [tag["datetime"] for tag in doc.select("time[datetime]")]
        assert values, address
        for value in values:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (address, value)


def test_an_arabic_byline_keeps_its_author_and_date_apart(client, demo_site, html):
    story = StoryPage.objects.live().filter(locale__language_code="ar").exclude(byline="").first()
    assert story is not None, "the demo has an Arabic story with a byline"
    meta = html(client.get(story.url)).select_one(".story__meta")
    isolated = [bdi.get_text(strip=True) for bdi in meta.find_all("bdi")]
    assert isolated[0] == story.byline
    assert meta.select_one("bdi > time") is not None
