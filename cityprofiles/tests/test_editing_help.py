"""Editing that explains itself: every field a city editor fills says what to put there with
an example; the search-engine and menu fields are the secretariat's, out of city editors'
sight and out of their reach in a crafted request."""

import pytest
from django.contrib.auth import get_user_model
from django.forms import widgets
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser, BaseChooser
from wagtail.blocks.base import BlockWidget
from wagtail.blocks.field_block import ChooserBlock
from wagtail.fields import StreamField

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders
from cityprofiles.tests.test_admin_form import form_data
from cityteams.onboarding import onboard
from initiatives.models import InitiativePage
from initiatives.tests.builders import initiative

pytestmark = pytest.mark.django_db

HIDDEN_FROM_CITY_EDITORS = ("seo_title", "search_description", "show_in_menus")
# Fields a city editor is given without being asked to type anything an example could help
# with: the address is made from the title; comments and the publishing schedule are
# Wagtail's own dialogs.
NO_EXAMPLE_NEEDED = {"slug", "comment_notifications", "go_live_at", "expire_at"}


@pytest.fixture
def barcelona():
    _homes, directories = builders.site_tree(languages=("en",))
    page = builders.profile(directories["en"], "Barcelona", slug="barcelona")
    page.save_revision().publish()
    return page


@pytest.fixture
def city_editor(client, barcelona):
    _team, user, _invited = onboard(barcelona, "editor@barcelona.example.org")
    client.force_login(user)
    client.user = user
    return client


def editor_form(model, user, instance, parent):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(instance=instance, for_user=user, parent_page=parent)


def panel_help(model):
    """Help texts given by the edit form's panels, which override the model fields' own."""
    found = {}

    def walk(panel):
        if isinstance(panel, FieldPanel) and panel.help_text:
            found[panel.field_name] = panel.help_text
        for child in getattr(panel, "children", ()):
            walk(child)

    walk(model.get_edit_handler())
    return found


def has_example(text):
    return "e.g." in str(text)


def typed(field):
    """A field the editor types into (not a choice, a checkbox or a chooser)."""
    widget = field.widget
    return not isinstance(
        widget,
        (
            widgets.Select,
            widgets.CheckboxInput,
            widgets.CheckboxSelectMultiple,
            BaseChooser,
            BlockWidget,  # a StreamField: its blocks have their own help (below)
        ),
    )


@pytest.mark.parametrize("model", [CityProfilePage, InitiativePage], ids=lambda m: m.__name__)
def test_every_field_a_city_editor_fills_has_help_with_an_example(city_editor, barcelona, model):
    page = barcelona if model is CityProfilePage else initiative(barcelona, "Housing First")
    form = editor_form(model, city_editor.user, page, page.get_parent())
    overrides = panel_help(model)
    missing = []
    for name, field in form.fields.items():
        if name in NO_EXAMPLE_NEEDED or isinstance(field.widget, AdminPageChooser):
            continue
        help_text = overrides.get(name) or field.help_text
        if not str(help_text).strip():
            missing.append(f"{name}: no help")
        elif typed(field) and not has_example(help_text):
            missing.append(f"{name}: no example")
    assert not missing, missing


def text_blocks(block, where):
    """The blocks inside a StreamField where an editor types text."""
    if isinstance(
        block, (blocks.CharBlock, blocks.TextBlock, blocks.URLBlock, blocks.RichTextBlock)
    ):
        yield where, block
    if isinstance(block, blocks.ListBlock):
        yield from text_blocks(block.child_block, f"{where}.item")
    for name, child in (getattr(block, "child_blocks", None) or {}).items():
        yield from text_blocks(child, f"{where}.{name}")


def city_editor_blocks():
    for model in (CityProfilePage, InitiativePage):
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from text_blocks(field.stream_block, f"{model.__name__}.{field.name}")


def test_every_text_block_a_city_editor_fills_has_help():
    missing = [
        where
        for where, block in city_editor_blocks()
        if not isinstance(block, ChooserBlock)
        and not str(block.field.help_text or "").strip()
        # The paragraph and the caption-like fields speak for themselves in the menu's preview.
        and not str(block.get_description()).strip()
    ]
    assert not missing, missing


def test_search_engine_and_menu_fields_are_hidden_from_city_editors(city_editor, barcelona):
    for page in (barcelona, initiative(barcelona, "Housing First")):
        html = city_editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        for name in HIDDEN_FROM_CITY_EDITORS:
            assert f'name="{name}"' not in html, (page, name)
        assert 'name="slug"' in html  # the address stays


def test_a_crafted_post_of_search_engine_fields_by_a_city_editor_changes_nothing(
    city_editor, barcelona
):
    url = reverse("wagtailadmin_pages:edit", args=[barcelona.pk])
    data = form_data(barcelona, summary="A real change", seo_title="Cheap flights")
    data.update({"search_description": "Buy now", "show_in_menus": "on"})
    response = city_editor.post(url, data)
    assert response.status_code == 302
    draft = CityProfilePage.objects.get(pk=barcelona.pk).get_latest_revision_as_object()
    assert draft.summary == "A real change"
    assert (draft.seo_title, draft.search_description, draft.show_in_menus) == ("", "", False)


def test_the_secretariat_still_sees_search_engine_and_menu_fields(client, barcelona):
    from django.contrib.auth.models import Group

    from cityteams.roles import SECRETARIAT, ensure_roles

    ensure_roles()
    user = get_user_model().objects.create_user("sec", "s@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[barcelona.pk])).content.decode()
    for name in HIDDEN_FROM_CITY_EDITORS:
        assert f'name="{name}"' in html, name


def test_the_summary_help_says_where_the_summary_is_shown(city_editor, barcelona):
    """The help once promised the members directory, whose cards show no summary."""
    import re

    from django.test import Client
    from django.utils.html import escape

    summary = "Barcelona puts the right to housing at the heart of its urban policy."
    barcelona.summary = summary
    barcelona.save_revision().publish()
    html = city_editor.get(reverse("wagtailadmin_pages:edit", args=[barcelona.pk])).content
    help_text = str(CityProfilePage._meta.get_field("summary").help_text)
    assert escape(help_text) in html.decode()

    public = Client()
    directory = public.get(barcelona.get_parent().url).content.decode()
    profile = public.get(barcelona.url).content.decode()
    assert ("directory" in help_text) == (summary in directory)
    assert "under your profile's title" in help_text
    assert re.search(rf'</h1>\s*<p class="lead"[^>]*>{re.escape(summary)}</p>', profile)
    assert "search engines" in help_text
    assert f'<meta name="description" content="{escape(summary)}' in profile
