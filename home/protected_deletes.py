"""Deleting what something else protects answers with a message, never a 500.

Upstream gap (Wagtail 8.0.1): the admin's generic delete views (groups, collections,
snippets, locales…) do not catch ``ProtectedError``: deleting a city team's group (which
``cityteams.CityTeam`` protects) answered 500. Here the delete is refused with a message
naming what still needs the object, on the page the request came from.

Delete this module when Wagtail's delete views catch ``ProtectedError`` themselves
(home/tests/test_protected_deletes.py says whether they do).
"""

import logging

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class ProtectedDeleteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, ProtectedError | RestrictedError):
            return None
        needed_by = sorted({str(obj) for obj in exception.args[1]})
        logger.info("Refused to delete at %s: needed by %s", request.path, needed_by)
        messages.error(
            request,
            _("This cannot be deleted: %(needed_by)s still needs it.")
            % {"needed_by": ", ".join(needed_by)},
        )
        return redirect(request.path)
