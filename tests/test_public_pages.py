"""Every public page, in every language, is served with the right language and direction."""

import pytest
from django.conf import settings
from wagtail.models import Page

pytestmark = pytest.mark.django_db

ENABLED = [code for code, _name in settings.LANGUAGES]


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific().select_related("locale")


def test_every_live_page_in_every_language_answers_with_its_lang_and_dir(client, demo_site, html):
    pages = list(live_pages())
    languages_seen = {page.locale.language_code for page in pages}
    assert languages_seen == set(ENABLED)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        root = html(response).html
        code = page.locale.language_code
        assert root["lang"] == code, page.url
        assert root["dir"] == ("rtl" if code == "ar" else "ltr"), page.url


@pytest.mark.parametrize("code", ENABLED)
def test_home_page_exists_under_its_language_prefix(client, demo_site, html, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == code
    assert doc.find("h1").get_text(strip=True)
    # Landmarks and skip link for keyboard and screen-reader users.
    assert doc.select_one("a.skip-link")["href"] == "#main"
    assert doc.find("main", id="main") and doc.find("header") and doc.find("footer")


def test_language_switcher_offers_only_languages_the_page_exists_in(client, demo_site, html):
    # The demo's general "How to join" page has no Arabic translation.
    doc = html(client.get("/en/join/"))
    switcher = doc.select("nav.language-switcher a")
    assert [a["lang"] for a in switcher] == ["en", "fr", "es"]
    assert switcher[0].get("aria-current") == "true"
    assert [a["href"] for a in switcher] == [
        "/en/join/",
        "/fr/comment-rejoindre/",
        "/es/como-sumarse/",
    ]


def test_hreflang_alternates_list_every_translation_and_a_default(client, demo_site, html):
    doc = html(client.get("/fr/comment-rejoindre/"))
    alternates = {link["hreflang"]: link["href"] for link in doc.select('link[rel="alternate"]')}
    assert set(alternates) == {"en", "fr", "es", "x-default"}
    assert alternates["es"].endswith("/es/como-sumarse/")
    assert alternates["x-default"].endswith("/en/join/")


def test_draft_translation_is_not_offered_by_the_switcher(client, demo_site, html):
    spanish = Page.objects.get(url_path__endswith="/como-sumarse/", locale__language_code="es")
    spanish.unpublish()
    doc = html(client.get("/en/join/"))
    assert [a["lang"] for a in doc.select("nav.language-switcher a")] == ["en", "fr"]
    assert client.get("/es/como-sumarse/").status_code == 404


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-FR,fr;q=0.9", "/fr/"),
        ("es", "/es/"),
        ("ar-MA,ar;q=0.8", "/ar/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_honours_the_browser_language(client, demo_site, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_page_shows_the_current_wave_in_the_visitors_language(client, demo_site, html):
    doc = html(client.get("/fr/"))
    join = doc.select_one("section.join").get_text(" ", strip=True)
    assert "Renforcer les services publics locaux" in join
    assert doc.select_one("section.join a.button")["href"] == "/fr/rejoindre-la-campagne/"


def test_home_page_falls_back_to_the_source_wave_when_untranslated(client, demo_site, html):
    from taxonomies.models import Wave

    Wave.objects.filter(key="wave-4", locale__language_code="ar").delete()
    doc = html(client.get("/ar/"))
    assert "Strengthening Local Public Services" in doc.select_one("section.join").get_text()
