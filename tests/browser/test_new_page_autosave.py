"""Barcelona's editor adds an initiative with Wagtail's real autosave: the paragraph typed
while the autosave is saving is kept, and adding the page again with the same title
continues the draft instead of stopping at "The slug … is already in use".

The paragraph is typed at the moment that lost it before: just after the autosave has read
the form and before its answer (static/js/admin-autosave-keeps-late-edits.js); the second
attempt goes through home/new_page_slugs.py.
"""

import re

import pytest

from .conftest import EDITOR_EMAIL, log_in

pytestmark = pytest.mark.browser

TITLE = "Night buses to the rights office"
PARAGRAPH = "The first night line runs from the port to the rights office."

# Counts the autosave controller's events, which the test waits on.
WATCH_AUTOSAVES = """
window.autosaves = {save: 0, success: 0, error: ''};
document.addEventListener('w-autosave:save', () => { window.autosaves.save += 1; });
document.addEventListener('w-autosave:success', () => { window.autosaves.success += 1; });
document.addEventListener('w-autosave:error', (e) => { window.autosaves.error = e.detail.text; });
"""


def open_add_form(page, site_url):
    page.goto(f"{site_url}/admin/pages/add/initiatives/initiativepage/{site_url.barcelona_id}/")
    page.evaluate(WATCH_AUTOSAVES)
    # Wagtail's unsaved-changes check takes the form as it is two seconds after loading.
    page.wait_for_timeout(2500)


def autosaves(page):
    return page.evaluate("window.autosaves")


def wait_for(page, expression, timeout=15_000):
    page.wait_for_function(expression, timeout=timeout)


def test_paragraph_typed_during_an_autosave_is_kept_and_adding_again_continues_the_draft(
    page, site_url
):
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" if it ever asks
    log_in(page, site_url, EDITOR_EMAIL)
    open_add_form(page, site_url)
    page.locator("#id_title").press_sequentially(TITLE, delay=30)
    page.locator("#id_summary").press_sequentially("Buses at night.", delay=30)
    # The first autosave creates the page; the form becomes its edit form.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15_000)
    draft_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    wait_for(page, "window.autosaves.success >= 1")

    # A paragraph: adding the block starts an autosave, and the text is typed while it runs.
    page.locator("[data-contentpath='body'] button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").first.click()
    page.locator("[data-contentpath='body'] [contenteditable='true']").first.click()
    saves = autosaves(page)["save"]
    wait_for(page, f"window.autosaves.save > {saves}")
    page.keyboard.type(PARAGRAPH)
    successes = autosaves(page)["success"]
    wait_for(page, f"window.autosaves.success > {successes}")
    # Time for the autosave that follows, if any edit is still unsaved.
    page.wait_for_timeout(4000)

    # The editor leaves; what they typed is in the draft.
    page.goto(f"{site_url}/admin/pages/{draft_id}/edit/")
    assert PARAGRAPH in page.locator("[data-contentpath='body']").inner_text()

    # They add it again, with the same title: the autosave continues their draft.
    open_add_form(page, site_url)
    page.locator("#id_title").press_sequentially(TITLE, delay=30)
    wait_for(page, "window.autosaves.success >= 1 || window.autosaves.error")
    assert not autosaves(page)["error"], autosaves(page)["error"]
    assert page.url == f"{site_url}/admin/pages/{draft_id}/edit/"
    messages = page.locator(".messages")
    messages.get_by_text("You had already started").wait_for()
    assert messages.get_by_role("link", name="Compare with the earlier version").is_visible()
    page.locator("#id_summary").fill("Buses at night, second try.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{site_url}/admin/pages/{draft_id}/edit/")
    text = page.locator(".messages").inner_text()
    assert "has been updated" in text
    assert "already in use" not in text and "could not be" not in text

    # Nothing lost: the paragraph is in the earlier version, which the compare view shows.
    page.goto(f"{site_url}/admin/pages/{draft_id}/revisions/compare/earliest...latest/")
    assert PARAGRAPH in page.locator("main").inner_text()


def test_a_taken_address_and_errors_on_other_tabs_are_named_on_the_first_tab(page, site_url):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, site_url, EDITOR_EMAIL)
    open_add_form(page, site_url)
    # "Water for all households" (water-for-all) is one of Barcelona's published initiatives.
    page.locator("#id_title").press_sequentially("Water for all", delay=30)
    page.locator("#id_summary").press_sequentially("Drinking fountains.", delay=30)
    wait_for(page, "window.autosaves.error")
    assert "already used by the page “Water for all households”" in autosaves(page)["error"]
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    top = page.locator(".messages")
    assert "Change the address on the Promote tab, for example to “water-for-all-2”" in (
        top.inner_text()
    )
    # The message leads to the field, on its tab.
    top.get_by_role("link", name="Change the address").click()
    assert page.locator("#tab-label-promote").get_attribute("aria-selected") == "true"
    # Wagtail's focus controller moves the focus once the tab is shown, a moment later.
    wait_for(page, "document.activeElement.id === 'id_slug'", timeout=5_000)
    page.locator("#id_slug").fill("water-for-all-fountains")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))

    # On the edit view, an error on the Promote tab is named at the top of the first tab.
    page.evaluate(WATCH_AUTOSAVES)
    page.locator("#tab-label-promote").click()
    page.locator("#id_slug").fill("water-for-all")
    page.locator("#tab-label-initiative").click()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    assert page.locator("#tab-label-initiative").get_attribute("aria-selected") == "true"
    listed = page.locator(".messages .errors-on-other-tabs li")
    assert listed.count() == 1
    assert listed.inner_text().startswith("Slug, on the Promote tab: The slug 'water-for-all'")
    listed.get_by_role("link", name="Slug").click()
    assert page.locator("#tab-label-promote").get_attribute("aria-selected") == "true"
    # Wagtail's focus controller moves the focus once the tab is shown, a moment later.
    wait_for(page, "document.activeElement.id === 'id_slug'", timeout=5_000)
