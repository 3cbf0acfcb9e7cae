"""Every chooser of the admin, found by walking the URL resolver, answers an id that
cannot be one (``/chosen/abc/``, ``?id=abc``) with "not found", never a server error
(home/chooser_ids.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin

from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db


def chooser_addresses(patterns=None, prefix=""):
    """(address with a malformed id, view class) for every chosen and chosen-multiple view."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from chooser_addresses(entry.url_patterns, route)
            continue
        assert isinstance(entry, URLPattern)
        view_class = getattr(entry.callback, "view_class", None)
        if view_class is None:
            continue
        if issubclass(view_class, ChosenViewMixin) and "<str:pk>" in route:
            yield "/" + route.replace("<str:pk>", "abc"), view_class
        elif issubclass(view_class, ChosenMultipleViewMixin):
            yield "/" + route + "?id=1&id=abc", view_class


ADDRESSES = sorted(set(chooser_addresses()), key=lambda item: item[0])


def test_the_walk_finds_the_choosers_it_is_for():
    addresses = {address for address, _view in ADDRESSES}
    assert "/admin/members/choose/chosen/abc/" in addresses
    assert "/admin/members/choose/chosen-multiple/?id=1&id=abc" in addresses
    assert "/admin/snippets/choose/taxonomies/theme/chosen/abc/" in addresses
    assert "/admin/snippets/choose/home/announcement/chosen-multiple/?id=1&id=abc" in addresses


@pytest.mark.parametrize("address", [address for address, _view in ADDRESSES])
def test_a_chooser_answers_a_malformed_id_with_not_found(client, address):
    builders.site_tree(languages=("en",))
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(user)
    response = client.get(address, follow=True)
    assert response.status_code == 404, address
