"""The default Site record follows the public address, WAGTAILADMIN_BASE_URL: the page links
of Wagtail's e-mails are built from it (home/site_address.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_home(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    demo.ensure_locales([("en", "English")])
    home, _created = demo.ensure_home_pages()
    return home


def default_site():
    return Site.objects.get(is_default_site=True)


def test_the_demo_site_is_at_the_address_bin_start_serves(demo_home):
    assert default_site().root_url == "http://127.0.0.1:8000"
    assert demo_home.full_url == "http://127.0.0.1:8000/en/"


def test_the_demo_site_follows_another_port_on_the_next_run(demo_home, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8055"  # PORT=8055 bin/start
    demo.ensure_home_pages()
    assert default_site().root_url == "http://127.0.0.1:8055"


@pytest.mark.parametrize(
    "address, root_url",
    [
        ("https://cities.uclg.org", "https://cities.uclg.org"),
        ("https://cities.uclg.org/", "https://cities.uclg.org"),
        ("http://staging.example.org:8080", "http://staging.example.org:8080"),
    ],
)
def test_set_site_address_gives_the_default_site_the_public_address(
    demo_home, settings, address, root_url
):
    settings.WAGTAILADMIN_BASE_URL = address
    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    assert default_site().root_url == root_url
    assert "now" in out.getvalue()
    call_command("set_site_address", stdout=out)
    assert "already" in out.getvalue()


@pytest.mark.parametrize(
    "address",
    ["https://cities.uclg.org:8443", "http://cities.uclg.org:443", "https://x.org/site/", "x.org"],
)
def test_set_site_address_refuses_what_a_site_record_cannot_hold(demo_home, settings, address):
    settings.WAGTAILADMIN_BASE_URL = address
    with pytest.raises(CommandError, match="WAGTAILADMIN_BASE_URL"):
        call_command("set_site_address", stdout=io.StringIO())
    assert default_site().root_url == "http://127.0.0.1:8000"
