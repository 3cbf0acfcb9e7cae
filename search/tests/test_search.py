import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cityprofiles.tests import builders
from initiatives.tests.builders import initiative

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="language stemming needs PostgreSQL"
)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".result__title a")]


def facet_counts(response, name):
    counts = {}
    for box in soup(response).select(f'input[name="{name}"]'):
        label = box.find_parent("label").get_text(" ", strip=True)
        counts[box["value"]] = int(label.rsplit("(", 1)[1].rstrip(")"))
    return counts


@pytest.fixture
def data():
    _homes, directories = builders.site_tree(languages=("en", "fr", "es", "ar"))
    en = directories["en"]
    wave1, wave2 = builders.wave(1), builders.wave(2)
    housing, water = builders.theme("housing", "Housing"), builders.theme("water", "Water")
    city = builders.right("right-to-the-city", "Right to the city", 1)
    barcelona = builders.profile(
        en, "Barcelona", country="ES", region="europe", wave=wave1, slug="barcelona"
    )
    montevideo = builders.profile(
        en, "Montevideo", country="UY", region="latin-america", wave=wave2, slug="montevideo"
    )
    pages = {
        "shelter": initiative(
            barcelona,
            "Emergency shelter",
            summary="Beds for homeless people.",
            themes=[housing],
            rights=[city],
            start_year=2021,
            slug="shelter",
        ),
        "tenants": initiative(
            barcelona,
            "Tenants' rights office",
            summary="Protecting tenants against evictions.",
            themes=[housing],
            status="completed",
            start_year=2019,
            slug="tenants",
        ),
        "fountains": initiative(
            montevideo,
            "Public fountains",
            summary="Drinking water for all.",
            themes=[water],
            start_year=2021,
            slug="fountains",
        ),
        "water-housing": initiative(
            montevideo,
            "Water in new housing",
            summary="Every new home connected to drinking water.",
            themes=[water, housing],
            rights=[city],
            status="planned",
            start_year=2024,
            slug="water-housing",
        ),
    }
    initiative(
        barcelona,
        "Secret draft housing",
        summary="Draft housing plan.",
        themes=[housing],
        live=False,
        slug="draft",
    )
    private = initiative(
        barcelona,
        "Private housing note",
        summary="Internal housing memo.",
        themes=[housing],
        slug="private",
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret-pass"
    )  # noqa: S106
    return pages


def test_facets_and_counts_on_a_known_data_set(client, data):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert len(titles(response)) == 4  # the draft and the private initiative never appear
    assert facet_counts(response, "theme") == {"housing": 3, "water": 2}
    assert facet_counts(response, "region") == {"europe": 2, "latin-america": 2}
    assert facet_counts(response, "status") == {"ongoing": 2, "completed": 1, "planned": 1}
    assert facet_counts(response, "year") == {"2024": 1, "2021": 2, "2019": 1}
    assert facet_counts(response, "right") == {"right-to-the-city": 2}
    assert facet_counts(response, "wave") == {"wave-1": 2, "wave-2": 2}
    assert facet_counts(response, "country") == {"ES": 2, "UY": 2}


def test_filters_combine_and_each_facet_counts_with_the_others(client, data):
    response = client.get("/en/search/?theme=housing&region=latin-america")
    assert titles(response) == ["Water in new housing"]
    # Theme counts ignore the theme filter but keep the region filter.
    assert facet_counts(response, "theme") == {"housing": 1, "water": 2}
    assert facet_counts(response, "region") == {"europe": 2, "latin-america": 1}
    assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # Several values of one facet widen the results.
    response = client.get("/en/search/?status=completed&status=planned")
    assert sorted(titles(response)) == ["Tenants' rights office", "Water in new housing"]


def test_text_and_filters_combine(client, data):
    response = client.get("/en/search/?q=water")
    assert sorted(titles(response)) == ["Public fountains", "Water in new housing"]
    response = client.get("/en/search/?q=water&theme=housing")
    assert titles(response) == ["Water in new housing"]
    assert facet_counts(response, "theme") == {"housing": 1, "water": 2}
    marks = [m.get_text() for m in soup(response).select(".result__snippet mark")]
    assert marks == ["water"]


def test_sorting(client, data):
    az = titles(client.get("/en/search/?sort=az"))
    assert az == sorted(az)
    newest = titles(client.get("/en/search/?sort=newest"))
    assert newest[0] == "Water in new housing"  # published last


def test_drafts_unpublished_and_private_pages_never_appear(client, data):
    data["tenants"].unpublish()
    for url in ["/en/search/", "/en/search/?q=housing", "/en/search/?theme=housing"]:
        body = client.get(url).content.decode()
        for hidden in ["Secret draft housing", "Private housing note", "Tenants' rights office"]:
            assert hidden not in body, (url, hidden)
    assert facet_counts(client.get("/en/search/"), "theme") == {"housing": 2, "water": 2}


