"""From "My city" to the public page, in a real browser, through the real login form.

Barcelona's editor starts from "My city" on the dashboard, adds an initiative with several
blocks, leaves, comes back to it from "My city" and submits it; the secretariat opens the
draft's preview, compares it with nothing before it, approves it; the public sees it on the
initiative's own page and on Barcelona's profile. A screenshot of each step is written to
test-artifacts/my-city-journey/ to be looked at.
"""

import re

import pytest

from .conftest import ARTIFACTS, EDITOR_EMAIL, SECRETARIAT_EMAIL, log_in

pytestmark = pytest.mark.browser

TITLE = "Rights corners in every library"
SUMMARY = "Every public library gets a corner where residents ask about their rights."
SECOND_SUMMARY = "Every public library gets a corner where residents learn about their rights."
HEADING = "Why libraries"
PARAGRAPH = "Libraries are the public service people trust the most."
FIGURE = "40"
FIGURE_LABEL = "libraries with a rights corner"
SHOTS = ARTIFACTS / "my-city-journey"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def add_block(page, name):
    page.locator("[data-contentpath='body'] button[title='Insert a block']").last.click()
    page.get_by_role("option", name=name, exact=True).first.click()


def test_city_editor_adds_an_initiative_from_my_city_and_the_secretariat_approves_it(
    page, site_url, browser
):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, site_url, EDITOR_EMAIL)
    my_city = page.locator("section.my-city").first
    assert "Barcelona" in my_city.locator("h2").inner_text()
    shot(page, "1-my-city")

    # A labelled button, not an unlabelled "+".
    my_city.get_by_role("link", name=re.compile("Add an initiative")).click()
    page.wait_for_url(re.compile(r"/admin/pages/add/initiatives/initiativepage/\d+/"))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    add_block(page, "Heading")
    page.locator("[data-contentpath='body'] input[name$='-value-text']").last.fill(HEADING)
    add_block(page, "Paragraph")
    page.locator("[data-contentpath='body'] [contenteditable='true']").last.click()
    page.keyboard.type(PARAGRAPH)
    add_block(page, "Key figures")
    page.locator("[data-contentpath='body'] input[name$='-value-figure']").last.fill(FIGURE)
    page.locator("[data-contentpath='body'] input[name$='-value-label']").last.fill(FIGURE_LABEL)
    shot(page, "2-add-initiative")
    page.locator("#tab-label-tags").click()
    page.get_by_label("Housing", exact=True).check()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    draft_id = int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))

    # The editor leaves, and comes back to it from "My city", where it is a draft.
    page.goto(f"{site_url}/admin/")
    row = page.locator(f"tr[data-initiative='{draft_id}']")
    state = row.locator("[data-review-state]").inner_text().strip()
    assert state == "Draft, not submitted for review"
    shot(page, "3-my-city-with-the-draft")
    row.get_by_role("link", name=re.compile("^Edit")).click()
    page.wait_for_url(f"{site_url}/admin/pages/{draft_id}/edit/")
    body = page.locator("[data-contentpath='body']")
    assert PARAGRAPH in body.inner_text()
    assert page.locator("input[name$='-value-figure']").last.input_value() == FIGURE
    page.locator("#id_summary").fill(SECOND_SUMMARY)
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile("Submit to Secretariat approval")).click()
    page.wait_for_load_state()
    assert "submitted" in page.locator(".messages").inner_text()
    page.goto(f"{site_url}/admin/")
    in_review = page.locator(f"tr[data-initiative='{draft_id}'] [data-review-state]")
    assert in_review.inner_text().strip() == "In review by the secretariat"
    shot(page, "4-my-city-in-review")

    # Not public yet.
    public = browser.new_context(locale="en-GB").new_page()
    response = public.goto(f"{site_url}/en/cities/barcelona-es/")
    assert response.status == 200 and TITLE not in public.content()

    # The secretariat previews the draft, compares it, approves it.
    page.context.clear_cookies()
    log_in(page, site_url, SECRETARIAT_EMAIL)
    page.goto(f"{site_url}/admin/pages/{draft_id}/view_draft/")
    for text in (TITLE, HEADING, PARAGRAPH, FIGURE_LABEL, "Housing"):
        assert text in page.content(), text
    shot(page, "5-secretariat-preview")
    page.goto(f"{site_url}/admin/pages/{draft_id}/revisions/compare/earliest...latest/")
    changes = page.locator("main table").inner_text()
    assert "Summary" in changes and "learn" in changes and "ask" in changes
    shot(page, "6-secretariat-compare")
    page.goto(f"{site_url}/admin/pages/{draft_id}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_load_state()
    shot(page, "7-secretariat-approved")

    # The public sees it, on its page and on Barcelona's profile.
    response = public.goto(f"{site_url}/en/cities/barcelona-es/")
    assert TITLE in public.content()
    public.get_by_role("link", name=TITLE).click()
    public.wait_for_load_state()
    assert public.locator("h1").inner_text() == TITLE
    for text in (HEADING, PARAGRAPH, FIGURE_LABEL):
        assert text in public.content(), text
    shot(public, "8-public-initiative")
    public.context.close()
