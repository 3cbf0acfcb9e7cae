import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision

from home.models import HomePage
from taxonomies.models import Wave

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "locales": Locale.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "waves": Wave.objects.count(),
        "last published": list(Page.objects.order_by("pk").values_list("pk", "last_published_at")),
    }


def test_demo_loader_is_idempotent():
    first = io.StringIO()
    call_command("load_demo", stdout=first)
    before = snapshot()
    second = io.StringIO()
    call_command("load_demo", stdout=second)
    assert snapshot() == before
    assert "[1/" in second.getvalue() and "0 created" in second.getvalue()


def test_demo_loader_builds_every_language_and_leaves_gaps_to_see():
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
        "ar",
        "en",
        "es",
        "fr",
    ]
    assert HomePage.objects.live().count() == 4
    about_languages = set(
        Page.objects.filter(slug="about").values_list("locale__language_code", flat=True)
    )
    assert about_languages == {"en", "fr", "es"}  # Arabic left untranslated on purpose
    assert Wave.objects.filter(locale__language_code="en").count() == 4
