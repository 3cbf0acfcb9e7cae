"""``WAGTAILSEARCH_BACKENDS``: one alias per language (docs/search.md).

The settings (site/settings/base.py) call ``search_backends``; search/tests/test_backends.py
builds every backend from its answer, so the tests read the configuration the site uses.

- The database backend (PostgreSQL, SQLite) keeps one index table for every alias; each
  alias only says which text-search configuration stems its language (``SEARCH_CONFIG``).
- OpenSearch and Elasticsearch (Wagtail's ``opensearch3`` and ``elasticsearch8`` backends,
  whose clients are the ``search-cluster`` extra of pyproject.toml) keep indexes of their own:
  each alias names its indexes with ``INDEX_PREFIX`` (``hrc-fr_wagtailcore_page``) and gives
  them its language's analyzer as the index's ``default`` analyzer (``INDEX_SETTINGS``), which
  every text field without an analyzer of its own uses, at indexing and at search time. Those
  backends read neither ``SEARCH_CONFIG`` nor ``INDEX``, so neither is given to them.
"""

# The built-in language analyzers of Elasticsearch and OpenSearch (the same list in both),
# by language code; any other language gets "standard": words, lower-cased, no stemming.
CLUSTER_ANALYZERS = {
    "ar": "arabic",
    "bg": "bulgarian",
    "bn": "bengali",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gl": "galician",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "ja": "cjk",
    "ko": "cjk",
    "lt": "lithuanian",
    "lv": "latvian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "pt-br": "brazilian",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "th": "thai",
    "tr": "turkish",
    "zh-hans": "cjk",
    "zh-hant": "cjk",
}

CLUSTER_BACKENDS = {
    "opensearch": "wagtail.search.backends.opensearch3",
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
}


def cluster_analyzer(language_code):
    return CLUSTER_ANALYZERS.get(language_code.lower(), "standard")


def search_backends(
    language_codes,
    text_search_configs,
    *,
    default_language,
    opensearch_url=None,
    elasticsearch_url=None,
    index_prefix="hrc",
):
    """``default`` (objects without a language: images, documents; in ``default_language``)
    and ``lang-<code>`` for each of ``language_codes``. Every alias has ``AUTO_UPDATE`` off:
    search/indexing.py indexes each object through the alias of its language."""
    if opensearch_url or elasticsearch_url:
        engine = "opensearch" if opensearch_url else "elasticsearch"
        url = opensearch_url or elasticsearch_url

        def alias(code, prefix):
            return {
                "BACKEND": CLUSTER_BACKENDS[engine],
                "URLS": [url],
                "AUTO_UPDATE": False,
                "INDEX_PREFIX": prefix,
                "INDEX_SETTINGS": {
                    "settings": {
                        "analysis": {"analyzer": {"default": {"type": cluster_analyzer(code)}}}
                    }
                },
            }

        backends = {"default": alias(default_language, f"{index_prefix}_")}
        for code in language_codes:
            backends[f"lang-{code}"] = alias(code, f"{index_prefix}-{code}_")
        return backends

    def alias(config):
        return {
            "BACKEND": "wagtail.search.backends.database",
            "AUTO_UPDATE": False,
            "SEARCH_CONFIG": config,
        }

    backends = {"default": alias(text_search_configs.get(default_language, "simple"))}
    for code in language_codes:
        backends[f"lang-{code}"] = alias(text_search_configs.get(code, "simple"))
    return backends
