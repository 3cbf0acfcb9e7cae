"""Whole pages kept for anonymous visitors (home/page_cache.py): served without the database,
fresh after every change, never kept when they hold something personal."""

import datetime
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cityprofiles.tests import builders
from home import freshness, page_cache
from home.models import Announcement

from .builders import standard_page

pytestmark = pytest.mark.django_db

HEADER = page_cache.HEADER


@pytest.fixture(autouse=True)
def keep_pages(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024


@pytest.fixture
def tree():
    homes, directories = builders.site_tree()
    about = standard_page(homes["en"], "about", "About the campaign", publish=True)
    housing = builders.theme("housing", "Housing")
    member = builders.profile(directories["en"], "Grigny", themes=[housing])
    member.save_revision().publish()
    return homes, directories, about, member, housing


def title(response):
    return BeautifulSoup(response.content, "html.parser").title.get_text(strip=True)


def test_a_page_is_kept_and_served_again_without_the_database(
    client, tree, django_assert_num_queries
):
    first = client.get("/en/about/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/en/about/")
    assert again.status_code == 200 and again[HEADER] == "hit"
    assert again.content == first.content
    # The headers of the inner middleware were kept, the outer ones added again.
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert again[name] == first[name]
    for name in ("Content-Language", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[name] == first[name]


def test_every_address_is_kept_apart(client, tree):
    client.get("/en/search/?q=housing")
    client.get("/fr/")
    other = client.get("/en/search/?q=water")
    assert other[HEADER] == "miss"
    assert b"water" in other.content
    assert client.get("/en/search/?q=housing")[HEADER] == "hit"
    assert client.get("/en/")[HEADER] == "miss"


def test_head_is_answered_from_a_kept_page(client, tree):
    client.get("/en/about/")
    assert client.head("/en/about/")[HEADER] == "hit"


# --- Fresh after every change ------------------------------------------------------


def test_publishing_a_change_shows_at_once(client, tree):
    about = tree[2]
    client.get("/en/about/")
    about.title = "About us"
    about.save_revision().publish()
    fresh = client.get("/en/about/")
    assert fresh[HEADER] == "miss" and "About us" in title(fresh)


def test_a_draft_does_not_reach_the_public(client, tree):
    about = tree[2]
    client.get("/en/about/")
    about.title = "Not yet"
    about.save_revision()
    assert "Not yet" not in title(client.get("/en/about/"))


def test_unpublishing_removes_the_page_at_once(client, tree):
    about = tree[2]
    client.get("/en/about/")
    about.unpublish()
    assert client.get("/en/about/").status_code == 404


def test_saving_drafts_keeps_the_kept_pages(client, tree):
    about, member = tree[2], tree[3]
    client.get("/en/about/")
    about.title = "A draft title"
    about.save_revision()  # what Wagtail does each time it saves a draft as the editor types
    member.summary = "A draft summary"
    member.save_revision()
    assert client.get("/en/about/")[HEADER] == "hit"


def test_a_page_unpublished_in_place_is_gone_at_once(client, tree):
    about = tree[2]
    client.get("/en/about/")
    about.live = False
    about.save()
    assert client.get("/en/about/").status_code == 404


def test_versions_change_again_when_the_change_is_committed(
    tree, django_capture_on_commit_callbacks
):
    before = freshness.versions()
    with django_capture_on_commit_callbacks(execute=True):
        tree[4].name = "Adequate housing"
        tree[4].save()  # a term: the catalogue
        freshness.changed("document changed")
        middle = freshness.versions()
    after = freshness.versions()
    for name in ("catalogue", "kept"):
        assert before[name] != middle[name] != after[name] != before[name], name
    assert after["chrome"] == middle["chrome"] == before["chrome"]


def test_a_live_page_changed_without_publishing_shows_at_once(client, tree):
    about = tree[2]
    client.get("/en/about/")
    about.title = "Fixed from the shell"
    about.save()
    assert "Fixed from the shell" in title(client.get("/en/about/"))


def test_a_renamed_theme_shows_at_once_on_profiles(client, tree):
    member, housing = tree[3], tree[4]
    assert b"Housing" in client.get(member.url).content
    housing.name = "Adequate housing"
    housing.save()
    fresh = client.get(member.url)
    assert fresh[HEADER] == "miss" and b"Adequate housing" in fresh.content


def test_a_new_document_makes_kept_pages_unused(client, tree):
    client.get("/en/about/")
    get_document_model().objects.create(
        title="Charter", file=ContentFile(b"%PDF-1.4", name="charter.pdf")
    )
    assert client.get("/en/about/")[HEADER] == "miss"


def test_a_new_release_never_serves_the_old_pages(client, tree, settings):
    client.get("/en/about/")
    page_cache.release.cache_clear()
    settings.RELEASE = "next-release"
    try:
        assert client.get("/en/about/")[HEADER] == "miss"
    finally:
        page_cache.release.cache_clear()


def test_a_banner_is_shown_and_removed_on_time(client, tree):
    now = timezone.now()
    Announcement.objects.create(
        locale=tree[0]["en"].locale,
        is_on=True,
        message="The fifth wave is open",
        starts_at=now + datetime.timedelta(seconds=2),
    )
    assert b"The fifth wave is open" not in client.get("/en/about/").content
    assert page_cache.stay(300, "en") <= 3
    assert page_cache.stay(300, "fr") == 300  # no banner in French
    time.sleep(3)
    assert b"The fifth wave is open" in client.get("/en/about/").content


def test_a_banner_end_shortens_the_stay(tree):
    now = timezone.now()
    Announcement.objects.create(
        locale=tree[0]["en"].locale,
        is_on=True,
        message="Congress today",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(seconds=90),
    )
    assert 89 <= page_cache.stay(300, "en", now=now) <= 91
    assert page_cache.stay(300, "en", now=now + datetime.timedelta(seconds=100)) == 300


# --- Never kept: what is personal, what is not a page ------------------------------


def test_a_logged_in_editor_neither_gets_nor_fills_kept_pages(client, tree):
    client.get("/en/about/")  # kept for the public
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    own = client.get("/en/about/")
    assert HEADER not in own
    assert b"wagtail-userbar" in own.content or b"w-userbar" in own.content
    client.logout()
    public = client.get("/en/about/")
    assert public[HEADER] == "hit"
    assert b"userbar" not in public.content


def test_a_visitor_with_a_session_goes_to_the_view(client, tree):
    client.get("/en/about/")
    client.cookies["sessionid"] = "anything"
    assert HEADER not in client.get("/en/about/")


def test_a_password_form_is_never_kept(client, tree):
    PageViewRestriction.objects.create(
        page=tree[2], restriction_type=PageViewRestriction.PASSWORD, password="secret-pass"
    )
    for _ in range(2):
        form = client.get("/en/about/")
        assert HEADER not in form
        assert b"csrfmiddlewaretoken" in form.content


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, tree):
    client.get("/en/about/")
    PageViewRestriction.objects.create(page=tree[2], restriction_type="login")
    refused = client.get("/en/about/")
    assert refused.status_code == 302 and HEADER not in refused


def test_errors_and_refused_input_are_never_kept(client, tree):
    for address in (
        "/en/no-such-page/",
        "/en/search/?theme=no-such-theme",
        "/en/search/?region=atlantis",
    ):
        first = client.get(address)
        again = client.get(address)
        assert HEADER not in again, address
        assert again.status_code == first.status_code


def test_a_post_is_never_answered_from_the_cache(client, tree):
    client.get("/en/about/")
    assert HEADER not in client.post("/en/about/")


def test_a_page_over_the_size_limit_is_not_kept(client, tree, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    client.get("/en/about/")
    assert HEADER not in client.get("/en/about/")


def test_switched_off_nothing_is_kept(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/about/")
    assert HEADER not in client.get("/en/about/")


def test_the_admin_is_never_kept(client, tree):
    client.get("/admin/login/")
    assert HEADER not in client.get("/admin/login/")


def test_without_the_cache_server_the_site_still_answers(client, tree, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    for _ in range(2):
        response = client.get("/en/about/")
        assert response.status_code == 200
        assert "About the campaign" in title(response)


# --- What a view records still happens ---------------------------------------------


def test_a_search_served_again_is_still_counted_in_the_query_log(client, tree):
    from wagtail.contrib.search_promotions.models import Query

    client.get("/en/search/?q=grigny")
    again = client.get("/en/search/?q=grigny")
    assert again[HEADER] == "hit"
    assert Query.get("grigny").hits == 2


def test_a_promoted_result_shows_at_once(client, tree):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    client.get("/en/search/?q=charter")
    SearchPromotion.objects.create(query=Query.get("charter"), page=tree[2], sort_order=0)
    fresh = client.get("/en/search/?q=charter")
    assert fresh[HEADER] == "miss"
    promoted = BeautifulSoup(fresh.content, "html.parser").select(".promoted a")
    assert [a.get_text(strip=True) for a in promoted] == ["About the campaign"]
