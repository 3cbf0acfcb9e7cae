"""Preview and history work for every page type: the secretariat can see what it approves.

For each page type, in two languages, the people who edit it make a draft **through the
admin's edit view** (as editors do: ``nested_form_data`` and ``streamfield``), carrying every
relation the page can have — themes, rights, pillars, SDGs, rights-holder groups, partners,
members, images, documents and every block. Then every way of looking at that draft answers
200 and shows the draft's values: ``view_draft``, the editor's live preview panel,
``revisions/<id>/view`` and the comparison with the previous version (labels, not codes), and
for members' pages the secretariat's preview of a draft submitted for review.

A page read from a revision holds its relations in memory (modelcluster's ``FakeQuerySet``);
code that asked them for database subqueries answered 500 here before (issue #17).
"""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cityprofiles.tests import builders
from cityteams.onboarding import onboard
from cityteams.roles import COMMUNICATIONS, SECRETARIAT, ensure_roles
from initiatives.tests.builders import initiative
from joining.models import JoinPage
from stories.tests.builders import story, story_indexes
from taxonomies.models import RightsHolderGroup, SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=preview123"
LANGUAGES = ("en", "fr")


# --- The world: one of every page type in English and French ------------------------------


def translated_term(term, code, name):
    translation = term.copy_for_translation(Locale.objects.get(language_code=code))
    translation.name = name
    translation.save()
    return term


