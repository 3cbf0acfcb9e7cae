"""Admin widgets for long lists of choices, writing Django's own HTML in Python.

Django renders a select through one template per ``<option>`` (and a checkbox list
through three per checkbox), and Wagtail 8's page editor renders every widget twice:
once in the form and once more as the blank template its JavaScript packs for the
panel. The ~250 countries of a profile were a fifth of its edit view's time.

These widgets build the same HTML, byte for byte, from the same context Django
prepares (``get_context``: ids, attributes, selected and checked options, labels in
the active language), so the form behaves exactly as before;
``home/tests/test_widgets.py`` compares their output with Django's templates. A
subclass that names other templates is rendered by its templates as usual.

The choices are also read once per form: a list of model choices (themes, rights…)
otherwise costs one query per rendering, and the lazily translated and sorted
country names are otherwise worked out again for the second rendering.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe
from django_countries.widgets import LazySelect

_AUTOESCAPE = Context(autoescape=True)


def _text(value):
    """``{{ value }}`` in a template."""
    return render_value_in_context(value, _AUTOESCAPE)


def _string(value):
    """``{{ value|stringformat:'s' }}`` in a template."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """django/forms/widgets/attrs.html"""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _select_option(option):
    """django/forms/widgets/select_option.html"""
    return (
        f'<option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget):
    """django/forms/widgets/select.html"""
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
    """django/forms/widgets/checkbox_option.html, input_option.html and input.html"""
    value = option["value"]
    field = (
        f'<input type="{_text(option["type"])}" name="{_text(option["name"])}"'
        + (f' value="{_string(value)}"' if value is not None else "")
        + f"{_attrs(option['attrs'])}>\n"
    )
    if not option["wrap_label"]:
        return field + "\n\n"
    label_id = option["attrs"].get("id")
    for_id = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{for_id}>{field} {_text(option['label'])}</label>\n\n"


def _multiple_input(widget):
    """django/forms/widgets/checkbox_select.html and multiple_input.html"""
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


def _read(choices):
    """The choices as a list, in their order. A model field's choices are read in one
    plain query: ``list()`` of Django's iterator would count the rows first, and the
    iterator itself reads through a server-side cursor (three round trips on PostgreSQL)."""
    if type(choices) is ModelChoiceIterator:  # not a subclass, which may read otherwise
        read = [("", choices.field.empty_label)] if choices.field.empty_label is not None else []
        return read + [choices.choice(obj) for obj in choices.queryset.all()]
    return [choice for choice in choices]


class ChoicesReadOnce:
    """Reads the choices once per form (each form has its own copy of the widget)."""

    def get_context(self, name, value, attrs):
        if not isinstance(self.choices, list):
            self.choices = _read(self.choices)
        return super().get_context(name, value, attrs)


class SelectInPython(ChoicesReadOnce):
    """For a subclass of Django's ``Select``: its HTML without a template per option."""

    def _render(self, template_name, context, renderer=None):
        if (template_name, self.option_template_name) != (
            forms.Select.template_name,
            forms.Select.option_template_name,
        ):
            return super()._render(template_name, context, renderer)
        return mark_safe(_select(context["widget"]).strip())  # noqa: S308 (escaped above)


class Select(SelectInPython, forms.Select):
    pass


class CountrySelect(SelectInPython, LazySelect):
    """django-countries' select (the choice of ``CountryField``)."""


class CheckboxSelectMultiple(ChoicesReadOnce, forms.CheckboxSelectMultiple):
    """Django's ``CheckboxSelectMultiple`` without three templates per checkbox."""

    def _render(self, template_name, context, renderer=None):
        if (template_name, self.option_template_name) != (
            forms.CheckboxSelectMultiple.template_name,
            forms.CheckboxSelectMultiple.option_template_name,
        ):
            return super()._render(template_name, context, renderer)
        return mark_safe(_multiple_input(context["widget"]).strip())  # noqa: S308 (escaped above)
