"""The menu, the announcement banner and the footer: in the visitor's language, and at
no extra query once cached."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from cityprofiles.tests import builders
from home.models import Announcement, CampaignSettings, FooterText

from .builders import standard_page

pytestmark = pytest.mark.django_db

FOOTER_SENTENCE = "A campaign of UCLG Committee on Social Inclusion"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def menu(response):
    return [
        (a.get_text(strip=True), a["href"], a.get("aria-current"))
        for a in soup(response).select("nav.site-nav a")
    ]


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def tree():
    homes, directories = builders.site_tree()
    about = standard_page(homes["en"], "about", "About", show_in_menus=True, publish=True)
    builders.translate(about, "fr", title="À propos")
    builders.translate(about, "ar", title="حول الحملة")
    standard_page(homes["en"], "legal", "Legal notice", publish=True)  # not in menus
    standard_page(homes["en"], "draft", "Draft", show_in_menus=True, live=False)
    private = standard_page(homes["en"], "team", "Team area", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return homes, directories, about


# --- Main menu -----------------------------------------------------------------


def test_menu_lists_live_public_pages_shown_in_menus_and_the_search(client, tree):
    assert menu(client.get("/en/")) == [
        ("About", "/en/about/", None),
        ("Find initiatives", "/en/search/", None),
    ]


def test_menu_is_in_the_visitors_language_and_marks_the_current_page(client, tree):
    assert menu(client.get("/fr/about/")) == [
        ("À propos", "/fr/about/", "page"),
        ("Trouver des initiatives", "/fr/recherche/", None),
    ]
    # Spanish has no translation of the page: its menu leaves it out.
    assert menu(client.get("/es/")) == [("Buscar iniciativas", "/es/buscar/", None)]
    arabic = client.get("/ar/bahth/")
    assert menu(arabic)[-1] == ("البحث عن مبادرات", "/ar/bahth/", "page")
    assert soup(arabic).html["dir"] == "rtl"


def test_menu_marks_the_section_of_a_page_below_it(client, tree):
    _homes, _directories, about = tree
    standard_page(about, "history", "History", publish=True)
    assert menu(client.get("/en/about/history/"))[0] == ("About", "/en/about/", "true")


def test_menu_follows_publishing(client, tree):
    homes, directories, about = tree
    client.get("/en/")  # cached
    directory = directories["en"]
    directory.show_in_menus = True
    directory.save_revision().publish()
    assert [item[0] for item in menu(client.get("/en/"))] == [
        "Members",
        "About",
        "Find initiatives",
    ]
    about.refresh_from_db()
    about.unpublish()
    assert [item[0] for item in menu(client.get("/en/"))] == ["Members", "Find initiatives"]


# --- Announcement banner ---------------------------------------------------------


def banner(response):
    found = soup(response).select_one(".announcement")
    return found.get_text(" ", strip=True) if found else None


def announcement(code="en", **fields):
    fields.setdefault("is_on", True)
    fields.setdefault("message", "The fifth wave is open")
    return Announcement.objects.create(locale=locale(code), **fields)


def translate_snippet(instance, code, **fields):
    """Translate a snippet the way translators do, through wagtail-localize."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    Translation.objects.create(source=source, target_locale=locale(code)).save_target()
    translated = instance.get_translation(locale(code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def test_banner_shows_on_every_page_in_the_visitors_language(client, tree):
    source = announcement(link_page=tree[2], link_text="Read more")
    translate_snippet(source, "fr", message="La cinquième vague est ouverte", link_text="Lire")
    assert banner(client.get("/en/")) == "The fifth wave is open Read more"
    assert banner(client.get("/en/search/")) == "The fifth wave is open Read more"
    french = soup(client.get("/fr/about/")).select_one(".announcement")
    assert french.get_text(" ", strip=True) == "La cinquième vague est ouverte Lire"
    # The page link leads to the page in the visitor's language.
    assert french.a["href"] == "/fr/about/"
    assert french["role"] == "region" and french["aria-label"]


def test_banner_without_a_translation_shows_nothing_in_that_language(client, tree):
    announcement()
    assert banner(client.get("/es/")) is None
    assert client.get("/es/").status_code == 200


def test_banner_switched_off_at_the_source_is_off_in_every_language(client, tree):
    source = announcement()
    translate_snippet(source, "fr", message="La cinquième vague est ouverte")
    assert banner(client.get("/fr/"))
    source.is_on = False
    source.save()
    assert banner(client.get("/en/")) is None
    assert banner(client.get("/fr/")) is None


def test_banner_appears_and_disappears_on_its_dates(client, tree):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    announcement(message="Later", starts_at=now + hour)
    assert banner(client.get("/en/")) is None
    announcement(message="Over", starts_at=now - 2 * hour, ends_at=now - hour)
    assert banner(client.get("/en/")) is None
    announcement(message="Now", starts_at=now - hour, ends_at=now + hour)
    assert banner(client.get("/en/")) == "Now"
    # Cached with its dates: no rebuild is needed for the later one to take over.
    Announcement.objects.filter(message="Later").update(starts_at=now - 1.5 * hour)
    assert banner(client.get("/en/")) == "Now"


def test_banner_switched_off_shows_nothing(client, tree):
    announcement(is_on=False)
    assert banner(client.get("/en/")) is None


def test_banner_links_must_be_web_addresses(tree):
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example/"):
        with pytest.raises(ValidationError) as error:
            Announcement(
                locale=locale("en"), message="Hi", link_url=bad, link_text="Go"
            ).full_clean()
        assert "link_url" in error.value.message_dict
    Announcement(
        locale=locale("en"), message="Hi", link_url="https://uclg.org/", link_text="Go"
    ).full_clean()
    with pytest.raises(ValidationError):
        Announcement(locale=locale("en"), message="Hi", link_url="/en/").full_clean()


def test_banner_message_is_escaped(client, tree):
    announcement(message="<script>alert(1)</script>")
    response = client.get("/en/")
    assert b"<script>alert(1)</script>" not in response.content
    assert banner(response) == "<script>alert(1)</script>"


# --- Footer ---------------------------------------------------------------------


def test_footer_shows_contact_and_social_accounts(client, tree):
    CampaignSettings.objects.create(
        contact_email="campaign@uclg.example",
        mastodon_url="https://mastodon.social/@hrcities",
        youtube_url="https://www.youtube.com/@hrcities",
    )
    footer = soup(client.get("/ar/")).select_one("footer.site-footer")
    assert footer.select_one('a[href^="mailto:"]')["href"] == "mailto:campaign@uclg.example"
    links = [
        (a.get_text(strip=True), a["href"], a["rel"]) for a in footer.select(".social-links a")
    ]
    assert links == [
        ("Mastodon", "https://mastodon.social/@hrcities", ["me"]),
        ("YouTube", "https://www.youtube.com/@hrcities", ["me"]),
    ]


def test_footer_without_settings_has_no_contact_block(client, tree):
    footer = soup(client.get("/en/")).select_one("footer.site-footer")
    assert footer.select_one(".site-footer__contact") is None
    assert FOOTER_SENTENCE in footer.get_text(" ", strip=True)


def test_social_accounts_must_be_https(tree):
    with pytest.raises(ValidationError) as error:
        CampaignSettings(facebook_url="http://facebook.com/x").full_clean()
    assert "facebook_url" in error.value.message_dict


def test_footer_text_is_per_language_with_the_built_in_sentence_as_fallback(client, tree):
    source = FooterText.objects.create(locale=locale("en"), text="<p>Run by <b>UCLG</b>.</p>")
    translate_snippet(source, "fr", text="<p>Animée par <b>CGLU</b>.</p>")
    english = soup(client.get("/en/")).select_one(".site-footer__text")
    assert english.decode_contents() == "<p>Run by <b>UCLG</b>.</p>"
    assert "Animée par" in soup(client.get("/fr/")).select_one(".site-footer__text").get_text()
    # No Spanish text: only the built-in names, in Spanish, never the English text.
    spanish = soup(client.get("/es/")).select_one("footer.site-footer")
    assert spanish.select_one(".site-footer__text") is None
    assert "Run by" not in spanish.get_text()
    assert "Una campaña de" in spanish.select_one(".site-footer__about").get_text()
    assert "UCLG" not in spanish.select_one(".site-footer__about").get_text()


def test_changing_the_settings_shows_at_once(client, tree):
    client.get("/en/")
    settings = CampaignSettings.objects.create(contact_email="old@uclg.example")
    assert "old@uclg.example" in client.get("/en/").content.decode()
    settings.contact_email = "new@uclg.example"
    settings.save()
    assert "new@uclg.example" in client.get("/en/").content.decode()


# --- Cost -------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm the caches, as between two publications
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_banner_footer_settings_and_menu_add_no_query_once_cached(client, tree):
    urls = ["/en/", "/fr/about/", "/en/search/"]
    bare = {url: count_queries(client, url) for url in urls}
    homes, _directories, about = tree
    for number in range(6):
        standard_page(homes["en"], f"menu-{number}", show_in_menus=True, publish=True)
    CampaignSettings.objects.create(contact_email="c@uclg.example", x_url="https://x.com/hrc")
    FooterText.objects.create(locale=locale("en"), text="<p>Footer</p>")
    source = announcement(link_page=about, link_text="More")
    translate_snippet(source, "fr", message="Annonce")
    dressed = {url: count_queries(client, url) for url in urls}
    assert dressed == bare
    assert len(menu(client.get("/en/"))) == 8


def test_the_chrome_costs_a_few_queries_when_rebuilt(client, tree):
    """After a publication the first visitor of each language pays for the rebuild."""
    from django.core.cache import cache

    CampaignSettings.objects.create(contact_email="c@uclg.example")
    announcement(link_page=tree[2], link_text="More")
    FooterText.objects.create(locale=locale("en"), text="<p>Footer</p>")
    warm = count_queries(client, "/en/about/")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/about/")
    # Menu 3 (home, private sections, children), banner 3 (banners, private sections,
    # linked page), settings 1, footer 3 (its text, private sections, the privacy notice
    # and open-data pages), and Wagtail's own site root paths 2; private sections are read
    # once per version now (home/privacy.py). Besides, the address is walked again once
    # (home/routes.py): the site, the root's translation (its language and row), the walk,
    # the restrictions and the aliases, 6.
    assert len(queries) - warm <= 16


# --- Admin ------------------------------------------------------------------------


def test_editors_find_the_settings_and_snippets_in_the_admin(client, tree):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(user)
    source = announcement()
    settings_form = client.get("/admin/settings/home/campaignsettings/", follow=True)
    assert settings_form.status_code == 200
    assert b'name="contact_email"' in settings_form.content
    assert client.get("/admin/snippets/home/announcement/").status_code == 200
    assert client.get("/admin/snippets/home/footertext/").status_code == 200
    listing = client.get("/admin/snippets/home/announcement/").content.decode()
    assert f"/admin/localize/submit/snippet/home/announcement/{source.pk}/" in listing


# --- The 500 page -------------------------------------------------------------------


@pytest.mark.django_db(transaction=False)
def test_server_error_page_renders_without_the_database(django_db_blocker):
    from home.views import server_error

    request = RequestFactory().get("/fr/about/")
    with django_db_blocker.block():
        response = server_error(request)
    assert response.status_code == 500
    assert b'lang="fr"' in response.content
    assert b"site-nav" not in response.content and b"announcement" not in response.content


def test_an_editor_without_the_permissions_cannot_change_settings_or_banners(client, tree):
    """Crafted requests by a user with admin access only (a city editor, say)."""
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "e@example.org", "pw-123456789")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    settings = CampaignSettings.objects.create(contact_email="campaign@uclg.example")
    source = announcement(is_on=False)

    edit = f"/admin/settings/home/campaignsettings/{settings.pk}/"
    response = client.post(edit, {"contact_email": "attacker@example.org"})
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/snippets/home/announcement/edit/{source.pk}/",
        {"is_on": "on", "message": "Defaced", "link_url": "", "link_text": ""},
    )
    assert response.status_code in (302, 403)
    response = client.post(
        "/admin/snippets/home/announcement/add/", {"is_on": "on", "message": "Defaced"}
    )
    assert response.status_code in (302, 403)

    settings.refresh_from_db()
    source.refresh_from_db()
    assert settings.contact_email == "campaign@uclg.example"
    assert (source.is_on, source.message) == (False, "The fifth wave is open")
    assert Announcement.objects.count() == 1
    assert banner(client.get("/en/")) is None


