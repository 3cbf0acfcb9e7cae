"""A StreamField's panel whose block definitions are packed once per admin language.

Upstream gap (Wagtail 8.0): every edit or add view packs the whole definition of a
StreamField's blocks for the editor's JavaScript (labels, help, each child block's
widget rendered as an HTML template, rich-text toolbars) and serialises it to JSON,
although it is the same for every page and every user in one language. For a
profile's vision that was about a tenth of the edit view. Delete this module when
Wagtail keeps the packed definition itself (``BlockWidget._build_block_json``).

What is kept: the JSON and the telepath context (the JavaScript and CSS it needs),
per block definition and language, for the life of the process, and forgotten
whenever a setting changes (tests that override settings). The definition holds no
value of a page: values and errors are written beside it, per request, by
``BlockWidget.render_with_errors``. It holds nothing of a user either (checked by
home/tests/test_stream_panel.py). Its only per-rendering parts are random: the
Draft.js keys of an empty rich-text default and the ids of a default list item, which
Wagtail already shares among all the blocks added in one editing session; now they
are shared among sessions too, which matters to nothing (ids need to be unique
within one page's field, where the editor makes them so, not across pages).

Use it only for blocks whose definition depends on nothing but the code and the
language: not for a block whose choices are read from the database when packed.
"""

from django.test.signals import setting_changed
from django.utils import translation
from wagtail.admin.panels import FieldPanel

from .incomplete_forms import CheckedBlockWidget

_packed = {}


def forget_packed_definitions(**kwargs):
    _packed.clear()


setting_changed.connect(forget_packed_definitions)


class DefinitionPackedOnceWidget(CheckedBlockWidget):
    """Wagtail's ``BlockWidget``, packing its block definition once per language (and, as
    every StreamField's widget, reading an incomplete post safely: home/incomplete_forms.py)."""

    def _build_block_json(self):
        key = (id(self.block_def), translation.get_language())
        packed = _packed.get(key)
        if packed is None or packed[0] is not self.block_def:
            super()._build_block_json()
            # The block is kept with its definition, so its id cannot be reused meanwhile.
            packed = _packed[key] = (self.block_def, self._js_context, self._block_json)
        _block_def, self._js_context, self._block_json = packed


class StreamFieldPanel(FieldPanel):
    """A ``FieldPanel`` for a StreamField, with ``DefinitionPackedOnceWidget``."""

    def get_form_options(self):
        options = super().get_form_options()
        if "fields" in options and not self.widget:
            options["widgets"] = {
                self.field_name: DefinitionPackedOnceWidget(self.db_field.stream_block)
            }
        return options
