"""Stories as the public sees them: the index and its filters, story pages, the home page,
profiles and initiatives that list their stories, and the feeds."""

import datetime
import time
import xml.etree.ElementTree as ET  # noqa: S405 (parses only this site's own feeds)

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cityprofiles.tests import builders
from initiatives.tests.builders import initiative
from stories.models import StoryPage

from .builders import story, story_indexes, translate_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(content):
    return ET.fromstring(content)  # noqa: S314 (this site's own feed)


@pytest.fixture
def tree():
    homes, directories = builders.site_tree()
    indexes = story_indexes(homes)
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    wave4 = builders.wave(4)
    grigny = builders.profile(directories["en"], "Grigny", country="FR", member_key="grigny-fr")
    grigny.save_revision().publish()
    accra = builders.profile(
        directories["en"], "Accra", country="GH", region="africa", member_key="accra-gh"
    )
    accra.save_revision().publish()
    return {
        "homes": homes,
        "directories": directories,
        "indexes": indexes,
        "housing": housing,
        "water": water,
        "wave4": wave4,
        "grigny": grigny,
        "accra": accra,
    }


def titles(response, html):
    return [a.get_text(strip=True) for a in html(response).select(".story-card__title a")]


def test_index_lists_live_stories_newest_first_in_its_language(client, tree, html):
    index = tree["indexes"]["en"]
    today = timezone.localdate()
    story(index, "Older", date=today - datetime.timedelta(days=10))
    story(index, "Newer", date=today)
    story(index, "Draft only", live=False)
    story(tree["indexes"]["fr"], "Seulement en français")
    response = client.get("/en/stories/")
    assert response.status_code == 200
    assert titles(response, html) == ["Newer", "Older"]


def test_index_filters_by_theme_wave_region_and_city(client, tree, html):
    index = tree["indexes"]["en"]
    story(index, "Housing in Grigny", themes=[tree["housing"]], members=[tree["grigny"]])
    story(index, "Water in Accra", themes=[tree["water"]], members=[tree["accra"]])
    story(index, "Wave four", waves=[tree["wave4"]])
    assert titles(client.get("/en/stories/?theme=housing"), html) == ["Housing in Grigny"]
    assert titles(client.get("/en/stories/?wave=wave-4"), html) == ["Wave four"]
    assert titles(client.get("/en/stories/?region=africa"), html) == ["Water in Accra"]
    assert titles(client.get("/en/stories/?city=grigny-fr"), html) == ["Housing in Grigny"]
    assert titles(client.get("/en/stories/?theme=water&region=europe"), html) == []


def test_the_member_filter_follows_each_story_at_once_and_keeps_the_choice(client, tree, html):
    """Its choices are kept per process and catalogue version (stories/listing.py)."""
    index = tree["indexes"]["en"]

    def members(url="/en/stories/"):
        page = html(client.get(url))
        options = page.select("select[name=city] option")
        return [o.get_text(strip=True) for o in options], [
            o["value"] for o in options if o.has_attr("selected")
        ]

    story(index, "Housing in Grigny", members=[tree["grigny"]])
    assert members() == (["All", "Grigny"], [])
    story(index, "Water in Accra", members=[tree["accra"]])
    assert members() == (["All", "Accra", "Grigny"], [])
    assert members("/en/stories/?city=accra-gh") == (["All", "Accra", "Grigny"], ["accra-gh"])


@pytest.mark.parametrize(
    "query",
    ["?theme=nope", "?region=atlantis", "?city=<script>", "?page=abc", "?page=-1", "?wave=%00"],
)
def test_bad_filters_get_a_clear_answer_not_an_error(client, tree, query, html):
    story(tree["indexes"]["en"], "A story")
    response = client.get(f"/en/stories/{query}")
    assert response.status_code == 404
    page = html(response)
    assert page.select_one("[role=alert]") is not None
    assert page.select_one("meta[name=robots]")["content"].startswith("noindex")
    assert "<script>" not in response.content.decode()


def test_pagination_keeps_the_filters(client, tree, html):
    index = tree["indexes"]["en"]
    for number in range(14):
        story(index, f"Housing {number}", themes=[tree["housing"]])
    first = client.get("/en/stories/?theme=housing")
    assert len(titles(first, html)) == 12
    next_link = html(first).select_one("a[rel=next]")["href"]
    assert "theme=housing" in next_link and "page=2" in next_link
    second = client.get(f"/en/stories/{next_link}")
    assert len(titles(second, html)) == 2
    # Far past the last page: the last page, not an error.
    assert len(titles(client.get("/en/stories/?theme=housing&page=99"), html)) == 2


