"""Each language's search backend, as the settings build it (site/search_backends.py).

The OpenSearch and Elasticsearch backends are built for real (their clients are locked in
the ``search-cluster`` extra), from the dictionary the settings code returns, and asked what
they would send a cluster: each alias's index name and the analysis settings of its indexes.
Building a backend opens no connection, so no cluster is needed, and none is contacted:
what a live cluster does with those settings was not run here (docs/search.md).
"""

import io
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from hrcsite.search_backends import search_backends
from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backend

from initiatives.models import InitiativePage

ROOT = Path(__file__).resolve().parents[2]

# The campaign's languages and the analyzer each must get (Elasticsearch's and OpenSearch's
# built-in language analyzers).
ANALYZERS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
ENGINES = {
    "opensearch": ("opensearch_url", "modelsearch.backends.opensearch3", "OpenSearch3"),
    "elasticsearch": ("elasticsearch_url", "modelsearch.backends.elasticsearch8", "Elasticsearch8"),
}


def the_sites_backends(**urls):
    """WAGTAILSEARCH_BACKENDS as the settings build it, for the given cluster URL."""
    return search_backends(
        [code for code, _name in settings.LANGUAGES],
        settings.SEARCH_LANGUAGE_CONFIGS,
        default_language=settings.LANGUAGE_CODE,
        **urls,
    )


def default_analyzer(backend):
    return backend.settings["settings"]["analysis"]["analyzer"]["default"]


def test_the_site_has_one_alias_per_language():
    assert sorted(settings.WAGTAILSEARCH_BACKENDS) == sorted(
        ["default", *(f"lang-{code}" for code, _name in settings.LANGUAGES)]
    )
    assert sorted(ANALYZERS) == sorted(code for code, _name in settings.LANGUAGES)


@pytest.mark.parametrize("engine", ENGINES)
def test_each_language_has_its_own_index_and_analyzer_on_a_cluster(engine):
    url_name, module, class_prefix = ENGINES[engine]
    backends = the_sites_backends(**{url_name: "https://search.test:9200"})
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for code, analyzer in ANALYZERS.items():
            backend = get_search_backend(f"lang-{code}")
            assert type(backend).__module__ == module
            assert type(backend).__name__ == f"{class_prefix}SearchBackend"
            assert backend.hosts[0]["host"] == "search.test"
            assert backend.hosts[0]["port"] == 9200
            # Pages (initiatives among them) share the index of their root model, Page.
            index = backend.get_index_for_model(InitiativePage)
            assert index.name == f"hrc-{code}_wagtailcore_page"
            # What `put()` sends when the index is created: the language's analyzer as the
            # index's default, and Wagtail's own autocomplete analyzers beside it.
            assert default_analyzer(backend) == {"type": analyzer}
            analyzers = backend.settings["settings"]["analysis"]["analyzer"]
            assert {"ngram_analyzer", "edgengram_analyzer"} <= set(analyzers)
        default = get_search_backend("default")
        assert default.get_index_for_model(get_image_model()).name == "hrc_wagtailimages_image"
        assert default_analyzer(default) == {"type": ANALYZERS[settings.LANGUAGE_CODE]}


@pytest.mark.parametrize("engine", ENGINES)
def test_initiatives_text_fields_take_the_index_default_analyzer(engine):
    """The default analyzer applies to every text field that names none: the mapping of the
    initiative page names one only for the autocomplete fields (Wagtail's edge n-grams)."""
    url_name, _module, _prefix = ENGINES[engine]
    with override_settings(WAGTAILSEARCH_BACKENDS=the_sites_backends(**{url_name: "http://x"})):
        backend = get_search_backend("lang-fr")
        mapping = backend.mapping_class(InitiativePage).get_mapping()
    fields = mapping["properties"]
    text = {name: field for name, field in fields.items() if field.get("type") == "text"}
    assert "summary" in "".join(text) and "body" in "".join(text)
    for name, field in text.items():
        if name.endswith("_edgengrams"):
            assert field["analyzer"] == "edgengram_analyzer"
        else:
            assert "analyzer" not in field, (name, field)


def test_cluster_aliases_are_given_only_options_their_backends_read():
    for alias in the_sites_backends(opensearch_url="http://x").values():
        assert set(alias) == {"BACKEND", "URLS", "AUTO_UPDATE", "INDEX_PREFIX", "INDEX_SETTINGS"}
        assert alias["AUTO_UPDATE"] is False


def test_a_language_without_a_built_in_analyzer_gets_the_standard_one():
    backends = search_backends(
        ["sw", "fr"], {"fr": "french"}, default_language="fr", opensearch_url="http://x"
    )
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert default_analyzer(get_search_backend("lang-sw")) == {"type": "standard"}
        assert get_search_backend("lang-sw").get_index_for_model(InitiativePage).name == (
            "hrc-sw_wagtailcore_page"
        )
        assert default_analyzer(get_search_backend("default")) == {"type": "french"}


