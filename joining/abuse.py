"""Abuse of the public form, without third-party scripts: a rate limit per client address.

The honeypot is in forms.py; CSRF is Django's. The limit counts every submission (valid or
not) in a fixed window, in Django's cache, so it holds across processes when the cache is
Redis. See docs/joining.md for how the client address is found behind a proxy.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """REMOTE_ADDR; behind N trusted proxies (JOINING_TRUSTED_PROXIES=N), the address the
    outermost of them saw, i.e. the N-th from the right of X-Forwarded-For. Entries further
    left were written by the client and are never trusted."""
    hops = settings.JOINING_TRUSTED_PROXIES
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _key(address):
    # Hashed: the cache does not need to hold visitors' addresses.
    return "joining:rate:" + hashlib.sha256(address.encode()).hexdigest()


def count_in_window(key, window):
    """Count one more under ``key`` in a window of ``window`` seconds; the count so far."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def count_submission(request):
    """Count one submission from the request's address; True when it is over the limit."""
    key = _key(client_address(request))
    return count_in_window(key, settings.JOINING_RATE_WINDOW) > settings.JOINING_RATE_LIMIT