def test_story_page_shows_its_members_initiatives_and_terms_in_its_language(client, tree, html):
    grigny_fr = builders.translate(tree["grigny"], "fr", title="Grigny (fr)")
    office = initiative(tree["grigny"], "Housing office", slug="housing-office")
    page = story(
        tree["indexes"]["en"],
        "Grigny testimony",
        members=[tree["grigny"], tree["accra"]],
        initiatives=[office],
        themes=[tree["housing"]],
        waves=[tree["wave4"]],
    )
    french = translate_story(page, "fr", title="Témoignage de Grigny")
    response = client.get(french.url)
    assert response.status_code == 200
    about = html(response).select_one(".story__about")
    links = {a.get_text(strip=True): a["href"] for a in about.select("a")}
    # Grigny is translated: its French page. Accra is not: its English page shown in the
    # French site, its name marked as English; so is the initiative.
    assert links["Grigny (fr)"] == grigny_fr.url
    accra = about.select_one(f'a[href="/fr/cities/{tree["accra"].slug}/"]')
    assert accra["lang"] == "en"
    assert links["Housing office"] == f"/fr/cities/{tree['grigny'].slug}/housing-office/"
    assert client.get(links["Housing office"]).status_code == 200
    assert "?theme=housing" in links["Housing"]


def test_escapes_what_editors_type(client, tree):
    page = story(
        tree["indexes"]["en"],
        "<script>alert(1)</script>",
        standfirst='"><img src=x onerror=alert(1)>',
        byline="<b>me</b>",
    )
    for url in (page.url, "/en/stories/", "/en/", "/en/stories/feed/"):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body


def test_a_story_about_a_city_shows_on_its_profile_with_a_fixed_number_of_queries(
    client, tree, html
):
    grigny_fr = builders.translate(tree["grigny"], "fr", title="Grigny (fr)")
    index_en = tree["indexes"]["en"]
    first = story(index_en, "About Grigny", members=[tree["grigny"]])
    translate_story(first, "fr", title="À propos de Grigny")
    story(index_en, "About Accra", members=[tree["accra"]])

    response = client.get(tree["grigny"].url)
    shown = [a.get_text(strip=True) for a in html(response).select(".related-stories a")]
    assert shown == ["About Grigny"]
    french = client.get(grigny_fr.url)
    assert [a.get_text(strip=True) for a in html(french).select(".related-stories a")] == [
        "À propos de Grigny"
    ]

    def queries():
        client.get(tree["grigny"].url)  # publishing empties the site-wide caches: refill them
        with CaptureQueriesContext(connection) as captured:
            assert client.get(tree["grigny"].url).status_code == 200
        return len(captured)

    with_one = queries()
    for number in range(3):
        story(index_en, f"More about Grigny {number}", members=[tree["grigny"]])
    assert queries() == with_one
    assert len(html(client.get(tree["grigny"].url)).select(".related-stories li")) == 4


def test_a_profile_no_story_is_about_asks_for_none_and_shows_the_first_one_at_once(
    client, tree, html
):
    def story_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(tree["accra"].url)
        assert response.status_code == 200
        return response, [q["sql"] for q in captured if 'FROM "stories_storypage"' in q["sql"]]

    client.get(tree["accra"].url)
    _response, asked = story_queries()
    assert asked == []
    story(tree["indexes"]["en"], "Accra's water plan", members=[tree["accra"]])
    response, asked = story_queries()
    assert asked
    assert [a.get_text(strip=True) for a in html(response).select(".related-stories a")] == [
        "Accra's water plan"
    ]


def test_an_initiative_lists_its_stories(client, tree, html):
    office = initiative(tree["grigny"], "Housing office", slug="housing-office")
    story(tree["indexes"]["en"], "The housing office opens", initiatives=[office])
    response = client.get(office.url)
    assert [a.get_text(strip=True) for a in html(response).select(".related-stories a")] == [
        "The housing office opens"
    ]


def test_home_page_shows_the_featured_story_then_the_latest(client, tree, html):
    index = tree["indexes"]["en"]
    today = timezone.localdate()
    story(index, "Featured but older", featured=True, date=today - datetime.timedelta(days=5))
    for number in range(4):
        story(index, f"Latest {number}", date=today - datetime.timedelta(days=number))
    page = html(client.get("/en/"))
    featured = page.select_one(".home-stories__featured .story-card__title").get_text(strip=True)
    assert featured == "Featured but older"
    latest = [a.get_text(strip=True) for a in page.select(".home-stories .story-list a")]
    assert latest == ["Latest 0", "Latest 1", "Latest 2"]


def test_a_story_in_the_future_is_hidden_until_its_go_live_time(client, tree, html):
    index = tree["indexes"]["en"]
    page = story(index, "Embargoed", live=False, members=[tree["grigny"]])
    go_live = timezone.now() + datetime.timedelta(seconds=1)
    page = StoryPage.objects.get(pk=page.pk)
    page.go_live_at = go_live
    page.save_revision().publish()  # with a future go-live date, publishing schedules it
    page.refresh_from_db()
    assert not page.live

    def everywhere():
        return {
            "page": client.get("/en/stories/embargoed/").status_code,
            "index": "Embargoed" in titles(client.get("/en/stories/"), html),
            "feed": "Embargoed" in client.get("/en/stories/feed/").content.decode(),
            "profile": "Embargoed" in client.get(tree["grigny"].url).content.decode(),
            "home": "Embargoed" in client.get("/en/").content.decode(),
        }

    hidden = {"page": 404, "index": False, "feed": False, "profile": False, "home": False}
    assert everywhere() == hidden
    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.05)
    # The time has come, but nothing shows until the scheduler runs (docs/deploy.md).
    assert everywhere() == hidden
    call_command("publish_scheduled")
    assert everywhere() == {
        "page": 200,
        "index": True,
        "feed": True,
        "profile": True,
        "home": True,
    }


