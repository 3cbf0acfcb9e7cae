import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cityprofiles.tests import builders
from home.models import StandardPage
from home.translated_addresses import search_address
from initiatives.tests.builders import initiative
from translations.status import CURRENT, DRAFT, MISSING, OUTDATED, page_rows, summary

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree():
    homes, directories = builders.site_tree(languages=("en", "fr", "es", "ar"))
    return homes, directories


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw-123456789")
    client.force_login(user)
    return client


def about_page(home):
    page = StandardPage(
        title="About the campaign", slug="about", introduction="Cities that put human rights first."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_po_round_trip_shows_the_translated_text(client, tree, django_capture_on_commit_callbacks):
    homes, _directories = tree
    page = about_page(homes["en"])
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="fr")
    )
    po = translation.export_po()
    french = {
        "About the campaign": "À propos de la campagne",
        "Cities that put human rights first.": "Des villes qui placent les droits humains "
        "au premier plan.",
    }
    for entry in po:
        entry.msgstr = french.get(entry.msgid, entry.msgid)
    # Through a file, as an external translator would send it back.
    translation.import_po(polib.pofile(str(po)))
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    response = client.get("/fr/about/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "À propos de la campagne" in body and "au premier plan" in body


def test_po_file_download_and_upload_in_the_admin(
    admin_client, tree, django_capture_on_commit_callbacks
):
    homes, _directories = tree
    page = about_page(homes["en"])
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="es")
    )
    translation.save_target(publish=False)
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode("utf-8"))
    for entry in po:
        entry.msgstr = "Sobre la campaña" if entry.msgid == "About the campaign" else entry.msgid
    upload = io.BytesIO(str(po).encode("utf-8"))
    upload.name = "about-es.po"
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "Sobre la campaña" in Client().get("/es/about/").content.decode()


def test_a_changed_source_marks_its_translations_out_of_date(tree):
    homes, _directories = tree
    page = about_page(homes["en"])
    builders.translate(page, "fr", title="À propos")
    assert {row.source.pk: row.statuses for row in page_rows()}[page.pk]["fr"] == CURRENT
    page.introduction = "A new introduction."
    page.save_revision().publish()
    statuses = {row.source.pk: row.statuses for row in page_rows()}[page.pk]
    assert statuses["fr"] == OUTDATED
    assert statuses["es"] == MISSING
    # wagtail-localize sees the new text as a segment to translate.
    source, _created = TranslationSource.update_or_create_from_instance(page)
    assert "A new introduction." in {s.string.data for s in source.stringsegment_set.all()}


def test_status_report_counts_on_a_known_data_set(admin_client, tree):
    homes, directories = tree
    barcelona = builders.profile(
        directories["en"], "Barcelona", slug="barcelona", member_key="barcelona-es"
    )
    barcelona.save_revision().publish()
    vienna = builders.profile(
        directories["en"], "Vienna", country="AT", slug="vienna", member_key="vienna-at"
    )
    vienna.save_revision().publish()
    housing = initiative(barcelona, "Housing first", slug="housing-first")
    builders.translate(barcelona, "fr", title="Barcelone")
    builders.translate(barcelona, "es", title="Barcelona")
    draft = barcelona.copy_for_translation(Locale.objects.get(language_code="ar"))
    draft.save_revision()  # exists in Arabic, never published
    builders.translate(vienna, "fr", title="Vienne")
    vienna.summary = "Updated"
    vienna.save_revision().publish()  # French now out of date

    rows = page_rows(page_type="cityprofilepage")
    assert {row.source.title: row.statuses for row in rows} == {
        "Barcelona": {"fr": CURRENT, "es": CURRENT, "ar": DRAFT},
        "Vienna": {"fr": OUTDATED, "es": MISSING, "ar": MISSING},
    }
    assert summary(rows) == {
        "fr": {CURRENT: 1, OUTDATED: 1, DRAFT: 0, MISSING: 0},
        "es": {CURRENT: 1, OUTDATED: 0, DRAFT: 0, MISSING: 1},
        "ar": {CURRENT: 0, OUTDATED: 0, DRAFT: 1, MISSING: 1},
    }
    # Filter by city: the profile and its initiative.
    city_rows = page_rows(city_key="barcelona-es")
    assert [row.source.pk for row in city_rows] == [barcelona.pk, housing.pk]
    assert all(row.city == "Barcelona" for row in city_rows)
    # The admin report and its CSV export say the same.
    url = reverse("translation_status")
    response = admin_client.get(url, {"page_type": "cityprofilepage"})
    assert response.status_code == 200
    exported = admin_client.get(url, {"page_type": "cityprofilepage", "export": "csv"})
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert table[0] == ["type", "title", "city", "fr", "es", "ar"]
    assert ["cityprofilepage", "Vienna", "Vienna", "out-of-date", "missing", "missing"] in table


