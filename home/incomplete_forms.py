"""A posted form whose StreamField arrived incomplete answers 400 with the form, not 500.

Upstream gap (Wagtail 8.0.1): ``StreamBlock`` and ``ListBlock`` read their bookkeeping
fields (``vision-count``, ``vision-0-deleted``, ``vision-0-order``…) with ``data[key]`` and
``int(...)``, so an edit, create, revert or preview POST without them (a crafted request,
a truncated upload, a broken browser extension) raised ``KeyError: 'vision-count'`` and
answered 500, on every page type and snippet with a StreamField.

Here every StreamField of an admin form (``register_form_field_override``, so pages,
snippets and settings alike) reads the posted data through ``CompletedData``, which infers
a missing or unreadable count, "deleted" flag or order from the keys that were sent, so
what was sent is kept. The field is then invalid ("arrived incomplete"), the form is shown
again with what could be read (or, when nothing could, with the saved content), and
``IncompleteFormMiddleware`` turns the answer into a 400. Nothing is saved.

Delete this module when Wagtail's blocks validate their bookkeeping fields themselves
(home/tests/test_incomplete_forms.py says whether they do: it fails without the override).
"""

import logging
import re

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.blocks.base import BlockField, BlockWidget
from wagtail.fields import StreamField

INCOMPLETE = _(
    "This part of the form arrived incomplete, so nothing was saved. It shows what could "
    "be read of what was sent; check it and save again."
)
logger = logging.getLogger(__name__)
UNREADABLE = object()  # nothing of the field could be read: the form shows the saved content
BOOKKEEPING = re.compile(r"^(?P<prefix>.+)-(?P<field>count|(?P<index>\d+)-(deleted|order))$")


class CompletedData:
    """The posted data, with the bookkeeping keys a block widget writes inferred when
    missing or unreadable; ``inferred`` lists them."""

    def __init__(self, data):
        self.data = data
        self.inferred = []

    def __getattr__(self, name):  # getlist() and the rest, for the blocks' own widgets
        return getattr(self.data, name)

    def __contains__(self, key):
        return key in self.data

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __getitem__(self, key):
        match = BOOKKEEPING.match(key)
        if not match:
            return self.data[key]
        value = self.data.get(key)
        if match["field"] == "count" or key.endswith("-order"):
            if value is not None and str(value).isdigit():
                return value
        elif value is not None:  # a "deleted" flag: any text
            return value
        self.inferred.append(key)
        if match["field"] == "count":
            return str(self._count(match["prefix"]))
        if key.endswith("-order"):
            return match["index"]
        return ""  # not deleted

    def _count(self, prefix):
        child = re.compile(rf"^{re.escape(prefix)}-(\d+)-")
        indexes = [int(m.group(1)) for key in self.data.keys() if (m := child.match(key))]
        return max(indexes) + 1 if indexes else 0


class CheckedBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        completed = CompletedData(data)
        try:
            value = super().value_from_datadict(completed, files, name)
        except (KeyError, ValueError, TypeError, IndexError):
            value = UNREADABLE
        else:
            if not completed.inferred:
                return value
        incomplete = getattr(data, "incomplete_fields", [])
        try:
            data.incomplete_fields = [*incomplete, name]  # read by IncompleteFormMiddleware
        except AttributeError:
            pass  # a plain dict: no request to answer
        if value is not UNREADABLE:
            value.arrived_incomplete = True
        return value


class CheckedBlockField(BlockField):
    def __init__(self, block=None, **kwargs):
        if "widget" not in kwargs and block is not None:
            kwargs["widget"] = CheckedBlockWidget(block)
        super().__init__(block=block, **kwargs)

    def bound_data(self, data, initial):
        return initial if data is UNREADABLE else super().bound_data(data, initial)

    def clean(self, value):
        if value is UNREADABLE or getattr(value, "arrived_incomplete", False):
            raise ValidationError(INCOMPLETE, code="incomplete")
        return super().clean(value)

    def has_changed(self, initial_value, data_value):
        return data_value is UNREADABLE or super().has_changed(initial_value, data_value)


def connect():
    register_form_field_override(StreamField, override={"form_class": CheckedBlockField})


class IncompleteFormMiddleware:
    """A form shown again because a StreamField arrived incomplete answers 400; so does a
    POST lacking a field that a view reads without checking (``request.POST["…"]``: seen
    in wagtail-localize's PO upload, ``MultiValueDictKeyError``), instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MultiValueDictKeyError):
            return None
        field = str(exception).strip("'\"")
        logger.warning("Incomplete POST to %s: no %r", request.path, field)
        html = render_to_string("incomplete_form.html", {"field": field}, request)
        return HttpResponseBadRequest(html)

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 200
            and getattr(request.POST, "incomplete_fields", None)
        ):
            response.status_code = 400
        return response


def redirect_import_with_its_fields(view):
    """Wagtail's redirect import (its second step) means to answer a POST without its
    signed management fields as suspicious (400), but its form's ``clean()`` reads them
    unchecked first (``KeyError: 'import_file_name'``, a 500)."""

    def checked(request, *args, **kwargs):
        if request.method == "POST" and not {"import_file_name", "input_format"} <= set(
            request.POST
        ):
            raise SuspiciousOperation("The redirect import's management fields are missing.")
        return view(request, *args, **kwargs)

    return checked
