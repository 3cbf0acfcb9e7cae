"""Locales, private sections and section indexes are read once per process and version
(home/locales.py, home/privacy.py, home/fallback.py): a profile read the same locale row six
times and the view restrictions three times. What is kept must follow every change at once."""

import socket

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from cityprofiles.tests import builders
from home import locales, privacy

pytestmark = pytest.mark.django_db


def queries_of(client, url, table):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]


@pytest.fixture
def member():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    return builders.profile(directories["en"], "Grigny", slug="grigny-fr")


def test_a_profile_reads_locales_and_restrictions_only_for_wagtails_own_lookups(client, member):
    client.get(member.url)
    # Once walked, the address and the restrictions are remembered too (home/routes.py).
    assert queries_of(client, member.url, "wagtailcore_locale") == []
    assert queries_of(client, member.url, "wagtailcore_pageviewrestriction") == []


def test_a_language_added_is_seen_at_once(client, member):
    assert [locale.language_code for locale in locales.every()] == ["en", "fr"]
    Locale.objects.create(language_code="es")
    assert locales.by_code("es").language_code == "es"
    with pytest.raises(Locale.DoesNotExist):
        locales.by_code("ar")


def test_a_section_made_private_is_left_out_at_once(client, member):
    directory = member.get_parent()
    assert privacy.private_sections() == []
    assert "Grigny" in client.get("/en/cities/").content.decode()
    PageViewRestriction.objects.create(page=member, restriction_type="login")
    assert privacy.private_sections() == [(member.path, member.depth)]
    assert "Grigny" not in client.get("/en/cities/").content.decode()
    assert client.get(member.url).status_code == 302  # to the login page
    PageViewRestriction.objects.filter(page=member).delete()
    assert privacy.private_sections() == []
    assert directory.get_children().live().filter(pk=member.pk).exists()
    assert "Grigny" in client.get("/en/cities/").content.decode()


def test_what_a_process_kept_does_not_outlive_a_flushed_cache(member):
    from django.core.cache import cache

    first = locales.by_code("en")
    cache.clear()  # a new cache, a restarted Redis: versions start again elsewhere
    Locale.objects.filter(pk=first.pk).update(language_code="en")  # no signal
    assert locales.by_code("en").pk == first.pk
    assert privacy.private_sections() == []
    PageViewRestriction.objects.bulk_create(  # no signal either
        [PageViewRestriction(page=member, restriction_type="login")]
    )
    cache.clear()
    assert privacy.private_sections() == [(member.path, member.depth)]


def redis_away():
    """The production cache (django-redis, errors ignored as site/settings/base.py says) with
    its Redis gone: every read answers nothing, every write is lost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
            }
        }
    )


def test_with_the_shared_cache_away_what_is_kept_is_read_again(client, member):
    """Without versions (None from a Redis that does not answer), None == None kept serving
    what was read first: a page made private during the outage stayed listed."""
    with redis_away():
        from home import freshness

        assert freshness.unknown(freshness.versions())
        assert privacy.private_sections() == []
        assert "Grigny" in client.get("/en/cities/").content.decode()
        PageViewRestriction.objects.create(page=member, restriction_type="login")
        assert privacy.private_sections() == [(member.path, member.depth)]
        assert "Grigny" not in client.get("/en/cities/").content.decode()
        Locale.objects.create(language_code="es")
        assert locales.by_code("es").language_code == "es"
