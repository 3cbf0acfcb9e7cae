"""The site's form renderer writes the HTML Django's templates write, byte for byte.

Every widget is rendered twice, by Django's own renderer (its templates) and by ours
(home/form_renderer.py), for many values and attributes in the four languages.
"""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_countries import countries
from django_countries.widgets import LazySelect

from home.form_renderer import FormRenderer

DJANGO = DjangoTemplates()
OURS = FormRenderer()

CHOICES = [
    ("", "---------"),
    ("housing", "Housing & <shelter>"),
    ("water", mark_safe("<em>Water</em>")),  # a label already marked safe is not escaped again
    ("lazy", gettext_lazy("Planned")),
    ("Group 'one'", [("a", "A"), ("b", 'B "quoted"')]),
    (7, 2030),  # a number as value and as label
    ("x&y", "X and Y"),
    (None, "Nothing"),
]
ATTRS = [
    {},
    {"id": "id_field"},
    {
        "id": "id_field",
        "class": "w-field__input",
        "required": True,
        "disabled": False,
        "data-count": 0,
        "aria-describedby": 'help "x"',
        "data-safe": mark_safe("a&amp;b"),  # already escaped: not escaped twice
    },
]
VALUES = [
    None,
    "",
    "housing",
    "lazy",
    "b",
    7,
    "7",
    "x&y",
    "missing",
    ["water", "a", "7"],
    [7, "x&y"],
    True,
    False,
    0,
    1.5,
    "<script>alert(1)</script>",
    mark_safe("<b>safe</b>"),
    datetime.date(2030, 12, 10),
]
WIDGETS = {
    "text": lambda: forms.TextInput(),
    "number": lambda: forms.NumberInput(),
    "email": lambda: forms.EmailInput(),
    "url": lambda: forms.URLInput(),
    "search": lambda: forms.SearchInput(),
    "tel": lambda: forms.TelInput(),
    "color": lambda: forms.ColorInput(),
    "password": lambda: forms.PasswordInput(render_value=True),
    "hidden": lambda: forms.HiddenInput(),
    "date": lambda: forms.DateInput(),
    "datetime": lambda: forms.DateTimeInput(),
    "time": lambda: forms.TimeInput(),
    "file": lambda: forms.FileInput(),
    "checkbox": lambda: forms.CheckboxInput(),
    "textarea": lambda: forms.Textarea(),
    "select": lambda: forms.Select(choices=CHOICES),
    "select multiple": lambda: forms.SelectMultiple(choices=CHOICES),
    "null boolean": lambda: forms.NullBooleanSelect(),
    "checkbox list": lambda: forms.CheckboxSelectMultiple(choices=CHOICES),
    "radio": lambda: forms.RadioSelect(choices=CHOICES),
    # Written by their templates, through our renderer as through Django's.
    "clearable file": lambda: forms.ClearableFileInput(),
    "split date and time": lambda: forms.SplitDateTimeWidget(),
    "multiple hidden": lambda: forms.MultipleHiddenInput(),
}


def rendering(make_widget, value, attrs, renderer):
    """The HTML, or the error a value the widget cannot take raises (the same for both)."""
    try:
        return make_widget().render("field", value, attrs, renderer=renderer)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        return type(error)


def test_the_site_renders_its_forms_with_this_renderer():
    assert settings.FORM_RENDERER == "home.form_renderer.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
@pytest.mark.parametrize("widget", list(WIDGETS))
def test_each_widget_is_written_as_djangos_templates_write_it(widget, language):
    with translation.override(language):
        for value in VALUES:
            for attrs in ATTRS:
                expected = rendering(WIDGETS[widget], value, attrs, DJANGO)
                assert rendering(WIDGETS[widget], value, attrs, OURS) == expected, (value, attrs)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_country_select_is_written_as_django_countries_templates_write_it(language):
    with translation.override(language):
        for value in (None, "", "ES", "FR", "XX"):
            expected = LazySelect(choices=countries).render("country", value, renderer=DJANGO)
            assert LazySelect(choices=countries).render("country", value, renderer=OURS) == expected
            # Again, now that its options are known to the renderer.
            assert LazySelect(choices=countries).render("country", value, renderer=OURS) == expected


def test_a_widget_naming_its_own_option_template_is_left_to_its_templates():
    class Inputs(forms.CheckboxSelectMultiple):
        option_template_name = "django/forms/widgets/select_option.html"

    expected = Inputs(choices=CHOICES).render("themes", ["a"], renderer=DJANGO)
    assert Inputs(choices=CHOICES).render("themes", ["a"], renderer=OURS) == expected
    assert "<option" in expected  # its own template was used, not ours for checkboxes
