"""The vision holds the campaign's questions as blocks of their own: each answered at most once,
in the campaign's order, with the question shown (never a code) in the page and in the
revision comparison. Every block of every page body explains itself in the block menu."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from cityprofiles.blocks import QUESTION_ORDER
from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders
from cityprofiles.tests.test_admin_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw-123456789")
    client.force_login(user)
    return client


@pytest.fixture
def profile():
    _homes, directories = builders.site_tree(languages=("en",))
    return builders.profile(directories["en"], "Rouen", country="FR", slug="rouen")


def post_vision(client, page, vision):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, form_data(page, vision=streamfield(vision)))


def answer(text):
    return rich_text(f"<p>{text}</p>")


def test_answers_in_the_campaigns_order_among_other_blocks_are_saved(secretariat, profile):
    response = post_vision(
        secretariat,
        profile,
        [
            ("why_essential", answer("Closest to people.")),
            ("paragraph", rich_text("<p>More about us.</p>")),
            ("expectations", answer("To learn from peers.")),
        ],
    )
    assert response.status_code == 302
    draft = CityProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.vision] == [
        "why_essential",
        "paragraph",
        "expectations",
    ]


def test_a_question_answered_twice_is_refused_and_nothing_is_saved(secretariat, profile):
    revisions = profile.revisions.count()
    response = post_vision(
        secretariat,
        profile,
        [("why_essential", answer("Once.")), ("why_essential", answer("Twice."))],
    )
    assert response.status_code == 200  # the form again, with what was typed
    html = response.content.decode()
    assert "Answer: why local governments are essential" in html
    assert "Twice." in html
    assert profile.revisions.count() == revisions


def test_answers_out_of_order_are_refused_with_the_order_to_follow(secretariat, profile):
    revisions = profile.revisions.count()
    response = post_vision(
        secretariat,
        profile,
        [("expectations", answer("To learn.")), ("why_essential", answer("Closest."))],
    )
    assert response.status_code == 200
    assert "Put the answers in the campaign" in response.content.decode()
    assert profile.revisions.count() == revisions


def test_the_public_profile_and_the_comparison_show_questions_not_codes(secretariat, profile):
    post_vision(secretariat, profile, [("why_essential", answer("First answer."))])
    post_vision(secretariat, profile, [("why_essential", answer("Second answer."))])
    revisions = list(profile.revisions.order_by("pk").values_list("pk", flat=True))
    compare = secretariat.get(
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[profile.pk, revisions[0], revisions[-1]]
        )
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Answer: why local governments are essential" in html
    assert "why_essential" not in html and "why-essential" not in html
    draft = secretariat.get(reverse("wagtailadmin_pages:view_draft", args=[profile.pk]))
    assert "Why are local and regional governments essential" in draft.content.decode()


def test_a_heading_level_is_compared_by_its_label(secretariat, profile):
    post_vision(secretariat, profile, [("heading", {"text": "Our plan", "level": "h2"})])
    post_vision(secretariat, profile, [("heading", {"text": "Our plan", "level": "h3"})])
    revisions = list(profile.revisions.order_by("pk").values_list("pk", flat=True))
    html = secretariat.get(
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[profile.pk, revisions[0], revisions[-1]]
        )
    ).content.decode()
    assert "Sub-section (level 3)" in html
    assert ">h3<" not in html


def test_the_block_menu_puts_the_campaigns_questions_first():
    vision = CityProfilePage._meta.get_field("vision").stream_block
    groups = [
        (str(label), [block.name for block in group])
        for label, group in vision.grouped_child_blocks()
    ]
    assert groups[0] == ("The campaign's questions", QUESTION_ORDER)
    assert groups[1][0] == "More about your vision"
    assert sorted(groups[0][1] + groups[1][1]) == sorted(vision.child_blocks)


# --- Every block of every page body explains itself ---------------------------------------


def menu_blocks():
    """Every block offered in a block menu: the children of every StreamBlock in every
    StreamField of every page type, nested ones included."""
    found = {}

    def walk(block, where):
        if isinstance(block, blocks.StreamBlock):
            for child in block.child_blocks.values():
                found.setdefault(child.definition_prefix, (f"{where}.{child.name}", child))
        children = getattr(block, "child_blocks", None) or {}
        for child in children.values():
            walk(child, f"{where}.{child.name}")
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block, f"{where}.item")

    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                walk(field.stream_block, f"{model.__name__}.{field.name}")
    return sorted(found.values(), key=lambda item: item[0])


@pytest.mark.parametrize("where,block", menu_blocks(), ids=lambda value: str(value))
def test_every_menu_block_has_a_description_and_a_preview(secretariat, where, block):
    assert str(block.get_description()).strip(), f"{where} has no description"
    assert block.is_previewable, f"{where} has no preview in the block menu"
    response = secretariat.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200, where
    assert 'href="/static/css/site.css"' in response.content.decode()  # in the site's styles


def test_the_vision_migration_keeps_every_answer_and_merges_a_repeated_question():
    migration = importlib.import_module("cityprofiles.migrations.0004_vision_question_blocks")
    old = [
        {"type": "answer", "id": "a", "value": {"question": "why-framework", "answer": "<p>F</p>"}},
        {"type": "paragraph", "id": "b", "value": "<p>More</p>"},
        {"type": "answer", "id": "c", "value": {"question": "why-essential", "answer": "<p>E</p>"}},
        {"type": "answer", "id": "d", "value": {"question": "why-framework", "answer": "<p>G</p>"}},
    ]
    assert migration.AnswersToQuestionBlocks().apply(old) == [
        {"type": "why_framework", "id": "a", "value": "<p>F</p><p>G</p>"},
        {"type": "paragraph", "id": "b", "value": "<p>More</p>"},
        {"type": "why_essential", "id": "c", "value": "<p>E</p>"},
    ]
