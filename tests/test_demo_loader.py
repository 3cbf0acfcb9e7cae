import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.models import Translation as LocalizeTranslation

from cityprofiles.models import CityIndexPage, CityProfilePage
from cityteams.roles import COMMUNICATIONS_COLLECTION
from home.demo import demo_key
from home.models import HomePage
from initiatives.models import InitiativePage
from stories.demo import STORIES, story_poster
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
        Page.objects.filter(translation_key=demo_key("about")).values_list(
            "locale__language_code", flat=True
        )
    )
    assert about_languages == {"en", "fr", "es", "ar"}
    how_to_join = set(
        Page.objects.filter(translation_key=demo_key("join")).values_list(
            "locale__language_code", flat=True
        )
    )
    assert how_to_join == {"en", "fr", "es"}  # Arabic left untranslated on purpose
    assert Wave.objects.filter(locale__language_code="en").count() == 4


def test_demo_media_used_by_stories_are_communications_own():
    """Communications may only choose what is not in its collection: the demo's story
    images must be in it, including a poster left in the root by an older demo."""
    call_command("load_demo", stdout=io.StringIO())
    communications = Collection.objects.get(name=COMMUNICATIONS_COLLECTION, depth=2)
    heroes = StoryPage.objects.exclude(hero_image=None).select_related("hero_image")
    assert heroes.exists()
    assert {story.hero_image.collection_id for story in heroes} == {communications.pk}
    assert not get_image_model().objects.filter(collection__depth=1).exists()

    story = heroes.filter(locale__language_code="en").first()
    poster = story.hero_image
    poster.collection = Collection.get_first_root_node()
    poster.save()
    spec = next(spec for spec in STORIES if spec["slug"] == story.slug)
    assert story_poster(spec).pk == poster.pk
    poster.refresh_from_db()
    assert poster.collection_id == communications.pk


def test_every_member_and_story_has_its_own_poster_with_alternative_text(demo_site):
    english = CityProfilePage.objects.filter(locale__language_code="en").select_related("logo")
    assert english.count() == 19
    logos = [profile.logo for profile in english]
    assert None not in logos
    assert len({logo.pk for logo in logos}) == 19
    for profile, logo in zip(english, logos, strict=True):
        assert profile.title in logo.description
    stories = StoryPage.objects.filter(locale__language_code="en")
    assert len({story.hero_image_id for story in stories}) == stories.count() == 4
    for story in StoryPage.objects.all():
        assert story.hero_alt, story.url_path
    # Posters, not stripes: the name is drawn in large letters, so the image has many
    # colours where the old banner had two.
    with logos[0].get_willow_image() as willow:
        pillow = willow.get_pillow_image()
        assert len(pillow.convert("RGB").getcolors(maxcolors=100_000)) > 10


def test_the_demo_reads_like_a_campaign_not_a_template(demo_site):
    initiatives = InitiativePage.objects.all()
    titles = list(initiatives.values_list("title", flat=True))
    assert len(titles) == len(set(titles)), "two initiatives share a title"
    english = CityProfilePage.objects.filter(locale__language_code="en")
    for profile in english:
        assert InitiativePage.objects.child_of(profile).count() >= 2, profile.title
    answers = [str(block.value) for profile in english for block in profile.vision]
    assert len(answers) == len(set(answers)) >= 2 * 19
    for page in Page.objects.live().specific():
        text = " ".join(
            str(getattr(page, name, "") or "")
            for name in ("title", "introduction", "summary", "standfirst", "body", "vision")
        )
        assert "[Demo" not in text and "[Texte" not in text and "[Texto" not in text, page.url
        assert "[نص" not in text, page.url
    barcelona = english.get(member_key="barcelona-es")
    assert barcelona.leader_name and barcelona.term_start and barcelona.term_end
    assert barcelona.website == "https://www.barcelona.cat"


def test_the_housing_search_finds_distinct_initiatives(client, demo_site):
    response = client.get("/en/search/", {"q": "housing"})
    assert response.status_code == 200
    found = [
        title
        for title in InitiativePage.objects.filter(locale__language_code="en").values_list(
            "title", flat=True
        )
        if title in response.content.decode()
    ]
    assert len(found) >= 3 and len(found) == len(set(found))


def test_translations_are_made_through_wagtail_localize(demo_site):
    """Every translated page has wagtail-localize's source, translation and translated
    strings, so "Sync translated pages" and the status report act on them."""
    default = Locale.get_default()
    translated = Page.objects.exclude(locale=default).exclude(depth=1)
    assert translated.count() > 90
    sources = {
        (source.object_id, translation.target_locale_id)
        for translation in LocalizeTranslation.objects.select_related("source")
        for source in [translation.source]
    }
    for page in translated:
        assert (page.translation_key, page.locale_id) in sources, page.url_path
    assert StringTranslation.objects.filter(locale__language_code="ar").count() > 20


def test_a_sync_keeps_translations_and_translated_addresses(
    demo_site, django_capture_on_commit_callbacks
):
    directory = CityIndexPage.objects.get(locale__language_code="en")
    directory.introduction = "Every member of the campaign, old and new."
    directory.save_revision().publish()
    source = TranslationSource.objects.get(
        object_id=directory.translation_key, locale=directory.locale
    )
    source.update_from_db()
    french = LocalizeTranslation.objects.get(source=source, target_locale__language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        french.save_target(publish=True)
    page = CityIndexPage.objects.get(locale__language_code="fr")
    assert page.slug == "villes-territoires-droits-humains-2030"
    assert page.title == "Membres"
    # The changed source text has no French yet: shown in English until translated.
    assert page.introduction == "Every member of the campaign, old and new."


def test_arabic_has_its_own_members_initiatives_and_pages(client, demo_site):
    irbid = CityProfilePage.objects.get(member_key="irbid-jo", locale__language_code="ar")
    assert irbid.title == "إربد"
    arabic_initiatives = InitiativePage.objects.child_of(irbid)
    assert arabic_initiatives.count() == 3
    for page in arabic_initiatives:
        assert all("\u0600" <= letter <= "\u06ff" for letter in page.title if letter.isalpha())
    for key in ("home", "about", "join-online"):
        assert Page.objects.filter(
            translation_key=demo_key(key), locale__language_code="ar"
        ).exists(), key
    response = client.get(irbid.url)
    assert response.status_code == 200
    assert "ثاني مدن الأردن" in response.content.decode()
    # Some members stay untranslated, to show the site's fallback.
    assert not CityProfilePage.objects.filter(
        member_key="barcelona-es", locale__language_code="ar"
    ).exists()
    assert not CityProfilePage.objects.filter(
        member_key="irbid-jo", locale__language_code="fr"
    ).exists()
