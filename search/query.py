"""Cleaning what visitors type before it reaches a search backend.

A NUL byte raises DataError in PostgreSQL, a lone surrogate UnicodeEncodeError,
and a query of several hundred words RecursionError in the query parser: each
would be a 500. Cleaned queries are bounded in length and number of terms.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
# Only words reach the backend: quotes, brackets, stars and the like are query
# syntax for some engines (SQLite's FTS5 fails on an unterminated quote).
NOT_WORD = re.compile(r"[^\w\s'’-]+", re.UNICODE)


def clean_query(text):
    if not text:
        return ""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":  # lone surrogate halves
            continue
        if category.startswith("C") and char not in "\t\n\r":
            continue  # control and format characters, NUL included (RTL marks too)
        kept.append(" " if char in "\t\n\r" else char)
    terms = NOT_WORD.sub(" ", "".join(kept)).split()
    terms = [term.strip("-'’") for term in terms]
    terms = [term for term in terms if term]
    return " ".join(terms[:MAX_TERMS])[:MAX_QUERY_LENGTH].strip()