def build_world():
    homes, directories = builders.site_tree(languages=LANGUAGES)
    ensure_roles()
    User = get_user_model()
    wave = builders.wave(4, slogan="Just and caring cities")
    terms = SimpleNamespace(
        theme=translated_term(builders.theme("housing", "Housing"), "fr", "Logement"),
        right=translated_term(
            builders.right("right-to-the-city", "Right to the city", 1), "fr", "Droit à la ville"
        ),
        pillar=translated_term(
            builders.pillar("institutional-structures", "Institutional structures", 2),
            "fr",
            "Structures institutionnelles",
        ),
        sdg=translated_term(
            builders.term(
                SustainableDevelopmentGoal,
                "sdg-11",
                "Sustainable cities and communities",
                number=11,
            ),
            "fr",
            "Villes et communautés durables",
        ),
        group=translated_term(
            builders.term(RightsHolderGroup, "migrants", "Migrants and refugees"),
            "fr",
            "Personnes migrantes et réfugiées",
        ),
    )
    image = Image.objects.create(title="Town hall", file=get_test_image_file())
    document = Document.objects.create(
        title="Local plan", file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    builders.video_embed(VIDEO_URL)

    barcelona = builders.profile(directories["en"], "Barcelona", slug="barcelona", wave=wave)
    barcelona.save_revision().publish()
    vienna = builders.profile(directories["en"], "Vienna", country="AT", slug="vienna")
    vienna.save_revision().publish()
    profiles = {"en": barcelona, "fr": builders.translate(barcelona, "fr", title="Barcelone")}
    housing_first = initiative(barcelona, "Housing First", slug="housing-first")
    initiatives = {"en": housing_first, "fr": builders.translate(housing_first, "fr")}
    indexes = story_indexes(homes)
    stories = {"en": story(indexes["en"], "Tangier congress", slug="tangier")}
    stories["fr"] = builders.translate(stories["en"], "fr", title="Congrès de Tanger")
    join = JoinPage(title="Join", slug="join", locale=homes["en"].locale)
    homes["en"].add_child(instance=join)
    join.save_revision().publish()
    joins = {"en": join, "fr": builders.translate(join, "fr", title="Adhérer")}
    from home.tests.builders import standard_page

    about = standard_page(homes["en"], "about", "About", publish=True)
    standards = {"en": about, "fr": builders.translate(about, "fr", title="À propos")}

    _team, city_editor, _invited = onboard(barcelona, "editor@barcelona.example.org")
    secretariat = User.objects.create_user("secretariat", "s@example.org", "pw-123456789")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    communications = User.objects.create_user("comms", "c@example.org", "pw-123456789")
    communications.groups.add(Group.objects.get(name=COMMUNICATIONS))
    superuser = User.objects.create_superuser("root", "r@example.org", "pw-123456789")
    return SimpleNamespace(
        terms=terms,
        image=image,
        document=document,
        vienna=vienna,
        pages={
            "profile": profiles,
            "initiative": initiatives,
            "directory": directories,
            "home": homes,
            "stories_index": indexes,
            "story": stories,
            "join": joins,
            "standard": standards,
        },
        users={
            "city_editor": city_editor,
            "secretariat": secretariat,
            "communications": communications,
            "superuser": superuser,
        },
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    return module_world


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- Drafts as the edit view receives them --------------------------------------------------


def every_block(marker, world, link_to):
    """One of each block every page body has, each carrying ``marker``."""
    return [
        ("heading", {"text": f"{marker} heading", "level": "h3"}),
        ("paragraph", rich_text(f"<p>{marker} paragraph</p>")),
        ("quote", {"quote": f"{marker} quote", "attribution": "A resident", "role": "Neighbour"}),
        (
            "image",
            {
                "image": world.image.pk,
                "alt_text": "The town hall",
                "caption": f"{marker} caption",
                "credit": "City",
            },
        ),
        (
            "key_figures",
            {
                "count": "1",
                "0": {
                    "value": {"figure": "12,000", "label": f"{marker} homes", "source": "Report"},
                    "deleted": "",
                    "order": "0",
                },
            },
        ),
        ("video", {"video": VIDEO_URL, "caption": f"{marker} video"}),
        ("document", {"document": world.document.pk, "title": f"{marker} plan"}),
        ("link", {"page": link_to.pk, "url": "", "text": f"{marker} link"}),
        (
            "call_to_action",
            {
                "heading": f"{marker} call",
                "text": "Apply online.",
                "link": {"page": "", "url": "https://example.org/apply", "text": "Apply"},
            },
        ),
    ]


def page_fields(page, marker):
    return {
        "title": f"{marker} title",
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }


def profile_form(world, page, marker):
    return nested_form_data(
        {
            **page_fields(page, marker),
            "summary": f"{marker} summary",
            "member_type": "government",
            "government_type": "city",
            "country": "ES",
            "region": "europe",
            "wave": page.wave_id or "",
            "joined_on": "",
            "leader_name": "María García López",
            "leader_title": f"{marker} mayor",
            "term_start": "2023",
            "term_end": "2027",
            "population_band": "over-1m",
            "latitude": "41.38879",
            "longitude": "2.15899",
            "logo": world.image.pk,
            "website": "https://www.barcelona.cat/",
            "vision": streamfield(
                [
                    ("why_essential", rich_text(f"<p>{marker} closest to people</p>")),
                    *every_block(marker, world, world.vienna),
                    ("why_framework", rich_text(f"<p>{marker} a shared language</p>")),
                    ("expectations", rich_text(f"<p>{marker} to learn</p>")),
                ]
            ),
            "member_key": page.member_key,
        }
    ) | {
        "themes": [world.terms.theme.pk],
        "charter_rights": [world.terms.right.pk],
        "framework_pillars": [world.terms.pillar.pk],
    }


def initiative_form(world, page, marker):
    return nested_form_data(
        {
            **page_fields(page, marker),
            "summary": f"{marker} summary",
            "status": "completed",
            "start_year": "2019",
            "end_year": "2024",
            "body": streamfield(every_block(marker, world, world.vienna)),
            "framework_pillar": world.terms.pillar.pk,
            "partners": f"{marker} partner\nUN-Habitat",
            "links": streamfield(
                [("link", {"page": "", "url": "https://example.org", "text": f"{marker} more"})]
            ),
        }
    ) | {
        "themes": [world.terms.theme.pk],
        "charter_rights": [world.terms.right.pk],
        "sdgs": [world.terms.sdg.pk],
        "rights_holder_groups": [world.terms.group.pk],
    }


def story_form(world, page, marker):
    profile = world.pages["profile"]["en"]
    return nested_form_data(
        {
            **page_fields(page, marker),
            "standfirst": f"{marker} standfirst",
            "byline": "UCLG CISDP",
            "date": "2026-11-30",
            "hero_image": world.image.pk,
            "hero_alt": "The congress hall",
            "hero_caption": f"{marker} hero caption",
            "hero_credit": "UCLG",
            "body": streamfield(
                [
                    *every_block(marker, world, profile),
                    (
                        "gallery",
                        {
                            "title": f"{marker} gallery",
                            "images": {
                                "count": "2",
                                **{
                                    str(index): {
                                        "value": {
                                            "image": world.image.pk,
                                            "alt_text": "A hall",
                                            "caption": f"{marker} photo {index}",
                                            "credit": "",
                                        },
                                        "deleted": "",
                                        "order": str(index),
                                    }
                                    for index in range(2)
                                },
                            },
                        },
                    ),
                ]
            ),
            "member_links": inline_formset([{"profile": profile.pk}]),
            "initiative_links": inline_formset(
                [{"initiative": world.pages["initiative"]["en"].pk}]
            ),
            "featured": "",
        }
    ) | {"themes": [world.terms.theme.pk], "waves": []}


def home_form(world, page, marker):
    return nested_form_data(
        {
            **page_fields(page, marker),
            "promise": f"{marker} promise",
            "introduction": rich_text(f"<p>{marker} introduction</p>"),
            "join_heading": f"{marker} join heading",
            "join_text": "Apply online.",
            "join_page": world.pages["join"]["en"].pk,
            "featured_members": inline_formset(
                [{"profile": world.pages["profile"]["en"].pk}], max=6
            ),
            "body": streamfield(every_block(marker, world, world.pages["profile"]["en"])),
        }
    )


def introduction_form(world, page, marker):
    return nested_form_data({**page_fields(page, marker), "introduction": f"{marker} intro"})


def join_form(world, page, marker):
    return nested_form_data(
        {
            **page_fields(page, marker),
            "introduction": f"{marker} intro",
            "confirmation_text": "Thank you.",
        }
    )


def standard_form(world, page, marker):
    return nested_form_data(
        {
            **page_fields(page, marker),
            "introduction": f"{marker} intro",
            "body": streamfield(every_block(marker, world, world.pages["profile"]["en"])),
            "hide_from_search_engines": "",
        }
    )


# Each page type: its form, who edits it, and what its draft must show besides the marker
# (the linked terms in the page's language).
PAGE_TYPES = {
    "profile": (profile_form, ("city_editor", "secretariat"), {"en": "Housing", "fr": "Logement"}),
    "initiative": (
        initiative_form,
        ("city_editor", "secretariat"),
        {"en": "Migrants and refugees", "fr": "Personnes migrantes et réfugiées"},
    ),
    "directory": (introduction_form, ("secretariat",), {}),
    "home": (home_form, ("communications",), {"en": "Barcelona", "fr": "Barcelone"}),
    "stories_index": (introduction_form, ("communications",), {}),
    "story": (story_form, ("communications",), {"en": "Housing", "fr": "Logement"}),
    "join": (join_form, ("superuser",), {}),
    "standard": (standard_form, ("superuser",), {}),
}
CASES = [
    (kind, language, role)
    for kind, (_form, roles, _shows) in PAGE_TYPES.items()
    for language in LANGUAGES
    for role in roles
]


def edit_draft(client, world, kind, page, marker):
    form = PAGE_TYPES[kind][0]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), form(world, page, marker)
    )
    assert response.status_code == 302, f"{kind}: the draft was refused: " + " | ".join(
        error.get_text(" ", strip=True)
        for error in BeautifulSoup(response.content, "html.parser").select(
            ".error-message, .help-critical, .w-field__errors"
        )
    )
    page = Page.objects.get(pk=page.pk).specific
    assert page.get_latest_revision().content["title"] == f"{marker} title"
    return page


