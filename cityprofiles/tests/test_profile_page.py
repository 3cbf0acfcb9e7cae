import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cityprofiles.tests import builders
from home.translated_addresses import search_address

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=demo123"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def tree():
    return builders.site_tree()


@pytest.fixture
def barcelona(tree):
    _homes, directories = tree
    wave = builders.wave(1, slogan="The pioneers")
    housing = builders.theme("housing", "Housing")
    city = builders.right("right-to-the-city", "Right to the city", 1)
    tools = builders.pillar("operational-tools", "Operational tools", 3)
    image = Image.objects.create(title="Emblem", file=get_test_image_file())
    document = Document.objects.create(
        title="Local plan", file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    builders.video_embed(VIDEO_URL)
    page = builders.profile(
        directories["en"],
        "Barcelona",
        country="ES",
        region="europe",
        wave=wave,
        themes=[housing],
        rights=[city],
        pillars=[tools],
        member_type="government",
        government_type="city",
        leader_name="Demo Leader",
        leader_title="Mayor",
        term_start=2023,
        term_end=2027,
        population_band="over-1m",
        latitude="41.38879",
        longitude="2.15899",
        logo=image,
        website="https://www.barcelona.cat",
        summary="A pioneer city.",
        slug="barcelona-es",
        vision=[
            ("why_essential", RichText("<p>Closest to people.</p>")),
            ("heading", {"text": "Our commitments", "level": "h2"}),
            ("paragraph", RichText("<p>We <b>commit</b>.</p>")),
            ("quote", {"quote": "Rights begin at home.", "attribution": "A resident", "role": ""}),
            (
                "image",
                {"image": image, "alt_text": "Town hall", "caption": "City hall", "credit": "City"},
            ),
            ("key_figures", [{"figure": "12,000", "label": "homes", "source": ""}]),
            ("video", {"video": VIDEO_URL, "caption": "Launch"}),
            ("document", {"document": document, "title": ""}),
            ("link", {"page": None, "url": "https://uclg-cisdp.org", "text": "The Committee"}),
            (
                "call_to_action",
                {
                    "heading": "Visit",
                    "text": "Come and see",
                    "link": {"page": None, "url": "https://example.org", "text": "Go"},
                },
            ),
        ],
    )
    page.save_revision().publish()
    return page


def test_profile_shows_every_fact_and_block(client, barcelona):
    response = client.get("/en/cities/barcelona-es/")
    assert response.status_code == 200
    doc = soup(response)
    text = doc.get_text(" ", strip=True)
    assert doc.find("h1").get_text(strip=True) == "Barcelona"
    for expected in [
        "Local or regional government",
        "City or municipality",
        "Spain",
        "Europe",
        "Wave 1 (2022)",
        "Mayor",
        "Demo Leader",
        "2023–2027",
        "Over 1 million",
        "www.barcelona.cat",
        "A pioneer city.",
    ]:
        assert expected in text, expected
    assert doc.select_one("img.profile__logo")["alt"]
    map_panel = doc.select_one("[data-map]")
    assert map_panel["data-lat"].startswith("41.38879") and map_panel["data-lng"].startswith(
        "2.15899"
    )
    # Vision blocks
    assert "Why are local and regional governments essential" in text
    assert "Closest to people." in text and doc.find("b", string="commit")
    assert doc.select_one("figure.quote blockquote").get_text(strip=True) == "Rights begin at home."
    assert doc.select_one("figure.image-block img")["alt"] == "Town hall"
    assert "12,000" in doc.select_one("dl.key-figures").get_text()
    assert doc.select_one("figure.video-block iframe")["title"] == "Demo video"
    assert doc.select_one("p.document-block a").get_text(strip=True) == "Local plan"
    assert doc.select_one("p.link-block a")["href"] == "https://uclg-cisdp.org"
    assert doc.select_one("aside.call-to-action a")["href"] == "https://example.org"
    # Taxonomies link to the search filtered by their stable keys.
    links = {a.get_text(strip=True): a["href"] for a in doc.select(".profile__commitments a")}
    assert links["Housing"] == "/en/search/?theme=housing"
    assert links["I. Right to the city"] == "/en/search/?right=right-to-the-city"
    assert links["Operational tools"] == "/en/search/?pillar=operational-tools"
    assert doc.select_one(".profile__updated time")


def test_profile_in_every_language_shows_terms_in_that_language(client, barcelona):
    from wagtail.models import Locale

    from taxonomies.models import Theme

    housing = Theme.objects.get(key="housing")
    for code, name in [("fr", "Logement"), ("es", "Vivienda"), ("ar", "السكن")]:
        translated = housing.copy_for_translation(Locale.objects.get(language_code=code))
        translated.name = name
        translated.save()
        builders.translate(barcelona, code, summary=f"Summary {code}")
    for code, theme_name, country in [
        ("fr", "Logement", "Espagne"),
        ("es", "Vivienda", "España"),
        ("ar", "السكن", "أسبانيا"),
    ]:
        response = client.get(f"/{code}/cities/barcelona-es/")
        assert response.status_code == 200
        doc = soup(response)
        assert doc.html["lang"] == code
        assert doc.html["dir"] == ("rtl" if code == "ar" else "ltr")
        text = doc.get_text(" ", strip=True)
        assert theme_name in text and country in text and f"Summary {code}" in text
        # Synchronised structure: same coordinates and links in every language.
        assert doc.select_one("[data-map]")["data-lat"].startswith("41.38879")
        housing = f"{search_address(code)}?theme=housing"
        assert doc.select_one(f'.profile__commitments a[href="{housing}"]')


def test_untranslated_profile_is_read_in_the_french_site_in_its_source_language(client, barcelona):
    response = client.get("/fr/cities/barcelona-es/")
    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == "fr"
    assert doc.select_one("h1")["lang"] == "en"
    assert "Affiché en anglais" in doc.select_one(".profile__header .language-badge").get_text()
    assert doc.find("link", rel="canonical")["href"].endswith("/en/cities/barcelona-es/")


def test_unknown_profile_in_any_language_is_a_404(client, barcelona):
    assert client.get("/fr/cities/atlantis/").status_code == 404
    assert client.get("/en/cities/barcelona-es/extra/").status_code == 404


def test_requested_language_parameter_ignores_nonsense(client, barcelona):
    for value in ["xx", "<script>", "fr" * 100, "%00"]:
        response = client.get("/en/cities/barcelona-es/", {"requested": value})
        assert response.status_code == 200
        assert b"<script>" not in response.content.split(b"</head>")[1].replace(
            b"<script src=", b""
        )


def test_draft_profile_is_not_public(client, tree):
    _homes, directories = tree
    builders.profile(directories["en"], "Hidden City", live=False, slug="hidden")
    assert client.get("/en/cities/hidden/").status_code == 404
    assert "Hidden City" not in client.get("/en/cities/").content.decode()


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.parametrize("cache_backend", ["cached", "uncached"])
def test_profile_and_directory_query_counts_are_the_same_with_10_and_200_members(
    client, tree, settings, cache_backend
):
    if cache_backend == "uncached":  # the directory's cold path, as after a publish
        settings.CACHES = DUMMY_CACHE
    _homes, directories = tree
    wave = builders.wave(1)
    themes = [builders.theme(f"t{i}", f"Theme {i}") for i in range(6)]
    rights = [builders.right(f"r{i}", f"Right {i}", i + 1) for i in range(4)]

    def add_members(count):
        for _ in range(count):
            builders.profile(directories["en"], wave=wave, themes=themes[:3], rights=rights[:2])

    builders.profile(
        directories["en"], "Target", wave=wave, themes=themes, rights=rights, slug="target"
    )
    add_members(9)
    urls = [
        "/en/cities/target/",
        "/en/cities/",
        "/en/cities/?theme=t1&region=europe",
        "/en/",
        # The same member and directory read from the Arabic site (home/fallback.py).
        "/ar/cities/target/",
        "/ar/cities/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    add_members(190)
    large = {url: count_queries(client, url) for url in urls}
    assert small == large


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("en", "41.389° N, 2.159° E"),
        ("fr", "41,389° N\u00a0; 2,159° E"),
        ("es", "41,389° N; 2,159° E"),
        ("ar", "41,389° شمالًا، 2,159° شرقًا"),
    ],
)
def test_coordinates_read_as_a_place_in_each_language(client, barcelona, code, shown):
    if code != "en":
        builders.translate(barcelona, code)
    doc = soup(client.get(f"/{code}/cities/barcelona-es/"))
    place = doc.select_one(".map-panel__fallback .h-geo")
    assert place.get_text() == shown
    assert place.select_one(".p-latitude")["value"] == "41.38879"
    assert place.select_one(".p-longitude")["value"] == "2.15899"


def test_southern_and_western_coordinates(client, tree):
    _homes, directories = tree
    builders.profile(
        directories["en"],
        "Montevideo",
        slug="montevideo",
        latitude="-34.90110",
        longitude="-56.16453",
    )
    place = soup(client.get("/en/cities/montevideo/")).select_one(".h-geo")
    assert place.get_text() == "34.901° S, 56.165° W"
    assert place.select_one(".p-latitude")["value"] == "-34.90110"
