import pytest
from django.db import transaction

from cityteams.tests import builders


@pytest.fixture(scope="module")
def two_cities(django_db_setup, django_db_blocker):
    """Barcelona (A) and Vienna (B), built once per test module in a transaction rolled
    back at its end; each test runs in a savepoint within it, so what one test changes is
    gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield builders.two_cities()
        transaction.set_rollback(True)


@pytest.fixture
def world(two_cities, db):
    return two_cities
