"""Production settings refuse unsafe configuration; public pages carry security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"


def run_with_production_settings(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="hrcsite.settings.production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "short", "django-insecure-" + "x" * 60, "a" * 60],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    env = {"ALLOWED_HOSTS": "example.org"}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    result = run_with_production_settings("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "Production needs a real SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_production_settings("import django; django.setup()", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "Production needs ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    code = (
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_with_production_settings(code, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_public_pages_send_csp_and_security_headers(client, demo_site):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_page_weight_stays_under_100_kb(client, demo_site, html):
    """HTML, CSS and JavaScript of a public page together stay under 100 KB (images aside)."""
    from django.contrib.staticfiles import finders

    for url in [
        "/en/",
        "/ar/",
        "/fr/a-propos/",
        "/en/cities/",
        "/fr/villes-territoires-droits-humains-2030/barcelona-es/",
        "/en/search/",
        "/fr/recherche/?q=logement",
    ]:
        response = client.get(url)
        doc = html(response)
        total = len(response.content)
        assets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
        assets += [script["src"] for script in doc.select("script[src]")]
        for asset in assets:
            assert asset.startswith("/static/"), f"third-party asset {asset}"
            total += Path(finders.find(asset.removeprefix("/static/"))).stat().st_size
        assert total < 100 * 1024, (url, total)


@pytest.mark.django_db
def test_the_admin_asks_no_third_party_for_editors_avatars(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
