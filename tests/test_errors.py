"""Unknown languages and paths get the translated 404; server errors a translated 500."""

import pytest
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "language", "text"),
    [
        ("/en/no-such-page/", "en", "Page not found"),
        ("/fr/no-such-page/", "fr", "Page introuvable"),
        ("/es/no-such-page/", "es", "Página no encontrada"),
        ("/ar/no-such-page/", "ar", "الصفحة غير موجودة"),
        ("/ar/join/", "ar", "الصفحة غير موجودة"),  # exists in English, not in Arabic
    ],
)
def test_unknown_path_gives_the_translated_404(client, demo_site, html, url, language, text):
    response = client.get(url)
    assert response.status_code == 404
    doc = html(response)
    assert doc.html["lang"] == language
    assert doc.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert doc.find("h1").get_text(strip=True) == text
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/zz/about/",
        "/en-gb/",
        "/pt/",
        "/%ff/",
        "/fr/%ff%fe/",
        "/en/about/%00/",
        "/en/" + "a" * 3000 + "/",
    ],
)
def test_unknown_language_prefix_or_malformed_path_is_a_404_never_a_500(client, demo_site, url):
    response = client.get(url, follow=True, headers={"accept-language": "es"})
    assert response.status_code == 404


def boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("en/boom/", boom), path("fr/boom/", boom), path("ar/boom/", boom)]
handler500 = "home.views.server_error"


@override_settings(ROOT_URLCONF="tests.test_errors")
@pytest.mark.parametrize(
    ("language", "text", "direction"),
    [
        ("en", "Something went wrong", "ltr"),
        ("fr", "Une erreur est survenue", "ltr"),
        ("ar", "حدث خطأ", "rtl"),
    ],
)
def test_server_error_page_is_translated(html, language, text, direction):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/boom/")
    assert response.status_code == 500
    doc = html(response)
    assert doc.html["lang"] == language
    assert doc.html["dir"] == direction
    assert doc.find("h1").get_text(strip=True) == text
    assert doc.select_one("main a")["href"] == f"/{language}/"