def test_promoted_results_and_query_log(client, data):
    SearchPromotion.objects.create(query=Query.get("fountains"), page=data["tenants"], sort_order=0)
    response = client.get("/en/search/?q=fountains")
    promoted = [a.get_text(strip=True) for a in soup(response).select(".promoted a")]
    assert promoted == ["Tenants' rights office"]
    client.get("/en/search/?q=fountains")
    assert Query.get("fountains").hits == 2


def test_empty_state_is_helpful(client, data):
    response = client.get("/en/search/?q=zebra")
    assert response.status_code == 200
    assert soup(response).select_one(".empty-state")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("theme=atlantis", 400),
        ("region=mars", 400),
        ("status=unknown", 400),
        ("year=19999", 400),
        ("sort=random", 400),
        ("format=xml", 400),
        ("page=abc", 200),
        ("page=-5", 200),
        ("page=99999999999", 200),
        ("q=" + "housing%20" * 2000, 200),
        ("q=%00%01%02water", 200),
        ("q=%ED%A0%80water", 200),  # a lone surrogate, encoded
        ("q=%D8%A7%D9%84%D9%85%D9%8A%D8%A7%D9%87", 200),  # Arabic: "the water"
        ("q=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B--", 200),
        ("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200),
        ("q=water%20OR%201%3D1", 200),
        ("q=%22unterminated", 200),
        ("theme=" + "&theme=".join(["housing"] * 30), 400),
    ],
)
def test_bad_input_gets_a_clear_answer_never_a_500(client, data, query, status):
    response = client.get(f"/en/search/?{query}")
    assert response.status_code == status
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    if status == 400:
        assert soup(response).select_one('.notice[role="alert"]')


def test_search_query_count_does_not_grow_with_results(client, data):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/en/search/", "/en/search/?q=housing", "/en/search/?theme=housing&region=europe"]
    small = {url: count(url) for url in urls}
    barcelona = data["shelter"].get_parent().specific
    housing = data["shelter"].themes.first()
    for number in range(30):
        initiative(
            barcelona, f"More housing {number}", summary="Housing for all.", themes=[housing]
        )
    assert {url: count(url) for url in urls} == small


@postgres_only
def test_french_query_finds_the_french_initiative_with_stemming(client, data):
    french = builders.translate(data["tenants"].get_parent().specific, "fr", title="Barcelone")
    page = initiative(
        french, "Logements sociaux", summary="Des logements pour les familles.", slug="logements"
    )
    assert page.locale.language_code == "fr"
    # "logement" finds "logements" with French stemming.
    assert titles(client.get("/fr/recherche/?q=logement")) == ["Logements sociaux"]
    # The English page searches the French initiative too, with French stemming.
    assert titles(client.get("/en/search/?q=logement")) == ["Logements sociaux"]


@postgres_only
def test_each_language_keeps_its_own_stemming(client, data):
    barcelona = data["tenants"].get_parent().specific
    spanish = builders.translate(barcelona, "es", title="Barcelona")
    arabic = builders.translate(barcelona, "ar", title="برشلونة")
    initiative(spanish, "Viviendas", summary="Nuevas viviendas sociales.", slug="viviendas")
    initiative(arabic, "المياه", summary="المياه للجميع في المدينة.", slug="water-ar")
    assert titles(client.get("/es/buscar/?q=vivienda")) == ["Viviendas"]
    assert titles(client.get("/ar/bahth/?q=المياه")) == ["المياه"]
    # English stemming still works on English pages after other languages were indexed.
    assert "Tenants' rights office" in titles(client.get("/en/search/?q=eviction"))


@pytest.mark.parametrize(
    "text",
    [
        "l'eau",
        "don't",
        "a-b",
        "-x",
        "x-",
        "NEAR(a b)",
        "a AND OR NOT b",
        "*",
        "^a",
        "a:b",
        "’",
        "''",
        "'a'",
        '"a',
        'a"',
        "(",
        ")",
        "{}",
        "[x]",
        "AND",
        "OR",
        "NOT",
        "a OR",
        "😀",
        "ـ",
        "\u200fwater\u200e",
        "%",
        "_",
        "\\",
        "a\\'b",
        "NEAR",
        "water*",
        "+water",
        "~water",
    ],
)
def test_query_syntax_characters_never_break_the_search(client, data, text):
    response = client.get("/en/search/", {"q": text})
    assert response.status_code == 200


def test_snippets_escape_the_text_before_marking_the_words():
    from search.highlight import snippet

    html = str(snippet('<b onclick="x()">Water</b> & more water', "water"))
    assert html == (
        "&lt;b onclick=&quot;x()&quot;&gt;<mark>Water</mark>&lt;/b&gt; "
        "&amp; more <mark>water</mark>"
    )
