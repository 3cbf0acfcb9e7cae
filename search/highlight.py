"""Result snippets with the matched words marked.

The text is escaped first and only then are <mark> elements added, so nothing
an editor or a visitor typed can become markup. Matching is by word prefix
(the query word less its last two letters), which finds the inflected forms
that stemming matched ("logements" marks "logement") in any language.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 260
WORD = re.compile(r"\w+", re.UNICODE)


def _prefixes(query):
    prefixes = set()
    for word in WORD.findall(query.casefold()):
        if len(word) >= 3:
            prefixes.add(word[: max(3, len(word) - 2)])
    return prefixes


def snippet(text, query, length=SNIPPET_LENGTH):
    text = " ".join((text or "").split())
    prefixes = _prefixes(query)
    start = 0
    if prefixes:
        for match in WORD.finditer(text):
            if any(match.group().casefold().startswith(p) for p in prefixes):
                start = max(0, match.start() - 60)
                break
    excerpt = text[start : start + length]
    if start:
        excerpt = "…" + excerpt
    if start + length < len(text):
        excerpt += "…"
    if not prefixes:
        return escape(excerpt)
    pieces = []
    position = 0
    for match in WORD.finditer(excerpt):
        if any(match.group().casefold().startswith(p) for p in prefixes):
            pieces.append(escape(excerpt[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(excerpt[position:]))
    # Every piece is escaped above; only our own <mark> elements are markup.
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308
