"""The "My city" start on the admin dashboard, as Barcelona's editor (and its translator) sees it.

Built on the two onboarded cities of the permission tests (cityteams/tests/builders.py):
Vienna's drafts, comments and translations must not show on Barcelona's dashboard.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cityprofiles.tests import builders as profile_builders
from cityprofiles.tests.test_admin_form import form_data as profile_form
from cityteams.panels import MyCityPanel
from cityteams.roles import SECRETARIAT
from cityteams.tests import builders
from initiatives.models import InitiativePage
from initiatives.tests.builders import initiative

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def dashboard(user):
    client = Client()
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    body = response.content.decode()
    for secret in builders.SECRETS:
        assert secret not in body
    return BeautifulSoup(body, "html.parser"), client


def my_city(document):
    sections = document.select("section.my-city")
    assert len(sections) == 1
    return sections[0]


def cell(section, row, language):
    return section.select_one(f'tr[data-translations="{row}"] td[data-language="{language}"]')


def test_a_city_editor_starts_from_their_city(world):
    Locale.objects.create(language_code="ar")  # a language no page of Barcelona has yet
    document, _client = dashboard(world.a_editor)
    section = my_city(document)
    heading = section.find("h2")
    assert heading.get_text(strip=True) == "My city: Barcelona"
    assert section["aria-labelledby"] == heading["id"]
    links = {a.get_text(" ", strip=True): a["href"] for a in section.select("a")}
    assert links["Edit the profile"] == reverse(
        "wagtailadmin_pages:edit", args=[world.barcelona.pk]
    )
    assert links["View live"] == "/en/cities/barcelona/"
    assert "View draft" not in links  # nothing unpublished
    assert section.select_one("[data-review-state]")["data-review-state"] == "published"
    # A labelled button, to the add view of an initiative under the English profile.
    add = section.select_one("a[data-add-initiative]")
    assert add.get_text(strip=True) == "Add an initiative"
    assert add["href"] == reverse(
        "wagtailadmin_pages:add", args=("initiatives", "initiativepage", world.barcelona.pk)
    )
    rows = section.select("table.my-city__initiatives tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Barcelona rights office"]
    headers = [th.get_text(strip=True) for th in section.select("table.my-city__initiatives th")]
    assert headers[:4] == ["Initiative", "State", "Latest comment from the secretariat", "Actions"]
    # The translations: every language, with a header per column.
    columns = [th.get_text(strip=True) for th in section.select("table.my-city__translations th")]
    assert columns[:5] == ["Page", "English", "French", "Spanish", "Arabic"]
    profile_row = f"profile-{world.barcelona.pk}"
    assert cell(section, profile_row, "en")["data-translation-state"] == "original"
    assert cell(section, profile_row, "fr")["data-translation-state"] == "up-to-date"
    assert cell(section, profile_row, "es")["data-translation-state"] == "up-to-date"
    arabic = cell(section, profile_row, "ar")
    assert arabic["data-translation-state"] == "missing"
    # A city editor cannot start a translation: they are told who does.
    assert "Ask the secretariat to start the translation" in arabic.get_text()
    assert not arabic.select("a")
    assert "visitors see the English version" in arabic.get_text()


def test_the_page_count_of_every_city_is_replaced_by_their_initiatives(world):
    document, _client = dashboard(world.a_editor)
    summary = document.select_one(".w-summary").get_text(" ", strip=True)
    assert "Pages" not in summary
    assert "1 initiative of Barcelona" in summary


def test_the_secretariat_keeps_its_panel_and_sees_no_city_of_its_own(world):
    secretariat = get_user_model().objects.create_user("sec", "sec@example.org", "pw-123456789")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    client = Client()
    client.force_login(secretariat)
    document = BeautifulSoup(client.get(HOME).content, "html.parser")
    assert not document.select("section.my-city")
    assert "Members: what needs attention" in document.get_text()
    assert "Pages" in document.select_one(".w-summary").get_text()


def initiative_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "status": page.status,
        "start_year": str(page.start_year or ""),
        "end_year": "",
        "body": streamfield([]),
        "framework_pillar": "",
        "partners": "",
        "links": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_review_states_and_the_secretariats_latest_comment(world):
    """Made as the editor and the secretariat make them: a submission and a draft through the
    edit view, changes requested through the workflow's action view."""
    editor = logged_in(world.a_editor)
    page = world.barcelona_initiative
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        initiative_form(page, summary="Now with 2024 figures", **{"action-submit": "Submit"}),
    )
    assert response.status_code == 302
    section = my_city(dashboard(world.a_editor)[0])
    row = section.select_one(f'tr[data-initiative="{page.pk}"]')
    assert row.select_one("[data-review-state]")["data-review-state"] == "in-review"
    assert "In review by the secretariat" in row.get_text()

    secretariat = get_user_model().objects.create_user(
        "sec", "sec@example.org", "pw-123456789", first_name="Ana", last_name="Reviewer"
    )
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    response = logged_in(secretariat).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Please add who runs the office."},
    )
    assert response.status_code in (200, 302)

    editor.post(
        reverse("wagtailadmin_pages:edit", args=[world.barcelona.pk]),
        profile_form(world.barcelona, summary="A draft summary"),
    )
    section = my_city(dashboard(world.a_editor)[0])
    row = section.select_one(f'tr[data-initiative="{page.pk}"]')
    assert row.select_one("[data-review-state]")["data-review-state"] == "changes-requested"
    assert "Please add who runs the office." in row.get_text()
    assert "Changes requested, Ana Reviewer" in row.get_text(" ", strip=True)
    initiative_cell = cell(section, f"initiative-{page.pk}", "en")
    assert "Changes requested by the secretariat" in initiative_cell.get_text()
    # The profile's draft: its state, and a way to see it.
    assert section.select_one("dd[data-review-state]")["data-review-state"] == "draft"
    assert "changes not yet submitted" in section.select_one("dd[data-review-state]").get_text()
    links = {a.get_text(" ", strip=True): a["href"] for a in section.select(".my-city__actions a")}
    assert links["View draft"] == reverse(
        "wagtailadmin_pages:view_draft", args=[world.barcelona.pk]
    )


