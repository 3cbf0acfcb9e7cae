"""The focal point's personal data never leaves the review: not on pages, not in the open-data
API, not in search, not even once the member's profile is published."""

import pytest
from modelsearch import index

from joining.models import Application, ApplicationEvent, ApplicationInitiative
from joining.review import accept

from . import builders
from .builders import application_data, url

pytestmark = pytest.mark.django_db
EMAIL = "focal@ville-de-test.example.org"
FOCAL = "Dominique Durand"


def test_applications_are_never_indexed_for_search():
    for model in (Application, ApplicationInitiative, ApplicationEvent):
        assert not index.class_is_indexed(model)


def test_focal_point_is_never_public_even_after_acceptance_and_publication(client):
    site = builders.join_site(languages=("en", "fr"))
    assert client.post(url("fr"), application_data()).status_code == 302
    application = Application.objects.get()
    accepted, _created = accept(application.pk, builders.secretariat_user())
    profile = accepted.profile
    profile.get_latest_revision().publish()
    for initiative in profile.get_children().specific():
        initiative.get_latest_revision().publish()
    profile.refresh_from_db()
    assert profile.live

    public = [
        url("en"),
        url("fr"),
        profile.url,
        profile.get_children().first().url,
        "/en/cities/",
        "/en/search/?q=Durand",
        "/en/search/?q=ville-de-test",
        "/api/v1/members/?language=en",
        "/api/v1/initiatives/?language=en",
    ]
    seen_profile = False
    for address in public:
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        assert EMAIL not in content, address
        assert FOCAL not in content, address
        seen_profile = seen_profile or "Ville de Test" in content
    assert seen_profile  # the profile itself is public, its applicant's details are not
    assert site.pages["en"].live
