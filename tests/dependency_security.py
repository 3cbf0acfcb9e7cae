"""Which locked dependency is below its last security release.

tests/security_releases.json records, for every package in requirements.lock, the known
advisories (each with the releases that fix it) and the resulting security release: the
lowest release of the pinned line that fixes them all. bin/refresh-security-releases
rewrites it from PyPI; tests/test_dependency_security.py checks the lock against it offline.
"""

import json
import re
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
DATA = ROOT / "tests" / "security_releases.json"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def locked_versions(text):
    """{canonical package name: pinned version} of a requirements file's ``name==version`` lines."""
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def series(version):
    """The release line a version belongs to: 5.2.19 → (5, 2); 2026.10.19 → (2026, 10)."""
    release = Version(str(version)).release
    return release[:2] if len(release) > 1 else release


def relevant_fix(pinned, fixed_in):
    """(the release of ``fixed_in`` that matters for ``pinned``, whether ``pinned`` has it).

    Projects fix an advisory on each maintained line (Django: 4.2.26, 5.1.14, 5.2.8), so a
    pin has the fix when a fixing release of its own line, or the newest fix of all, is at or
    below it; otherwise the fix it needs is the next fixing release above it. The fix is None
    when no release fixes the advisory yet."""
    pinned = Version(pinned)
    fixes = sorted({Version(f) for f in fixed_in})
    below = [f for f in fixes if f <= pinned]
    if below and (series(below[-1]) == series(pinned) or below[-1] == fixes[-1]):
        return str(below[-1]), True
    above = [f for f in fixes if f > pinned]
    return (str(above[0]) if above else None), False


def security_release(pinned, advisories):
    """The lowest release of ``pinned``'s line that fixes every advisory (None: none known)."""
    fixes = [relevant_fix(pinned, a["fixed_in"])[0] for a in advisories]
    fixes = [Version(f) for f in fixes if f]
    return str(max(fixes)) if fixes else None


def unfixed(pinned, advisories):
    """Advisories that affect ``pinned`` and that no release fixes yet."""
    return [a["id"] for a in advisories if relevant_fix(pinned, a["fixed_in"]) == (None, False)]


def load_data(path=DATA):
    return json.loads(Path(path).read_text())


def missing_packages(pins, data):
    return sorted(set(pins) - set(data["packages"]))


def stale_packages(pins, data):
    """[(name, locked version, version the data was refreshed for)] where they differ."""
    return [
        (name, version, data["packages"][name]["pinned"])
        for name, version in sorted(pins.items())
        if name in data["packages"] and data["packages"][name]["pinned"] != version
    ]


def below_security_release(pins, data):
    """[(name, locked version, release to upgrade to, [advisory ids])] for every pin that
    lacks a released fix of a recorded advisory, or is below the recorded security release
    of its line. The release to upgrade to is on the pin's own line where that line got the
    fix."""
    found = []
    for name, version in sorted(pins.items()):
        entry = data["packages"].get(name, {})
        needed = []
        for advisory in entry.get("advisories", []):
            fix, has_it = relevant_fix(version, advisory["fixed_in"])
            if fix and not has_it:
                needed.append(advisory)
        recorded = entry.get("security_release")
        if needed:
            upgrade_to = security_release(version, needed)
            found.append((name, version, upgrade_to, [a["id"] for a in needed]))
        elif (
            recorded
            and series(recorded) == series(version)
            and Version(version) < Version(recorded)
        ):
            found.append((name, version, recorded, []))
    return found
