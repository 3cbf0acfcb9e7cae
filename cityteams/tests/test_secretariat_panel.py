"""The secretariat's dashboard panel: its figures, and queries that do not grow with members."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders
from cityteams.panels import SecretariatPanel
from cityteams.roles import ensure_roles

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "fr", "es", "ar")


def member(directories, name, languages, *, live=True, published_days_ago=None):
    page = builders.profile(directories[languages[0]], name, slug=slugify(name), live=live)
    if live:
        page.save_revision().publish()
    for code in languages[1:]:
        builders.translate(page, code, title=f"{name} ({code})")
    if published_days_ago is not None:
        when = timezone.now() - datetime.timedelta(days=published_days_ago)
        CityProfilePage.objects.filter(translation_key=page.translation_key).update(
            last_published_at=when
        )
    return page


def figures():
    context = SecretariatPanel().get_context_data({})
    return {
        "awaiting_review": context["awaiting_review"],
        "missing": sorted(p.title for p in context["missing_translations"]),
        "missing_count": context["missing_translations_count"],
        "stale": [p.title for p in context["stale"]],
        "stale_count": context["stale_count"],
    }


@pytest.fixture
def directories():
    _homes, directories = builders.site_tree(languages=LANGUAGES)
    return directories


def test_figures_count_members_missing_translations_stale_and_in_review(directories):
    member(directories, "Complete", LANGUAGES)
    member(directories, "Two", ("en", "fr"))
    member(directories, "Alone", ("en",))
    member(directories, "Unpublished", ("en",), live=False)
    member(directories, "Old", LANGUAGES, published_days_ago=400)
    member(directories, "Older", ("en", "es"), published_days_ago=800)
    member(directories, "Recent", ("en",), published_days_ago=300)
    _secretariat, _translators, workflow = ensure_roles()
    reviewed = CityProfilePage.objects.get(title="Complete")
    workflow.start(reviewed, get_user_model().objects.create_user("e", "e@example.org"))

    assert figures() == {
        "awaiting_review": 1,
        # The English profile of each member with fewer than four languages.
        "missing": ["Alone", "Older", "Recent", "Two", "Unpublished"],
        "missing_count": 5,
        # Published over a year ago, the oldest first; unpublished profiles are not stale.
        "stale": ["Older", "Old"],
        "stale_count": 2,
    }


def test_a_member_whose_only_profile_is_french_is_seen(directories):
    """A member accepted from a French application has no English profile: it is still
    missing translations, and stale when it is, under its French name."""
    member(directories, "Complete", LANGUAGES)
    member(directories, "Ville", ("fr",), published_days_ago=500)
    member(directories, "Pueblo", ("es", "fr"))
    result = figures()
    assert result["missing"] == ["Pueblo", "Ville"]
    assert result["missing_count"] == 2
    assert result["stale"] == ["Ville"] and result["stale_count"] == 1


class RowCounter:
    """Adds up the rows the database returns (PostgreSQL reports them for a SELECT)."""

    def __init__(self):
        self.rows = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.rows += max(context["cursor"].rowcount, 0)
        return result


def panel_cost():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username="root")
    rows = RowCounter()
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(rows):
        SecretariatPanel().render_html({"request": request})
    return len(queries), rows.rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reports no row counts")
def test_the_panel_costs_the_same_with_few_and_many_members(directories):
    """The same queries, and the same rows read: the database counts, not Python."""
    get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")
    # Enough for both lists to show their ten: beyond them, members only add to the counts.
    for number in range(10):
        member(directories, f"Few {number}", ("en", "fr"), published_days_ago=400)
    few = panel_cost()
    for number in range(8):
        member(directories, f"Many {number}", ("en", "fr", "es"), published_days_ago=400)
        member(directories, f"Many complete {number}", LANGUAGES)
    many = panel_cost()
    assert (figures()["missing_count"], figures()["stale_count"]) == (18, 18)
    assert many == few
