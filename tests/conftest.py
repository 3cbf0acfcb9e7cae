import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once per test module inside a transaction that is rolled
    back at the end of the module; each test runs in a savepoint within it."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_content, db):
    """The demo content as a newcomer gets it: four languages, home pages, members."""
