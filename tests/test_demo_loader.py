import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision

from cityteams.roles import COMMUNICATIONS_COLLECTION
from home.models import HomePage
from stories.demo import campaign_image
from stories.models import StoryPage
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


def test_demo_media_used_by_stories_are_communications_own():
    """Communications may only choose what is not in its collection: the demo's story
    images must be in it, including a banner left in the root by an older demo."""
    call_command("load_demo", stdout=io.StringIO())
    communications = Collection.objects.get(name=COMMUNICATIONS_COLLECTION, depth=2)
    heroes = StoryPage.objects.exclude(hero_image=None).select_related("hero_image")
    assert heroes.exists()
    assert {story.hero_image.collection_id for story in heroes} == {communications.pk}
    assert not get_image_model().objects.filter(collection__depth=1).exists()

    banner = heroes.first().hero_image
    banner.collection = Collection.get_first_root_node()
    banner.save()
    assert campaign_image().pk == banner.pk
    banner.refresh_from_db()
    assert banner.collection_id == communications.pk
