"""Two accepts of the same application at the same moment (a double click reaching two server
processes): one profile, one team, one invitation. Needs PostgreSQL's row locks; SQLite
serialises whole transactions and is covered by the sequential double click in test_review."""

import threading

import pytest
from django.db import connection

from cityprofiles.models import CityProfilePage
from cityteams.models import CityTeam
from initiatives.models import InitiativePage
from joining.models import Application, ApplicationEvent
from joining.review import accept

from . import builders

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL"
)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_accepts_create_one_profile():
    site = builders.join_site(languages=("en",))
    # An English application: this site has only the English members directory.
    application = builders.application(site.wave, initiatives=2, language="en")
    reviewer = builders.secretariat_user()
    start = threading.Barrier(2)
    results, errors = [], []

    def click():
        try:
            start.wait(timeout=10)
            results.append(accept(application.pk, reviewer)[1])
        except Exception as error:  # reported below, with the thread's own error
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [False, True]
    assert CityProfilePage.objects.count() == 1
    assert InitiativePage.objects.count() == 2
    assert CityTeam.objects.count() == 1
    assert Application.objects.get().profile_id == CityProfilePage.objects.get().pk
    assert ApplicationEvent.objects.filter(action="accepted").count() == 1
