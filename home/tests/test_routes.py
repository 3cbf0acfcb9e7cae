"""A page's address is walked once per process, then read with one query (home/routes.py),
and a view restriction is read only where one may apply (home/privacy.py). What a process
remembers must never serve a page that moved, was unpublished or made private meanwhile,
including by another process, whose changes this one learns only from the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders
from home import routes

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    return builders.profile(directories["en"], "Grigny", slug="grigny-fr")


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [
        q["sql"]
        for q in queries
        if 'FROM "wagtailcore_page"' in q["sql"] or 'FROM "wagtailcore_site"' in q["sql"]
    ]


def test_a_profile_walked_once_is_then_read_with_one_query(client, member):
    first, walked = page_queries(client, member.url)
    again, remembered = page_queries(client, member.url)
    assert first.status_code == again.status_code == 200
    assert "Grigny" in again.content.decode()
    walking = ['"wagtailcore_page"."url_path" IN', '"wagtailcore_page"."slug" =']
    assert not [sql for sql in remembered if any(part in sql for part in walking)]
    assert not [sql for sql in remembered if 'FROM "wagtailcore_site"' in sql]
    assert not [sql for sql in remembered if "wagtailcore_pageviewrestriction" in sql]
    assert len(remembered) < len(walked)


def test_a_page_unpublished_without_any_signal_is_not_served(client, member):
    client.get(member.url)
    # As another process's change looks to this one until its versions are read: nothing.
    Page.objects.filter(pk=member.pk).update(live=False)
    assert client.get(member.url).status_code == 404


def test_a_page_renamed_without_any_signal_is_not_served_at_its_old_address(client, member):
    old = member.url
    client.get(old)
    Page.objects.filter(pk=member.pk).update(
        slug="g2-fr", url_path=member.url_path.replace("grigny", "g2")
    )
    assert client.get(old).status_code == 404


def test_an_address_taken_by_another_page_serves_that_page(client, member):
    directory = member.get_parent()
    url = member.url
    client.get(url)
    member.delete()
    builders.profile(directory, "Another Grigny", slug="grigny-fr")
    response = client.get(url)
    assert response.status_code == 200
    assert "Another Grigny" in response.content.decode()


def test_a_page_made_private_asks_for_login_at_the_next_request(client, member):
    client.get(member.url)
    PageViewRestriction.objects.create(page=member.get_parent(), restriction_type="login")
    assert client.get(member.url).status_code == 302  # to the login page


def test_a_restriction_made_without_any_signal_still_applies_after_a_new_version(client, member):
    from home import freshness

    client.get(member.url)
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=member, restriction_type="login")]
    )
    freshness.changed("privacy changed")
    assert client.get(member.url).status_code == 302


def test_a_translation_without_its_own_page_still_falls_back(client, member):
    """Addresses Wagtail does not find (the directory's language fallbacks) are walked by
    Wagtail and the directory as before, never remembered."""
    french_home = Page.objects.get(depth=2, locale__language_code="fr")
    for _ in range(2):
        response = client.get("/fr/cities/grigny-fr/")
        assert response.status_code == 200
        assert "Grigny" in response.content.decode()
    remembered = routes._kept.memory["pages"]
    assert not [address for address in remembered if address.startswith(french_home.url_path)]


def test_an_unknown_address_is_a_404_and_not_remembered(client, member):
    assert client.get("/en/cities/nobody-here/").status_code == 404
    assert client.get("/en/cities/nobody-here/").status_code == 404
    memory = getattr(routes._kept, "memory", None) or {"pages": {}}
    assert not any("nobody-here" in address for address in memory["pages"])


def test_a_page_saved_live_in_place_is_shown_with_its_new_title(client, member):
    client.get(member.url)
    page = CityProfilePage.objects.get(pk=member.pk)
    page.title = "Grigny (renamed)"
    page.save()
    assert "Grigny (renamed)" in client.get(member.url).content.decode()