def test_expired_story_leaves_the_site(client, tree, html):
    page = story(tree["indexes"]["en"], "Old news")
    StoryPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    assert client.get(page.url).status_code == 404
    assert "Old news" not in titles(client.get("/en/stories/"), html)


def test_feeds_list_live_stories_of_their_language_and_filter(client, tree):
    index_en = tree["indexes"]["en"]
    housing = story(index_en, "Housing news", themes=[tree["housing"]], byline="UCLG CISDP")
    story(index_en, "Water news", themes=[tree["water"]])
    story(index_en, "Draft news", live=False)
    translate_story(housing, "fr", title="Nouvelles du logement")

    rss = client.get("/en/stories/feed/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = parse_feed(rss.content).find("channel")
    assert channel.findtext("language") == "en"
    items = [item.findtext("title") for item in channel.findall("item")]
    assert sorted(items) == ["Housing news", "Water news"]
    assert all(
        item.findtext("link").startswith("http://testserver/en/stories/")
        for item in channel.findall("item")
    )

    atom = client.get("/fr/stories/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = parse_feed(atom.content)
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Nouvelles du logement"
    ]

    filtered = parse_feed(client.get("/en/stories/feed/?theme=water").content)
    assert [i.findtext("title") for i in filtered.find("channel").findall("item")] == ["Water news"]
    assert client.get("/en/stories/feed/?theme=nope").status_code == 404


def test_index_and_story_advertise_their_feeds(client, tree, html):
    page = story(tree["indexes"]["es"], "Una historia")
    for url in ("/es/stories/", page.url):
        feed = html(client.get(url)).select_one('link[type="application/rss+xml"]')
        assert feed["href"].startswith("/es/stories/feed/")


def test_sitemaps_list_live_stories_only_in_their_own_language(client, tree):
    index_en = tree["indexes"]["en"]
    live = story(index_en, "Live story", slug="live-story")
    translate_story(live, "fr", title="Récit en ligne")
    story(index_en, "Draft story", slug="draft-story", live=False)
    scheduled = story(index_en, "Scheduled story", slug="scheduled-story", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()

    english = client.get("/sitemap-en.xml").content.decode()
    assert "/en/stories/live-story/" in english
    assert "/fr/stories/live-story/" in english  # as the French alternate (hreflang)
    assert "draft-story" not in english
    assert "scheduled-story" not in english
    french = client.get("/sitemap-fr.xml").content.decode()
    assert "<loc>http://testserver/fr/stories/live-story/</loc>" in french
    assert "<loc>http://testserver/en/stories/live-story/</loc>" not in french


def test_a_story_shares_its_main_image_standfirst_and_date(client, tree, html):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    photo = get_image_model().objects.create(
        title="Mayors", file=get_test_image_file(size=(1600, 1000))
    )
    page = story(
        tree["indexes"]["en"],
        "Mayors meet in Tangier",
        standfirst="Mayors of every region met.",
        hero_image=photo,
        hero_alt="Mayors on stage",
        date=timezone.localdate(),
    )
    doc = html(client.get(page.url))

    def meta(name):
        tag = doc.select_one(f'meta[property="{name}"]') or doc.select_one(f'meta[name="{name}"]')
        return tag and tag["content"]

    assert meta("og:type") == "article"
    assert meta("og:title").startswith("Mayors meet in Tangier")
    assert meta("og:description") == "Mayors of every region met."
    assert meta("og:image").startswith("http://testserver/")
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("og:image:alt") == "Mayors on stage"
    published = StoryPage.objects.get(pk=page.pk).first_published_at
    assert meta("article:published_time") == published.isoformat()
    assert doc.select_one("link[rel=canonical]")["href"] == f"http://testserver{page.url}"
    hero = doc.select_one(".story__hero img")
    assert hero["alt"] == "Mayors on stage"
    shares = [a["href"] for a in doc.select(".share a")]
    assert shares and all("testserver" in href or href.startswith("mailto:") for href in shares)
    assert not doc.select(".share script")
    # Dated in the past: announced at that date, not at the day it was put online.
    backdated = story(tree["indexes"]["en"], "Archive", date=datetime.date(2024, 5, 2))
    doc = html(client.get(backdated.url))
    assert meta("article:published_time") == "2024-05-02T09:00:00+00:00"