def shows(response, *texts):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for text in texts:
        assert text in html, f"{text!r} missing"
    return html


@pytest.mark.parametrize("kind,language,role", CASES)
def test_every_view_of_a_draft_shows_it(world, kind, language, role):
    client = logged_in(world.users[role])
    page = world.pages[kind][language]
    linked = PAGE_TYPES[kind][2].get(language)
    expected = [f"DRAFT {kind} title", *([linked] if linked else [])]

    page = edit_draft(client, world, kind, page, f"DRAFT {kind}")
    shows(client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])), *expected)

    revision = page.get_latest_revision()
    shows(
        client.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])),
        *expected,
    )

    # The live preview panel: the form as typed (not saved), then the preview of it.
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(preview_url, PAGE_TYPES[kind][0](world, page, f"PREVIEW {kind}"))
    assert posted.json()["is_valid"], posted.json()
    shows(client.get(preview_url, {"mode": ""}), f"PREVIEW {kind} title")

    # The comparison with the version before the draft shows the draft's values by label.
    previous = page.revisions.exclude(pk=revision.pk).order_by("-pk").first()
    if previous is not None:
        html = shows(
            client.get(
                reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[page.pk, previous.pk, revision.pk],
                )
            ),
            f"DRAFT {kind} title",
        )
        if kind in ("profile", "initiative", "story", "home", "standard"):
            assert "Sub-section (level 3)" in html  # the heading's level, by its label
            assert ">h3<" not in html


@pytest.mark.parametrize("kind", ["profile", "initiative"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_previews_what_a_city_editor_submitted(world, kind, language):
    """The city editor makes the draft and submits it; the secretariat opens the draft, its
    revision, the comparison and the review's own preview, and approves it."""
    editor = logged_in(world.users["city_editor"])
    page = world.pages[kind][language]
    form = PAGE_TYPES[kind][0](world, page, f"SUBMITTED {kind}")
    form["action-submit"] = "action-submit"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"

    secretariat = logged_in(world.users["secretariat"])
    linked = PAGE_TYPES[kind][2][language]
    expected = (f"SUBMITTED {kind} title", linked)
    shows(secretariat.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])), *expected)
    task = state.current_task_state
    shows(
        secretariat.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.task_id])
        ),
        *expected,
    )
    revision = page.get_latest_revision()
    shows(
        secretariat.get(
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[page.pk, page.live_revision_id or revision.pk, revision.pk],
            )
        )
    )
    approve = secretariat.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task.pk]),
        {"comment": "Thank you."},
    )
    assert approve.status_code == 302
    page = Page.objects.get(pk=page.pk).specific
    assert page.title == f"SUBMITTED {kind} title" and page.live
    public = Client().get(page.get_url())
    shows(public, *expected)
