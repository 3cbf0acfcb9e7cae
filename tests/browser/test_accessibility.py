"""axe-core (from npm, run in the page) on every public page type in every language, and on
the admin forms city editors use. WCAG 2.2 AA violations fail."""

import json

import pytest

from home.translated_addresses import SECTION_SLUGS, search_address

from .conftest import EDITOR_EMAIL, axe_source, log_in

pytestmark = [pytest.mark.browser, pytest.mark.audit]

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEARCH_WORD = {"en": "housing", "fr": "logement", "es": "vivienda", "ar": "المياه"}
PAGE_TYPES = {
    "home": "/{lang}/",
    "directory": "/{lang}/{cities}/",
    "directory filtered": "/{lang}/{cities}/?region=europe",
    "profile": "/{lang}/{cities}/barcelona-es/",
    "search": "{search}?q={word}",
    "search empty": "{search}?q=zzzzqqq",
    "general page": "/{lang}/{about}/",
    "join page": "/{lang}/{join-the-campaign}/",
    "stories": "/{lang}/{stories}/",
    "stories filtered": "/{lang}/{stories}/?theme=housing",
    "story": "/{lang}/{stories}/grigny-testimony/",
    "not found": "/{lang}/no-such-page/",
}


def address(page_type, language):
    """The page's address in the language: section pages have a slug in each
    (home/translated_addresses.py)."""
    slugs = {
        english: by_language.get(language, english)
        for english, by_language in SECTION_SLUGS.items()
    }
    return PAGE_TYPES[page_type].format(
        lang=language, word=SEARCH_WORD[language], search=search_address(language), **slugs
    )


def violations(page):
    page.add_script_tag(content=axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_public_page_has_no_wcag_violations(page, site_url, language, page_type):
    path = address(page_type, language)
    page.goto(f"{site_url}{path}")
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


def test_initiative_page_has_no_wcag_violations(page, site_url):
    page.goto(f"{site_url}/en/cities/barcelona-es/")
    page.locator(".profile__initiatives a").first.click()
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("form", ["edit profile", "add initiative"])
def test_city_editor_admin_forms_have_no_wcag_violations(page, site_url, form):
    log_in(page, site_url, EDITOR_EMAIL)
    if form == "edit profile":
        page.goto(f"{site_url}/admin/pages/{site_url.barcelona_id}/edit/")
    else:
        page.goto(f"{site_url}/admin/pages/add/initiatives/initiativepage/{site_url.barcelona_id}/")
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


def test_city_editors_dashboard_has_no_wcag_violations(page, site_url):
    """Their start: "My city", with its tables of initiatives and translations."""
    log_in(page, site_url, EDITOR_EMAIL)
    page.goto(f"{site_url}/admin/")
    assert page.locator("section.my-city h2").first.inner_text().startswith("My city")
    found = violations(page)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
