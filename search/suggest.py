"""“Did you mean …?” for a query with few or no results.

Each word of the query that is not a word of the site is replaced by the closest word
that is (``IndexedWord``: the words of published titles and summaries and of the
vocabulary in every language), by trigram similarity: PostgreSQL's ``pg_trgm`` with its
index, elsewhere Python's ``difflib`` over the same words.
"""

import difflib

from django.db import connection

from .models import IndexedWord
from .vocabulary import WORD, words_of

MIN_LENGTH = 3
MAX_LENGTH = 64
SIMILARITY = 0.3


def words_in(text):
    """The words of ``text`` worth proposing (lower-case, three letters or more)."""
    return {word for word in WORD.findall(text.casefold()) if MIN_LENGTH <= len(word) <= MAX_LENGTH}


def remember(*texts):
    """Add the words of ``texts`` to the words proposed (each once)."""
    words = set().union(*(words_in(text or "") for text in texts))
    if words:
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word) for word in words], ignore_conflicts=True, batch_size=2000
        )


def closest(word):
    """The known word closest to ``word``, or None."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # word % %s uses the trigram index; similarity() orders the few it finds.
            cursor.execute(
                "SELECT word FROM search_indexedword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    known = IndexedWord.objects.values_list("word", flat=True)
    found = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return found[0] if found else None


def did_you_mean(query):
    """The query with every unknown word replaced by the closest known one, or None when
    nothing would change. One query per word that is not known (at most a few)."""
    words = words_of(query.casefold())
    candidates = [w for w in words if len(w) >= MIN_LENGTH]
    if not candidates:
        return None
    known = set(IndexedWord.objects.filter(word__in=candidates).values_list("word", flat=True))
    changed = False
    proposal = []
    for word in words:
        if word in known or len(word) < MIN_LENGTH:
            proposal.append(word)
            continue
        replacement = closest(word)
        changed = changed or (replacement is not None and replacement != word)
        proposal.append(replacement or word)
    return " ".join(proposal) if changed else None


def rebuild_words():
    """The words proposed, read again from every published initiative and member and the
    vocabulary of every language (``rebuild_search_index`` ends with it)."""
    from wagtail.models import Locale

    from cityprofiles.models import CityProfilePage
    from initiatives.models import InitiativePage

    from .vocabulary import vocabulary

    IndexedWord.objects.all().delete()
    words = set()
    for model in (InitiativePage, CityProfilePage):
        for title, summary in model.objects.live().public().values_list("title", "summary"):
            words |= words_in(title) | words_in(summary or "")
    for locale in Locale.objects.all():
        for terms in vocabulary(locale).values():
            words |= set().union(*(words_in(term.label) for term in terms))
    IndexedWord.objects.bulk_create(
        [IndexedWord(word=word) for word in words], ignore_conflicts=True, batch_size=5000
    )
    return len(words)
