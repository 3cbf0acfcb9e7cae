"""No locked dependency is below its last security release (offline: the advisories are
recorded in tests/security_releases.json by bin/refresh-security-releases)."""

import pytest

from tests.dependency_security import (
    LOCK,
    below_security_release,
    load_data,
    locked_versions,
    missing_packages,
    relevant_fix,
    security_release,
    stale_packages,
)

REFRESH = "run `.venv/bin/python bin/refresh-security-releases` (needs PyPI)"


@pytest.fixture(scope="module")
def pins():
    return locked_versions(LOCK.read_text())


@pytest.fixture(scope="module")
def data():
    return load_data()


def test_the_lock_file_is_read(pins):
    # A parser that found nothing would make every other check here pass.
    assert len(pins) > 50
    assert pins["django"] and pins["wagtail"]


def test_every_locked_package_has_recorded_advisories(pins, data):
    missing = missing_packages(pins, data)
    assert not missing, f"No security data for {', '.join(missing)}: {REFRESH}."


def test_security_data_describes_the_locked_versions(pins, data):
    stale = stale_packages(pins, data)
    assert not stale, (
        "requirements.lock changed since the security data was refreshed ("
        + "; ".join(f"{name} {locked} locked, {seen} checked" for name, locked, seen in stale)
        + f"): {REFRESH}."
    )


def test_no_locked_package_is_below_its_security_release(pins, data):
    below = below_security_release(pins, data)
    assert not below, "\n".join(
        f"Upgrade {name} {version} to {upgrade_to} or later "
        f"({', '.join(ids) or 'its recorded security release'})."
        for name, version, upgrade_to, ids in below
    )


def test_a_pin_below_a_recorded_fix_is_named_with_the_release_to_upgrade_to(pins, data):
    # The same check with Django and Wagtail rolled back to releases before their fixes.
    rolled_back = {**pins, "django": "5.2.5", "wagtail": "7.4.2"}
    assert below_security_release(rolled_back, data) == [
        ("django", "5.2.5", "5.2.8", ["CVE-2025-57833", "CVE-2025-64459"]),
        (
            "wagtail",
            "7.4.2",
            "7.4.3",
            [a["id"] for a in data["packages"]["wagtail"]["advisories"]],
        ),
    ]


def test_a_pin_below_its_recorded_security_release_fails_without_advisory_details():
    data = {"packages": {"requests": {"security_release": "2.34.5", "advisories": []}}}
    assert below_security_release({"requests": "2.34.2"}, data) == [
        ("requests", "2.34.2", "2.34.5", [])
    ]
    assert below_security_release({"requests": "2.34.5"}, data) == []


@pytest.mark.parametrize(
    ("pinned", "expected"),
    [
        ("5.2.19", ("5.2.8", True)),  # a later release of the fixed line
        ("5.2.5", ("5.2.8", False)),  # below the fix of its own line
        ("4.2.30", ("4.2.26", True)),  # an older line that got its own fix
        ("5.0.4", ("5.1.14", False)),  # a line that got no fix: the next fixed line
        ("6.0", ("5.2.8", True)),  # a line released after every fix
        ("4.1", ("4.2.26", False)),
    ],
)
def test_the_fix_that_matters_is_the_one_of_the_pinned_line(pinned, expected):
    assert relevant_fix(pinned, ["4.2.26", "5.1.14", "5.2.8"]) == expected


def test_an_advisory_without_a_fixed_release_gives_no_upgrade():
    assert relevant_fix("1.0", []) == (None, False)
    assert security_release("1.0", [{"id": "X", "fixed_in": []}]) is None


def test_security_release_is_the_highest_fix_needed_on_the_pinned_line():
    advisories = [
        {"id": "A", "fixed_in": ["4.2.24", "5.1.12", "5.2.6"]},
        {"id": "B", "fixed_in": ["4.2.26", "5.1.14", "5.2.8"]},
    ]
    assert security_release("5.2.19", advisories) == "5.2.8"
    assert security_release("4.2.25", advisories) == "4.2.26"
