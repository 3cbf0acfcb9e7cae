"""Deleting what something else needs: a message, never a 500 (home/protected_deletes.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Collection

from cityteams.models import CityTeam

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("root", "r@example.org", "pw-123456789")
    client.force_login(user)
    return client


def test_deleting_a_city_team_group_is_refused_with_a_message(admin):
    group = Group.objects.create(name="City editors: Vienna (vienna-at)")
    collection = Collection.get_first_root_node().add_child(name="Vienna")
    CityTeam.objects.create(
        profile_translation_key="6f0e4c1e-8a35-4bb8-9a3b-0c1f2d3e4f50",
        group=group,
        collection=collection,
    )
    url = reverse("wagtailusers_groups:delete", args=[group.pk])
    response = admin.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert "City editors: Vienna (vienna-at)" in message
    assert Group.objects.filter(pk=group.pk).exists()


def test_a_group_nothing_needs_is_still_deleted(admin):
    group = Group.objects.create(name="Leftover")
    response = admin.post(reverse("wagtailusers_groups:delete", args=[group.pk]))
    assert response.status_code == 302
    assert not Group.objects.filter(pk=group.pk).exists()


def test_redirect_import_without_its_management_fields_answers_400(admin):
    response = admin.post(reverse("wagtailredirects:process_import"), {})
    assert response.status_code == 400
