"""A large member spreadsheet, imported by the background worker (cityprofiles/admin_views.py).

The file travels in the task's own row of the queue (base64 in its arguments, at most
``MAX_FILE_BYTES``), not in the media storage: the storage may be a bucket anyone can read
(docs/deploy.md, "Media on S3"), and the member list is the secretariat's. The import is the
same as in the request, whole or not at all; a file the import refuses (a row the check in
the request could not see) fails the task at once, without the retries other errors get,
so the secretariat sees the errors under Reports → Background tasks, and nothing was saved.
"""

import base64
import io

from django.contrib.auth import get_user_model
from django_tasks import task

from background.worker import GivenUp

from .importer import import_members


class SpreadsheetRefused(GivenUp, ValueError):
    """The import found errors; nothing was saved. Failed at once: each attempt is a whole
    import, and the same file finds the same errors again."""


def queue_import(upload, *, publish, user):
    """Queue ``upload`` (a checked spreadsheet) for the worker; the task's result."""
    upload.seek(0)
    content = base64.b64encode(upload.read()).decode("ascii")
    return import_spreadsheet.enqueue(upload.name, content, publish, getattr(user, "pk", None))


@task()
def import_spreadsheet(filename, content, publish, user_id):
    """Import the members of a spreadsheet; what it did, as the import's summary says it."""
    user = None
    if user_id is not None:
        # The uploader's right to publish was checked with their account: without it (deleted
        # since), nobody is answerable for the import, so it is refused, not done unchecked.
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise SpreadsheetRefused(
                f"Nothing was imported from {filename}: the account that uploaded it "
                "was deleted or deactivated since."
            )
    report = import_members(
        io.BytesIO(base64.b64decode(content)), filename=filename, publish=publish, user=user
    )
    if not report.ok:
        raise SpreadsheetRefused(
            f"Nothing was imported from {filename}: "
            + "; ".join(str(error) for error in report.errors)
        )
    return {"file": filename, "summary": report.summary(), **report.counts}
