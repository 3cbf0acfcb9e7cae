""" "My city" on a phone, in Arabic: no column of its tables is squeezed to a word a line.

At 390 px the translations table used to give its last language's column (the notes, "Ask
the secretariat to start the translation…") the width of its longest word: fourteen lines
of one or two words. The tables now scroll sideways in their wrapper instead (the page
itself never does). A screenshot is written to test-artifacts/my-city-narrow/ to be looked at.
"""

import pytest

from .conftest import ARTIFACTS, EDITOR_EMAIL, log_in

pytestmark = pytest.mark.browser

MOST_LINES = 4  # "Ask the secretariat to start the translation" reads in two or three

LINES_OF_EACH_NOTE = """() => [
    ...document.querySelectorAll('.my-city__translations td .w-help-text')
].map(note => {
        const style = getComputedStyle(note);
        const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
        const height = note.getBoundingClientRect().height;
        return {text: note.textContent.trim(), lines: Math.round(height / lineHeight)};
    })"""


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_translation_notes_are_readable_at_390_px(browser, site_url, language):
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        log_in(page, site_url, EDITOR_EMAIL)
        assert page.evaluate("document.documentElement.lang") == language
        notes = page.evaluate(LINES_OF_EACH_NOTE)
        assert notes, "no note in the translations table"
        squeezed = [note for note in notes if note["lines"] > MOST_LINES]
        assert not squeezed, squeezed
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        (ARTIFACTS / "my-city-narrow").mkdir(parents=True, exist_ok=True)
        page.locator(".my-city__translations").first.screenshot(
            path=str(ARTIFACTS / "my-city-narrow" / f"{language}-translations.png")
        )
    finally:
        context.close()
