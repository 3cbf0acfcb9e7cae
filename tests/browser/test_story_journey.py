"""A communications editor writes a story in the admin, links it to a member, publishes it,
and the public finds it on the stories index, the member's profile and the feed."""

import re

import pytest

from .conftest import COMMUNICATIONS_EMAIL, log_in

pytestmark = pytest.mark.browser


def test_communications_editor_publishes_a_story(page, site_url, browser):
    headline = "Barcelona opens a human rights office for young people"
    # An anonymous visitor has the housing stories in the page cache before the story exists.
    public = browser.new_context(locale="en-GB").new_page()
    housing = f"{site_url}/en/stories/?theme=housing"
    public.goto(housing)
    assert public.goto(housing).headers.get("x-page-cache") == "hit"
    log_in(page, site_url, COMMUNICATIONS_EMAIL)
    # From the public stories index, the user bar leads to its page in the admin.
    page.goto(f"{site_url}/en/stories/")
    edit = page.locator("a[href$='/edit/'][href*='/admin/pages/']").first.get_attribute("href")
    index_id = re.search(r"/admin/pages/(\d+)/edit/", edit).group(1)
    page.goto(f"{site_url}/admin/pages/add/stories/storypage/{index_id}/")
    page.fill("#id_title", headline)
    page.fill("#id_standfirst", "Young people can now bring any rights question to the city.")
    page.fill("#id_byline", "UCLG CISDP")
    page.get_by_role("tab", name="About").click()
    page.get_by_role("checkbox", name="Housing").check()
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    assert "published" in page.locator(".messages").inner_text()

    public.goto(housing)
    public.get_by_role("link", name=headline).click()
    public.wait_for_url(re.compile(r"/en/stories/barcelona-opens"))
    assert public.locator("h1").inner_text() == headline
    og_title = public.locator('meta[property="og:title"]').get_attribute("content")
    assert headline in og_title
    feed = public.request.get(f"{site_url}/en/stories/feed/")
    assert headline in feed.text()


def test_communications_editor_cannot_open_a_city_profile(page, site_url):
    log_in(page, site_url, COMMUNICATIONS_EMAIL)
    page.goto(f"{site_url}/admin/pages/{site_url.barcelona_id}/edit/")
    assert page.url == f"{site_url}/admin/"
    assert "do not have permission" in page.locator(".messages").inner_text()
