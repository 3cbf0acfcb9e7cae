"""Renditions that a lost original cannot turn into a 500.

Wagtail's ``{% image %}`` tag already shows a broken image when the original file is gone
(a database copied without its media, a bucket emptied by mistake); ``get_rendition`` called
from Python raises ``SourceImageIOError`` instead, and a member's whole profile answered
500 for a missing logo. Every rendition made outside a template goes through here: the page
is shown without the image, and the log says which file to restore.
"""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)


def rendition(image, spec):
    """``image``'s rendition for ``spec``, or None when there is no image or its original
    file cannot be read."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError as error:
        logger.warning(
            "Image %s (%r) has lost its original file (%s); shown without it. Restore the "
            "file in the media storage, or upload the image again.",
            image.pk,
            image.title,
            error,
        )
        return None