def test_status_report_is_refused_to_anonymous_and_bad_filters_are_harmless(admin_client, tree):
    url = reverse("translation_status")
    assert Client().get(url).status_code == 302  # to the login page
    assert admin_client.get(url, {"page_type": "nonsense", "city": "<script>"}).status_code == 200


def public_template_msgids(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    entries = []
    for entry in catalogue:
        files = {path for path, _line in entry.occurrences}
        public = any(
            path.endswith(".html") and "/admin/" not in path and "wagtailadmin" not in path
            for path in files
        )
        if public and not entry.obsolete:
            entries.append(entry)
    return entries


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_public_template_string_is_translated(language):
    untranslated = [
        e.msgid
        for e in public_template_msgids(language)
        if not e.translated() or "fuzzy" in e.flags
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_public_pages_show_no_english_interface_string(client, tree, language, html):
    homes, directories = tree
    # Content in the test tree is in English; only interface strings are checked here.
    directories[language].title = "Directory"
    directories[language].save_revision().publish()
    barcelona = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    barcelona.save_revision().publish()
    translated = builders.translate(barcelona, language, title="Barcelona")
    initiative(translated, "Housing first", slug="housing-first", summary="Homes for all.")
    english = {
        e.msgid
        for e in public_template_msgids(language)
        if e.msgstr and e.msgstr != e.msgid and len(e.msgid) > 3
    }
    urls = [
        f"/{language}/",
        f"/{language}/cities/",
        f"/{language}/cities/barcelona/",
        f"/{language}/cities/barcelona/housing-first/",
        search_address(language),
        f"{search_address(language)}?q=zzzz",
        f"/{language}/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = html(response).get_text("\n", strip=True)
        lines = set(text.splitlines())
        leaked = sorted(msgid for msgid in english if msgid in lines)
        assert leaked == [], (url, leaked)


def test_templates_have_no_text_outside_translation_tags():
    """Raw words in a template would reach visitors untranslated."""
    import re

    allowed = {"CSV", "JSON", "10·100·1000", "©", "–", "·", "…"}
    tag = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
    element = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
    offenders = []
    templates = [
        p
        for p in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in p.parts and "admin" not in p.parts
    ]
    assert len(templates) > 15
    for path in templates:
        source = path.read_text(encoding="utf-8")
        source = re.sub(
            r"{%\s*(blocktranslate|blocktrans)\b.*?{%\s*end\1\s*%}", " ", source, flags=re.S
        )
        # Machine values: CSS classes chosen by a block.
        source = re.sub(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", " ", source)
        attributes = re.findall(
            r'\b(?:aria-label|alt|title|placeholder)="([^"{]*[A-Za-z][^"{]*)"', source
        )
        text = element.sub(" ", tag.sub(" ", source))
        words = [
            w
            for w in re.findall(r"[^\s]+", text)
            if re.search(r"[A-Za-z]{2,}", w) and w not in allowed and not w.startswith("&")
        ]
        if words or attributes:
            offenders.append((str(path.relative_to(ROOT)), words[:5], attributes[:5]))
    assert offenders == []


def test_adding_a_language_is_one_setting_and_one_command(client, tree, settings):
    _homes, directories = tree
    barcelona = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    barcelona.save_revision().publish()
    languages = [*settings.LANGUAGES, ("pt", "Português")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        out = io.StringIO()
        call_command("add_language", "pt", stdout=out)
        assert "/pt/ is open" in out.getvalue()
        response = client.get("/pt/")
        assert response.status_code == 200
        assert 'lang="pt"' in response.content.decode()
        assert client.get("/pt/cities/").status_code == 200
        # Read in the Portuguese site, in its source language, from the first day.
        fallback = client.get("/pt/cities/barcelona/")
        assert fallback.status_code == 200
        assert '<html lang="pt"' in fallback.content.decode()
        call_command("add_language", "pt", stdout=io.StringIO())  # idempotent
    assert Locale.objects.filter(language_code="pt").count() == 1


def test_adding_a_language_not_in_settings_says_what_to_do():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Add it to LANGUAGES"):
        call_command("add_language", "xx", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "None"),
        ({"DEEPL_AUTH_KEY": "k"}, "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        (
            {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"},
            "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        ),
    ],
)
def test_machine_translation_is_off_unless_configured(env, expected):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEEPL_AUTH_KEY", "LIBRETRANSLATE_URL"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="hrcsite.settings.dev")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS'))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == expected, result.stderr


def test_arabic_pages_keep_latin_names_in_their_own_direction(client, tree, html):
    _homes, directories = tree
    builders.profile(directories["en"], "Barcelona", slug="barcelona").save_revision().publish()
    doc = html(client.get("/ar/cities/"))
    assert doc.html["dir"] == "rtl"
    name = doc.select_one(".member-card__name a")
    assert name.get_text(strip=True) == "Barcelona"
    assert name["dir"] == "auto" and name["lang"] == "en"


def test_a_member_written_in_french_is_reported_with_french_as_its_source(admin_client, tree):
    """A member that joined in French (its profile made in the French tree on acceptance)
    was missing from the report, which listed only English pages."""
    _homes, directories = tree
    lyon = builders.profile(directories["fr"], "Lyon", country="FR", slug="lyon", member_key="lyon")
    lyon.save_revision().publish()
    TranslationSource.get_or_create_from_instance(lyon)
    builders.translate(lyon, "en", title="Lyon (en)")
    housing = initiative(lyon, "Logement d'abord", slug="logement")
    barcelona = builders.profile(
        directories["en"], "Barcelona", slug="barcelona", member_key="barcelona-es"
    )
    barcelona.save_revision().publish()

    rows = {row.source.pk: row for row in page_rows(page_type="cityprofilepage")}
    assert set(rows) == {lyon.pk, barcelona.pk}  # one row per member, from its source
    assert rows[lyon.pk].language == "fr"
    assert rows[lyon.pk].statuses == {"en": CURRENT, "es": MISSING, "ar": MISSING}
    assert rows[barcelona.pk].statuses == {"fr": MISSING, "es": MISSING, "ar": MISSING}
    city_rows = page_rows(city_key="lyon")
    assert [(row.source.pk, row.city) for row in city_rows] == [
        (lyon.pk, "Lyon"),
        (housing.pk, "Lyon"),
    ]
    assert summary(list(rows.values()))["en"] == {CURRENT: 1, OUTDATED: 0, DRAFT: 0, MISSING: 0}

    url = reverse("translation_status")
    page = admin_client.get(url, {"page_type": "cityprofilepage"}).content.decode()
    assert "Lyon" in page and ">en</th>" in page  # English is now a column
    exported = admin_client.get(url, {"page_type": "cityprofilepage", "export": "csv"})
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert table[0] == ["type", "title", "city", "en", "fr", "es", "ar"]
    assert [
        "cityprofilepage",
        "Lyon",
        "Lyon",
        "up-to-date",
        "source",
        "missing",
        "missing",
    ] in table


def test_a_translation_translated_further_does_not_become_the_source(tree):
    """wagtail-localize records a source for every page translated from: English copied
    into French, the French then translated into Arabic, is still English's row; a French
    member translated into English, then from English into Arabic, still French's."""
    homes, directories = tree
    about = about_page(homes["en"])
    about_fr = builders.translate(about, "fr", title="À propos")
    TranslationSource.get_or_create_from_instance(about_fr)
    builders.translate(about_fr, "ar", title="حول الحملة")
    lyon = builders.profile(directories["fr"], "Lyon", country="FR", slug="lyon", member_key="lyon")
    lyon.save_revision().publish()
    lyon_en = builders.translate(lyon, "en", title="Lyon (en)")
    TranslationSource.get_or_create_from_instance(lyon_en)
    builders.translate(lyon_en, "ar", title="ليون")

    rows = {row.source.pk: row for row in page_rows()}
    assert about_fr.pk not in rows and lyon_en.pk not in rows
    assert (rows[about.pk].language, rows[about.pk].statuses) == (
        "en",
        {"fr": CURRENT, "es": MISSING, "ar": CURRENT},
    )
    assert (rows[lyon.pk].language, rows[lyon.pk].statuses) == (
        "fr",
        {"en": CURRENT, "es": MISSING, "ar": CURRENT},
    )
