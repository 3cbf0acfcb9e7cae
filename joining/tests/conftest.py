"""The review tests' site (English and French) and a signed-in secretariat reviewer."""

import pytest

from . import builders


@pytest.fixture
def site():
    return builders.join_site(languages=("en", "fr"))


@pytest.fixture
def reviewer(client, site):
    user = builders.secretariat_user()
    client.force_login(user)
    return user
