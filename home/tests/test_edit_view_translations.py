"""A page's edit view lists its translations the editor may edit, in one query for all.

home/edit_view_translations.py: Wagtail checked each translation with one or two more
queries; the list itself is unchanged.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    _homes, directories = builders.site_tree(languages=("en", "fr", "es", "ar"))
    return directories


def editor_of(directories, name):
    """A member of a group that may edit the members of these directories only."""
    group = Group.objects.create(name=f"Editors of {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for directory in directories:
        GroupPagePermission.objects.create(
            group=group, page=directory, permission=Permission.objects.get(codename="change_page")
        )
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-123456789")
    user.groups.add(group)
    return user


def edit_links(response, pages):
    content = response.content.decode()
    return {
        page.locale.language_code
        for page in pages
        if f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"' in content
    }


def edit_view_queries(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.get(url)  # warm: the first request reads what later ones find cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_more_translations_cost_no_more_queries(client, tree):
    client.force_login(editor_of(tree.values(), "all-languages"))
    profile = builders.profile(tree["en"], "Sevilla", country="ES", slug="sevilla")
    french = builders.translate(profile, "fr")
    one_translation, response = edit_view_queries(client, profile)
    assert edit_links(response, [french]) == {"fr"}
    spanish = builders.translate(profile, "es")
    arabic = builders.translate(profile, "ar")
    three_translations, response = edit_view_queries(client, profile)
    assert edit_links(response, [french, spanish, arabic]) == {"fr", "es", "ar"}
    assert three_translations == one_translation


def test_translations_the_editor_may_not_edit_are_still_left_out(client, tree):
    client.force_login(editor_of([tree["en"], tree["es"]], "english-and-spanish"))
    profile = builders.profile(tree["en"], "Sevilla", country="ES", slug="sevilla")
    french, spanish = builders.translate(profile, "fr"), builders.translate(profile, "es")
    _count, response = edit_view_queries(client, profile)
    assert edit_links(response, [french, spanish]) == {"es"}