def test_translation_states_and_what_each_role_may_do_about_them(world):
    """A synchronised French translation made with wagtail-localize whose source changed, a
    Spanish one waiting as a draft: the editor is told whom to ask, the team's translator (who
    holds submit_translation) gets the links."""
    page = InitiativePage.objects.get(pk=world.barcelona_initiative.pk)
    source, french = builders.translate_with_localize(page, "fr", world.superuser)
    french.get_latest_revision().publish()  # the secretariat published it
    _source, spanish = builders.translate_with_localize(page, "es", world.superuser, publish=False)
    page.summary = "A changed source"
    page.save_revision(user=world.superuser).publish()
    row = f"initiative-{page.pk}"

    section = my_city(dashboard(world.a_editor)[0])
    fr = cell(section, row, "fr")
    assert fr["data-translation-state"] == "out-of-date"
    assert "Ask the secretariat to sync it" in fr.get_text() and not fr.select("a")
    es = cell(section, row, "es")
    assert es["data-translation-state"] == "waiting"
    links = {a.get_text(" ", strip=True): a["href"] for a in es.select("a")}
    assert links[f"Review the draft ({page.title}, Spanish)"] == reverse(
        "wagtailadmin_pages:edit", args=[spanish.pk]
    )
    assert "The secretariat publishes it" in es.get_text()
    assert cell(section, row, "ar") is None  # no Arabic tree on this site

    section = my_city(dashboard(world.translator)[0])
    sync = cell(section, row, "fr").select_one("a")
    assert sync.get_text(strip=True).startswith("Sync")
    assert sync["href"].startswith(
        reverse("wagtail_localize:update_translations", args=[source.pk])
    )
    Locale.objects.create(language_code="ar")
    section = my_city(dashboard(world.translator)[0])
    translate = cell(section, row, "ar").select_one("a")
    assert translate["href"].startswith(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    )


def test_an_editor_of_two_cities_sees_each(world):
    user = get_user_model().objects.create_user("both", "both@example.org", "pw-123456789")
    user.groups.add(world.a_team.group, world.b_team.group)
    client = logged_in(user)
    document = BeautifulSoup(client.get(HOME).content, "html.parser")
    headings = [h.get_text(strip=True) for h in document.select("section.my-city h2")]
    assert sorted(headings) == ["My city: Barcelona", "My city: SECRET DRAFT"]
    adds = [a["href"] for a in document.select("a[data-add-initiative]")]
    assert sorted(adds) == sorted(
        reverse("wagtailadmin_pages:add", args=("initiatives", "initiativepage", p.pk))
        for p in (world.barcelona, world.vienna)
    )
    # Each button says which city it adds to.
    assert {a.get_text(" ", strip=True) for a in document.select("a[data-add-initiative]")} == {
        "Add an initiative to Barcelona",
        "Add an initiative to SECRET DRAFT",
    }


def render_panel(user):
    request = RequestFactory().get(HOME)
    request.user = get_user_model().objects.get(pk=user.pk)  # no permission cache
    return MyCityPanel().render_html({"request": request, "csrf_token": ""})


def panel_queries(user):
    render_panel(user)  # the site's root paths and content types, cached once for all
    with CaptureQueriesContext(connection) as queries:
        html = render_panel(user)
    return len(queries), html


def test_the_panel_costs_the_same_queries_with_few_and_many_initiatives_and_languages(world):
    few, html = panel_queries(world.a_editor)
    assert "Barcelona rights office" in html
    superuser = world.superuser
    for number in range(6):
        page = initiative(world.barcelona, f"Initiative {number}", slug=f"initiative-{number}")
        builders.translate_with_localize(page, "fr", superuser)
        profile_builders.translate(page, "es", title=f"Iniciativa {number}")
        page.save_revision(user=world.a_editor)
        if number % 2:
            state = world.workflow.start(page, world.a_editor)
            state.current_task_state.reject(user=superuser, comment=f"Comment {number}")
    many, html = panel_queries(world.a_editor)
    assert html.count("data-initiative=") == 7
    assert "Comment 5" in html
    assert many == few


def test_the_campaigns_name_keeps_its_direction_on_an_arabic_dashboard(world):
    """ "10, 100, 1000 Human Rights Cities…" was laid out "Human … 1000 ,100 ,10" in Arabic."""
    from django.conf import settings
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world.a_editor)
    profile.preferred_language = "ar"
    profile.save()
    document, _client = dashboard(world.a_editor)
    assert document.find("html")["dir"] == "rtl"
    heading = document.select_one("h1 bdi")
    assert heading is not None and heading.get_text(strip=True) == settings.WAGTAIL_SITE_NAME
