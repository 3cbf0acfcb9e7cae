"""Admin widgets for lists of choices that read their choices once per form.

Wagtail 8's page editor renders every widget twice (in the form, and again as the
blank template its JavaScript packs for the panel), and each rendering reads the
choices anew: one query for a list of model choices (themes, rights…), and for the
countries ~250 names translated and sorted again. These widgets read them at the
first rendering and keep them for the second; each form has its own copy of its
widgets, so nothing outlives the request. The HTML is Django's
(home/form_renderer.py writes it), and the class names are those of the widgets
they stand for, as Wagtail names a field's CSS class after its widget's class.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django_countries import widgets as country_widgets


def _read(choices):
    """The choices as a list, in their order. A model field's choices are read in one
    plain query: ``list()`` of Django's iterator would count the rows first, and the
    iterator itself reads through a server-side cursor (three round trips on PostgreSQL)."""
    if type(choices) is ModelChoiceIterator:  # not a subclass, which may read otherwise
        read = [("", choices.field.empty_label)] if choices.field.empty_label is not None else []
        return read + [choices.choice(obj) for obj in choices.queryset.all()]
    return [choice for choice in choices]


class ChoicesReadOnce:
    def get_context(self, name, value, attrs):
        if not isinstance(self.choices, list):
            self.choices = _read(self.choices)
        return super().get_context(name, value, attrs)


class Select(ChoicesReadOnce, forms.Select):
    pass


class LazySelect(ChoicesReadOnce, country_widgets.LazySelect):
    """django-countries' select, the widget of a ``CountryField``."""


class CheckboxSelectMultiple(ChoicesReadOnce, forms.CheckboxSelectMultiple):
    pass
