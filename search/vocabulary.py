"""The campaign's vocabulary as a bridge between languages.

The taxonomies are translated: the Housing theme is "Logement" in French, "Vivienda" in
Spanish and "السكن" in Arabic. A query word that names a term in the reader's language
(a theme, a Charter-Agenda right, a Framework pillar, an SDG, a rights-holder group, a
region, a country or a member) therefore stands for that term too: it also matches every
initiative tagged with it, whatever language the initiative is written in.

Words and labels are compared by their Snowball stems (the stemmers PostgreSQL's own
text search uses), case- and accent-insensitive: "logements" names "Logement". A label
of several words is named only by all of them, in order ("right to housing").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
from django.utils import translation
from django_countries import countries

from cityprofiles.choices import Region
from home import freshness
from home.process_copies import current_copy

# Snowball's names for the languages it stems; others are compared unstemmed.
STEMMERS = {
    "ar": "arabic",
    "ca": "catalan",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
}
WORD = re.compile(r"\w+", re.UNICODE)
# Arabic letters written several ways (hamza forms of alef, alef maqsura) and the
# elongation mark: readers type them either way.
ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ـ": None})


@dataclass(frozen=True)
class Term:
    """One entry of the vocabulary: ``kind`` is a search facet's name (theme, right,
    pillar, sdg, group, region, country) or "member"; ``key`` its stable key (a member's
    is its translation key). One Term per language the term is named in."""

    kind: str
    key: str
    label: str  # in the reader's language
    stems: tuple  # of its label in ``language``
    language: str

    @property
    def token(self):
        """How the term is named in an address (``?plain=theme:housing``)."""
        return f"{self.kind}:{self.key}"


@dataclass
class Span:
    """Words of the query (positions ``start`` to ``end``) that name ``terms``."""

    start: int
    end: int
    terms: list


@lru_cache(maxsize=16)
def _stemmer(language_code):
    name = STEMMERS.get(language_code)
    return snowballstemmer.stemmer(name) if name else None


def strip_accents(text):
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A pure function of its arguments, kept per process: after a change the vocabulary is
# loaded again, and only the labels that changed are stemmed anew (3,800 labels: 22 ms).
@lru_cache(maxsize=200_000)
def stems(text, language_code):
    """The comparable form of each word of ``text``."""
    stemmer = _stemmer(language_code)
    words = WORD.findall(text.casefold().translate(ARABIC_VARIANTS))
    if stemmer is not None:
        words = stemmer.stemWords(words)
    return tuple(strip_accents(word) for word in words)


def vocabulary(locale):
    """Every term of the vocabulary named in every language, each labelled in ``locale``'s
    language, cached until a term or a member changes (their saves bump the directory's
    version, cityprofiles/signals.py). Kept in the cache every process shares; each
    process also keeps its index of the terms while they are current
    (home/process_copies.py), to spare reading them back on every search."""
    key = freshness.key("search:vocabulary", locale.pk, on=("catalogue",))
    return current_copy(key, lambda: _load_vocabulary(locale), derive=_index)


def _index(terms):
    index = {}
    for term in terms:
        index.setdefault((term.language, term.stems[0]), []).append(term)
    return index


def _labels_by_language():
    """{language code: [(kind, key, label)]} of every term in every language. One query
    per vocabulary for all languages at once (not one per language and vocabulary), so
    the first search after a change costs a handful of queries, whatever the number of
    languages."""
    from wagtail.models import Locale

    from cityprofiles.models import CityProfilePage
    from taxonomies.models import (
        CharterRight,
        FrameworkPillar,
        RightsHolderGroup,
        SustainableDevelopmentGoal,
        Theme,
    )

    codes = list(Locale.objects.values_list("language_code", flat=True))
    labels = {code: [] for code in codes}
    for kind, model in [
        ("theme", Theme),
        ("right", CharterRight),
        ("pillar", FrameworkPillar),
        ("sdg", SustainableDevelopmentGoal),
        ("group", RightsHolderGroup),
    ]:
        # Names without the numbers the facets show ("11. …"): a reader types the name.
        rows = model.objects.values_list("locale__language_code", "key", "name")
        for code, key, name in rows.order_by("pk"):
            labels.setdefault(code, []).append((kind, key, name))
    for code in codes:
        with translation.override(code):
            labels[code] += [("region", value, str(label)) for value, label in Region.choices]
            labels[code] += [("country", country.code, country.name) for country in countries]
    members = (
        CityProfilePage.objects.live()
        .public()
        .values_list("locale__language_code", "translation_key", "title")
    )
    for code, key, title in members.order_by("pk"):
        labels.setdefault(code, []).append(("member", str(key), title))
    return labels


def _load_vocabulary(locale):
    """A query word may name a term in any language ("housing" on the Arabic page): each
    term is matched by its label in every language, and shown by its label in ours."""
    # Every reader language starts from the same labels: load them once per version.
    key = freshness.key("search:vocabulary-labels", on=("catalogue",))
    labels = cache.get(key)
    if labels is None:
        labels = _labels_by_language()
        cache.set(key, labels, timeout=24 * 3600)
    shown = {}
    for code in [locale.language_code] + [c for c in labels if c != locale.language_code]:
        for kind, key, label in labels.get(code, []):
            shown.setdefault((kind, key), label)
    terms, seen = [], set()
    for code, rows in labels.items():
        for kind, key, label in rows:
            term = Term(kind, key, shown[(kind, key)], stems(label, code), code)
            if term.stems and (kind, key, code, term.stems) not in seen:
                seen.add((kind, key, code, term.stems))
                terms.append(term)
    return terms


def words_of(query):
    """The query's words, as the bridge and the text match both count them."""
    return WORD.findall(query)


def find_spans(words, locale, plain=()):
    """The spans of ``words`` (``words_of`` the query) that name terms of the vocabulary,
    in any language (each compared with that language's stemming), the longest first,
    without overlaps. Terms whose token is in ``plain`` (the reader took them off) are
    left out, so their words are searched as words only."""
    index = vocabulary(locale)
    languages = sorted({language for language, _stem in index})
    flat = {code: [(stems(word, code) or ("",))[0] for word in words] for code in languages}
    spans = []
    position = 0
    while position < len(words):
        best = {}
        length = 0
        for code in languages:
            for term in index.get((code, flat[code][position]), []):
                size = len(term.stems)
                if term.token in plain or size < length:
                    continue
                if tuple(flat[code][position : position + size]) != term.stems:
                    continue
                if size > length:
                    best, length = {}, size
                best.setdefault(term.token, term)
        if best:
            spans.append(Span(position, position + length, list(best.values())))
            position += length
        else:
            position += 1
    return spans
