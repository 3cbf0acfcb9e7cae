"""One notice on every page says the site shows demo content, in the reader's language,
when settings.DEMO_CONTENT_NOTICE is on (development); never otherwise."""

import importlib

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

NOTICE = {
    "en": "This site shows demo content",
    "fr": "Ce site présente du contenu de démonstration",
    "es": "Este sitio muestra contenido de demostración",
    "ar": "يعرض هذا الموقع محتوى تجريبيًا",
}


@override_settings(DEMO_CONTENT_NOTICE=True)
@pytest.mark.parametrize("language", NOTICE)
def test_the_notice_speaks_the_readers_language(client, demo_site, html, language):
    doc = html(client.get(f"/{language}/"))
    notices = doc.select(".announcement--demo")
    assert len(notices) == 1
    assert NOTICE[language] in notices[0].get_text()
    # The page's own texts no longer say so, paragraph by paragraph.
    assert "[" not in doc.find("main").get_text()


def test_no_notice_unless_the_setting_asks(client, demo_site, html):
    assert settings.DEMO_CONTENT_NOTICE is False  # the default, as in production
    for language in NOTICE:
        assert not html(client.get(f"/{language}/")).select(".announcement--demo")


def test_development_settings_turn_the_notice_on(monkeypatch):
    monkeypatch.delenv("DEMO_CONTENT_NOTICE", raising=False)
    assert importlib.import_module("hrcsite.settings.dev").DEMO_CONTENT_NOTICE is True