def test_without_a_cluster_each_alias_is_the_database_backend_with_its_configuration(db):
    assert settings.WAGTAILSEARCH_BACKENDS == the_sites_backends()
    for code, _name in settings.LANGUAGES:
        backend = get_search_backend(f"lang-{code}")
        assert type(backend).__module__.startswith("modelsearch.backends.database")
        if connection.vendor == "postgresql":  # PostgreSQL's backend stems; SQLite's does not
            assert backend.config == settings.SEARCH_LANGUAGE_CONFIGS[code]
    assert {alias.get("SEARCH_CONFIG") for alias in settings.WAGTAILSEARCH_BACKENDS.values()} == {
        "english",
        "french",
        "spanish",
        "arabic",
    }


def test_the_settings_build_the_cluster_aliases_from_the_environment():
    """The settings module itself, in a new process with OPENSEARCH_URL and SEARCH_INDEX."""
    env = {k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL"}}
    env.update({"OPENSEARCH_URL": "https://search.test:9200", "SEARCH_INDEX": "campaign"})
    done = subprocess.run(  # noqa: S603 - this venv's Python, our settings
        [
            sys.executable,
            "-c",
            "import json, hrcsite.settings.test as s; print(json.dumps(s.WAGTAILSEARCH_BACKENDS))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    backends = json.loads(done.stdout)
    assert backends["lang-fr"]["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert backends["lang-fr"]["URLS"] == ["https://search.test:9200"]
    assert backends["lang-fr"]["INDEX_PREFIX"] == "campaign-fr_"
    assert backends["lang-ar"]["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"] == {
        "default": {"type": "arabic"}
    }
    assert backends["default"]["INDEX_PREFIX"] == "campaign_"


class RecordingCluster(ThreadingHTTPServer):
    """A stand-in for an OpenSearch cluster on a loopback port: it answers the calls of
    index creation, mapping, bulk indexing and refresh as a cluster does, and records them.
    It checks what the site sends, not what a cluster would do with it."""

    def __init__(self):
        self.calls = []
        super().__init__(("127.0.0.1", 0), RecordingHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class RecordingHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        path = self.path.split("?")[0]
        self.server.calls.append((self.command, path, body))
        if path.endswith("/_bulk"):
            actions = [json.loads(line) for line in body.splitlines()[::2] if line.strip()]
            items = [
                {kind: {"_index": spec.get("_index"), "_id": spec.get("_id"), "status": 201}}
                for action in actions
                for kind, spec in action.items()
            ]
            return self.answer(200, {"took": 1, "errors": False, "items": items})
        if self.command == "DELETE":
            return self.answer(404, {"error": {"type": "index_not_found_exception"}, "status": 404})
        if self.command == "PUT" and path.count("/") == 1:
            return self.answer(200, {"acknowledged": True, "index": path[1:]})
        return self.answer(200, {"acknowledged": True})

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_one


@pytest.fixture
def recording_cluster():
    cluster = RecordingCluster()
    thread = threading.Thread(target=cluster.serve_forever, daemon=True)
    thread.start()
    yield cluster
    cluster.shutdown()
    cluster.server_close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rebuild_creates_each_language_index_with_its_analyzer_then_fills_it(recording_cluster):
    from cityprofiles.tests.builders import site_tree

    homes, directories = site_tree(("en", "fr"))
    with override_settings(
        WAGTAILSEARCH_BACKENDS=the_sites_backends(opensearch_url=recording_cluster.url)
    ):
        call_command("rebuild_search_index", stdout=io.StringIO())
    calls = recording_cluster.calls
    if os.environ.get("SHOW_CLUSTER_CALLS"):
        print(*[(method, path, body[:150]) for method, path, body in calls], sep="\n")
    created = {
        path[1:]: json.loads(body)
        for method, path, body in calls
        if method == "PUT" and path.count("/") == 1
    }
    for code in ("en", "fr"):
        page_index = f"hrc-{code}_wagtailcore_page"
        assert created[page_index]["settings"]["analysis"]["analyzer"]["default"] == {
            "type": ANALYZERS[code]
        }
    # Images and documents have no language: only `default` receives them.
    assert "hrc_wagtailimages_image" in created
    assert "hrc-fr_wagtailimages_image" not in created
    # Mappings were put before any document, and every page went to its language's index.
    first_bulk = next(n for n, call in enumerate(calls) if call[1].endswith("/_bulk"))
    assert any(
        c[0] == "PUT" and c[1] == "/hrc-fr_wagtailcore_page/_mapping" for c in calls[:first_bulk]
    )
    indexed = {}
    for _method, path, body in calls:
        if path.endswith("/_bulk"):
            lines = body.splitlines()
            for action, document in zip(lines[::2], lines[1::2], strict=True):
                spec = json.loads(action)["index"]
                indexed.setdefault(spec.get("_index") or path.split("/")[1], set()).add(
                    json.loads(document)["pk"]
                )
    for code in ("en", "fr"):
        assert {str(homes[code].pk), str(directories[code].pk)} <= indexed[
            f"hrc-{code}_wagtailcore_page"
        ]
    assert str(homes["fr"].pk) not in indexed["hrc-en_wagtailcore_page"]
    assert str(homes["en"].pk) not in indexed["hrc-fr_wagtailcore_page"]
    assert any(
        method == "POST" and path == "/hrc-fr_wagtailcore_page/_refresh"
        for method, path, _b in calls
    )
