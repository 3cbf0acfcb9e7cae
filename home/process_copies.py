"""A process's own copy of something kept in the shared cache, used while it is still current.

Reading a large value back from the shared cache costs its unpickling on every request (the
directory's 1,000 member rows: ~7 ms). A process may keep what it last read, but only while
the shared cache still holds the token the value was stored with, under the same key: a key
carries its version, so a change made in any process (a new version) or a flushed cache is
seen by the very next request here (tests/test_fresh_in_every_process.py).
"""

import threading
import uuid

from django.core.cache import cache

_COPIES = {}


def current_copy(key, load, derive=None, timeout=24 * 3600):
    """The value under ``key``: this process's copy while the shared token is unchanged, else
    the shared cache's, else ``load()`` (stored for every process). ``derive`` turns the
    shared value into what this process keeps (an index of it, say)."""
    token = cache.get(f"{key}:token")
    kept = _COPIES.get(key)
    if kept is not None and token is not None and kept[0] == token:
        return kept[1]
    value = cache.get(key) if token is not None else None
    if value is None:
        value = load()
        token = uuid.uuid4().hex
        cache.set_many({key: value, f"{key}:token": token}, timeout=timeout)
    copy = derive(value) if derive is not None else value
    if len(_COPIES) > 64:  # copies of old versions
        _COPIES.clear()
    _COPIES[key] = (token, copy)
    return copy


_per_thread = threading.local()


def kept_per_version(name, on, load):
    """``load()``, read once by each thread while the versions ``on`` (home/freshness.py)
    are unchanged: for small things read on every request (the vocabularies, the members
    stories link to). While the versions cannot be read (the shared cache away), a change
    cannot be told from none, so ``load()`` is read every time and nothing is kept."""
    from . import freshness

    numbers = freshness.versions(*on)
    if freshness.unknown(numbers):
        return load()
    memory = getattr(_per_thread, "memory", None)
    if memory is None:
        memory = _per_thread.memory = {}
    entry = memory.get(name)
    if entry is None or entry[0] != numbers:
        entry = memory[name] = (numbers, load())
    return entry[1]
