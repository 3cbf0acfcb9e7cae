"""The site's form renderer: Django's, writing the HTML of Django's own widgets in Python.

Django renders a text input through two templates, a select through one template per
``<option>`` and a checkbox list through three per checkbox; Wagtail 8's page editor
renders every widget twice (in the form, and again as the blank template its
JavaScript packs for the panel). With thirty fields and ~250 countries, that was
a third of a profile's edit view.

For Django's own widget templates, this renderer writes the same HTML, byte for byte,
from the same context (``Widget.get_context``: ids, attributes, selected and checked
options, labels in the active language), so every form behaves exactly as before;
``home/tests/test_form_renderer.py`` compares the two for every widget it writes.
Any other template (Wagtail's choosers, a widget naming its own option template…)
is rendered by the templates as usual.

Django's own templates are the ones this renderer's engine finds: like Django's
``DjangoTemplates`` renderer, whose engine it is, it looks in django/forms/templates
before any app's templates, so no app can replace them. A project that wants to
replace them would switch to ``TemplatesSetting`` and stop using this renderer.
"""

import functools

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

_AUTOESCAPE = Context(autoescape=True)
_WIDGETS = "django/forms/widgets/"


def _text(value):
    """``{{ value }}`` in a template."""
    if isinstance(value, str):  # the template's localisation leaves text as it is
        return conditional_escape(value)
    return render_value_in_context(value, _AUTOESCAPE)


def _string(value):
    """``{{ value|stringformat:'s' }}`` in a template."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """attrs.html"""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    """input.html, and the templates that only include it (text.html, number.html…)"""
    value = widget["value"]
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        + (f' value="{_string(value)}"' if value is not None else "")
        + f"{_attrs(widget['attrs'])}>\n"
    )


def _textarea(widget):
    """textarea.html"""
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>\n"
    )


def _select_option(option):
    """select_option.html"""
    value, label, attrs = option["value"], option["label"], option["attrs"]
    if type(value) is str and type(label) is str and (not attrs or attrs == _SELECTED):
        return _plain_option(value, label, bool(attrs))
    return f'<option value="{_string(value)}"{_attrs(attrs)}>{_text(label)}</option>\n'


_SELECTED = {"selected": True}


@functools.lru_cache(maxsize=4096)
def _plain_option(value, label, selected):
    """An option of plain text, the commonest kind, such as a country in one language:
    written once per process, as it is the same every time."""
    selected = " selected" if selected else ""
    return f'<option value="{escape(value)}"{selected}>{escape(label)}</option>\n'


def _select(widget):
    """select.html"""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_select_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _input_option(option):
    """checkbox_option.html and radio_option.html, each including input_option.html"""
    field = _input(option)
    if not option["wrap_label"]:
        return field + "\n\n"
    label_id = option["attrs"].get("id")
    for_id = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{for_id}>{field} {_text(option['label'])}</label>\n\n"


def _multiple_input(widget):
    """checkbox_select.html and radio.html, each including multiple_input.html"""
    widget_id = widget["attrs"].get("id")
    widget_class = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{_text(widget_id)}"' if widget_id else "",
        f' class="{_text(widget_class)}"' if widget_class else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(f"<div>\n    {_input_option(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n\n")
    return "".join(parts)


_INPUTS = "checkbox color date datetime email file hidden number password search tel text time url"
# Template → (writer, the template each option must name for the writer to apply).
WRITERS = {f"{_WIDGETS}{name}.html": (_input, None) for name in _INPUTS.split()}
WRITERS[f"{_WIDGETS}textarea.html"] = (_textarea, None)
WRITERS[f"{_WIDGETS}select.html"] = (_select, {f"{_WIDGETS}select_option.html"})
WRITERS[f"{_WIDGETS}checkbox_select.html"] = (
    _multiple_input,
    {f"{_WIDGETS}checkbox_option.html", f"{_WIDGETS}radio_option.html"},
)
WRITERS[f"{_WIDGETS}radio.html"] = WRITERS[f"{_WIDGETS}checkbox_select.html"]


def _options_use(widget, option_templates):
    return all(
        option["template_name"] in option_templates
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        writer, option_templates = WRITERS.get(template_name, (None, None))
        widget = context.get("widget") if writer else None
        if widget is not None and (
            option_templates is None or _options_use(widget, option_templates)
        ):
            return writer(widget).strip()
        return super().render(template_name, context, request=request)