def test_a_banner_not_yet_shown_is_chosen_only_by_those_who_write_banners(client):
    """Wagtail's snippet chooser lists every item to any admin user: a switched-off banner
    was readable by a city editor or a translator."""
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from cityteams.onboarding import onboard
    from cityteams.roles import COMMUNICATIONS, TRANSLATORS, ensure_roles

    _homes, directories = builders.site_tree(languages=("en",))
    ensure_roles()
    barcelona = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    _team, city_editor, _invited = onboard(barcelona, "editor@barcelona.example.org")
    draft = announcement(is_on=False, message="Embargoed: the fifth wave opens")
    urls = [
        reverse("wagtailsnippetchoosers_home_announcement:choose"),
        reverse("wagtailsnippetchoosers_home_announcement:choose_results"),
        reverse("wagtailsnippetchoosers_home_announcement:chosen", args=[draft.pk]),
        reverse("wagtailsnippetchoosers_home_announcement:chosen_multiple") + f"?id={draft.pk}",
    ]
    User = get_user_model()
    translator = User.objects.create_user("tr", "tr@example.org", "pw-123456789")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    for user, url in [(user, url) for user in (translator, city_editor) for url in urls]:
        client.force_login(user)
        response = client.get(url)
        # Refused as the admin refuses: back to the dashboard, nothing of the banner.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
        assert "Embargoed" not in response.content.decode(), url
    assert Announcement.objects.get(pk=draft.pk).message.startswith("Embargoed")
    # Communications, who write banners, still choose it.
    writer = User.objects.create_user("news", "news@example.org", "pw-123456789")
    writer.groups.add(Group.objects.get(name=COMMUNICATIONS))
    client.force_login(writer)
    assert "Embargoed" in client.get(urls[1]).content.decode()
