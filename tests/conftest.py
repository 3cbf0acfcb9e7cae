import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The demo content as a newcomer gets it: four languages, home pages, waves."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def html():
    from bs4 import BeautifulSoup

    return lambda response: BeautifulSoup(response.content, "html.parser")
