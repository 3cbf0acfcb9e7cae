"""What people do on the site, in a real browser."""

import re

import pytest

from .conftest import EDITOR_EMAIL, SECRETARIAT_EMAIL, log_in

pytestmark = pytest.mark.browser


def test_visitor_searches_initiatives_by_theme_and_text_and_opens_a_result(page, site_url):
    page.goto(f"{site_url}/en/search/")
    count = page.locator(".directory__count")
    everything = count.inner_text()
    page.locator('input[name="theme"][value="housing"]').check()
    # Filters apply without a full reload; the address follows.
    page.wait_for_url(re.compile(r"theme=housing"))
    assert count.inner_text() != everything
    page.fill("#search-q", "evictions")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"q=evictions"))
    first = page.locator(".result__title a").first
    title = first.inner_text()
    assert "evictions" in page.locator(".result__snippet mark").first.inner_text().lower()
    first.click()
    assert page.locator("h1").inner_text() == title


def test_french_visitor_switches_language_on_a_profile(page, site_url):
    page.goto(f"{site_url}/en/cities/barcelona-es/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site_url}/fr/villes-territoires-droits-humains-2030/barcelona-es/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Espagne" in page.locator(".facts").inner_text()


def test_arabic_page_lays_out_right_to_left(page, site_url):
    page.goto(f"{site_url}/ar/")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    brand = page.locator(".site-header__brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert brand["x"] > switcher["x"]  # the brand starts on the right


def test_keyboard_reaches_main_content_and_the_language_switcher(page, site_url):
    page.goto(f"{site_url}/en/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(f"{site_url}/en/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Español":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/es/")


def test_keyboard_only_search_filters(page, site_url):
    page.goto(f"{site_url}/en/search/")
    count = page.locator(".directory__count").inner_text()
    page.focus("#search-sort")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    name = page.evaluate("document.activeElement.name")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(rf"{name}="))
    page.wait_for_function(
        "expected => document.querySelector('.directory__count').innerText !== expected", arg=count
    )
    # Focus stays on the filter that was used.
    assert page.evaluate("document.activeElement.type") == "checkbox"


def test_city_editor_edits_and_submits_then_the_secretariat_approves(page, site_url, browser):
    new_summary = "Barcelona's human rights office now opens on Saturdays."
    profile = f"{site_url}/en/cities/barcelona-es/"
    # An anonymous visitor (a browser of their own) reads the profile: the second time it
    # comes from the page cache.
    public = browser.new_context(locale="en-GB").new_page()
    public.goto(profile)
    assert public.goto(profile).headers.get("x-page-cache") == "hit"
    log_in(page, site_url, EDITOR_EMAIL)
    page.goto(f"{site_url}/admin/pages/{site_url.barcelona_id}/edit/")
    page.fill("#id_summary", new_summary)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(re.compile(r"/admin/"))
    assert page.locator(".messages").inner_text().count("submitted") == 1
    # Not public yet.
    public.goto(profile)
    assert new_summary not in public.content()
    # The secretariat approves; the change goes live, at once for the anonymous visitor too.
    page.context.clear_cookies()
    log_in(page, site_url, SECRETARIAT_EMAIL)
    page.goto(f"{site_url}/admin/pages/{site_url.barcelona_id}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_load_state()
    fresh = public.goto(profile)
    assert new_summary in public.content()
    assert fresh.headers.get("x-page-cache") == "miss"
    public.context.close()
