"""The home app's background work: the HTTP cache's late bans (home/http_cache.py)."""

from django_tasks import task


@task()
def reban(tags):
    """Ban ``tags`` once more, a little after the change: a page that began rendering before
    the commit, with the old content, may have reached the HTTP cache after the first ban."""
    from . import http_cache

    http_cache.ban(frozenset(tags))
