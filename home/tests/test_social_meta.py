"""Canonical addresses, Open Graph and Twitter card tags, and share links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cityprofiles.tests import builders
from home.models import CampaignSettings

from .builders import standard_page

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def meta(doc, name):
    tag = doc.find("meta", attrs={"property": name}) or doc.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def canonical(doc):
    links = doc.select('link[rel="canonical"]')
    assert len(links) <= 1
    return links[0]["href"] if links else None


@pytest.fixture
def tree():
    homes, directories = builders.site_tree()
    about = standard_page(
        homes["en"],
        "about",
        "About",
        publish=True,
        seo_title="About the campaign",
        search_description="Six pioneer cities launched it.",
    )
    builders.translate(about, "fr", title="À propos", seo_title="", search_description="")
    builders.translate(about, "ar", title="حول")
    spanish = builders.translate(about, "es", title="Acerca")
    spanish.refresh_from_db()
    spanish.unpublish()
    return homes, directories, about


@pytest.fixture
def photo():
    return Image.objects.create(
        title="Mayors",
        description="Six mayors at the launch",
        file=get_test_image_file(size=(1600, 1000)),
    )


def test_canonical_is_the_pages_own_absolute_address_without_query(client, tree):
    doc = soup(client.get("/en/about/?utm_source=newsletter&x=1"))
    assert canonical(doc) == f"{ORIGIN}/en/about/"
    assert canonical(soup(client.get("/fr/about/"))) == f"{ORIGIN}/fr/about/"


def test_canonical_keeps_the_page_number_of_a_paginated_listing(client, tree):
    _homes, directories, _about = tree
    for number in range(49):  # the directory shows 48 members a page
        builders.profile(directories["en"], f"Member {number:02}", slug=f"member-{number}")
    assert canonical(soup(client.get("/en/cities/?page=2"))) == f"{ORIGIN}/en/cities/?page=2"
    assert canonical(soup(client.get("/en/cities/?page=1"))) == f"{ORIGIN}/en/cities/"
    # Past the end the directory shows its last page: the canonical says which.
    assert canonical(soup(client.get("/en/cities/?page=99"))) == f"{ORIGIN}/en/cities/?page=2"


def test_open_graph_tags_describe_the_page_in_its_language(client, tree):
    doc = soup(client.get("/en/about/"))
    assert meta(doc, "og:title") == "About the campaign"
    assert meta(doc, "og:description") == "Six pioneer cities launched it."
    assert meta(doc, "og:url") == f"{ORIGIN}/en/about/"
    assert meta(doc, "og:type") == "website"
    assert meta(doc, "og:locale") == "en_GB"
    # Only the languages the page is live in; the Spanish translation is a draft.
    alternates = [tag["content"] for tag in doc.find_all("meta", property="og:locale:alternate")]
    assert alternates == ["fr_FR", "ar_AR"]
    hreflangs = [link["hreflang"] for link in doc.select('link[rel="alternate"][hreflang]')]
    assert hreflangs == ["en", "fr", "ar", "x-default"]
    french = soup(client.get("/fr/about/"))
    assert meta(french, "og:title") == "À propos"
    # No description of its own: the site's, in French, for search engines and networks alike.
    assert "droits humains" in meta(french, "og:description")
    assert meta(french, "og:description") == meta(french, "description")
    assert meta(french, "og:locale") == "fr_FR"


def test_without_any_image_there_is_no_image_tag(client, tree):
    doc = soup(client.get("/en/about/"))
    assert meta(doc, "og:image") is None
    assert meta(doc, "twitter:card") == "summary"


def test_default_sharing_image_comes_from_the_settings(client, tree, photo):
    CampaignSettings.objects.create(sharing_image=photo, x_url="https://x.com/hr_cities")
    doc = soup(client.get("/ar/about/"))
    image = meta(doc, "og:image")
    assert image.startswith(f"{ORIGIN}/") and ".fill-1200x630" in image
    assert meta(doc, "og:image:width") == "1200"
    assert meta(doc, "og:image:height") == "630"
    assert meta(doc, "og:image:alt") == "Six mayors at the launch"
    assert meta(doc, "twitter:card") == "summary_large_image"
    assert meta(doc, "twitter:site") == "@hr_cities"


def test_pages_outside_wagtail_have_social_tags_but_no_canonical(client, tree):
    doc = soup(client.get("/en/search/?q=water"))
    assert canonical(doc) is None
    assert meta(doc, "og:url") == f"{ORIGIN}/en/search/"
    not_found = BeautifulSoup(client.get("/en/no-such-page/").content, "html.parser")
    assert canonical(not_found) is None


# --- Share links ---------------------------------------------------------------------


def test_share_links_are_plain_links_to_each_network(client, tree):
    _homes, directories, _about = tree
    builders.profile(directories["fr"], "Grigny", slug="grigny")
    doc = soup(client.get("/fr/cities/grigny/"))
    share = doc.select_one("aside.share")
    assert share.find("script") is None
    # The page runs our own scripts only.
    assert all(script["src"].startswith("/static/") for script in doc.find_all("script"))
    links = share.select("a")
    hosts = [urlsplit(a["href"]).netloc or urlsplit(a["href"]).scheme for a in links]
    assert hosts == [
        "mailto",
        "bsky.app",
        "x.com",
        "www.facebook.com",
        "www.linkedin.com",
        "wa.me",
    ]
    address = f"{ORIGIN}/fr/cities/grigny/"
    for link in links:
        assert link["rel"] == ["noopener", "noreferrer"]
        assert link["aria-label"] and link.get_text(strip=True)
        assert link.get_text(strip=True).lower() in link["aria-label"].lower()
        query = parse_qs(urlsplit(link["href"]).query)
        assert any(address in value for values in query.values() for value in values)
    facebook = links[3]
    assert facebook["target"] == "_blank"
    assert parse_qs(urlsplit(facebook["href"]).query) == {"u": [address]}
    assert parse_qs(urlsplit(links[2]["href"]).query)["text"] == ["Grigny"]


def test_share_links_are_on_initiative_pages(client, tree):
    from initiatives.tests.builders import initiative

    _homes, directories, _about = tree
    city = builders.profile(directories["en"], "Utrecht", slug="utrecht")
    initiative(city, "Human rights café", slug="cafe")
    share = soup(client.get("/en/cities/utrecht/cafe/")).select_one("aside.share")
    whatsapp = share.select("a")[-1]["href"]
    assert parse_qs(urlsplit(whatsapp).query)["text"] == [
        f"Human rights café {ORIGIN}/en/cities/utrecht/cafe/"
    ]


def test_share_links_escape_hostile_titles(client, tree):
    _homes, directories, _about = tree
    builders.profile(directories["en"], '"><script>alert(1)</script>', slug="hostile")
    response = client.get("/en/cities/hostile/")
    assert b"<script>alert(1)</script>" not in response.content
    share = soup(response).select_one("aside.share")
    assert share.find("script") is None
