"""The choice widgets of the admin read their choices once per form and change nothing else.

Each comparison renders the same field with Django's or django-countries' widget,
through Django's own templates, and asks for the same bytes as the page holds.
"""

import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from django_countries.widgets import LazySelect
from wagtail.users.models import UserProfile

from cityprofiles.models import CityIndexPage, CityProfilePage
from cityprofiles.tests import builders
from cityprofiles.tests.test_admin_form import form_data
from cityteams.roles import SECRETARIAT, ensure_roles
from home import widgets
from taxonomies.models import FrameworkPillar, Theme

DJANGO = DjangoTemplates()


@pytest.mark.parametrize(
    "language, spain",
    [("en", "Spain"), ("fr", "Espagne"), ("es", "España"), ("ar", "أسبانيا")],
)
def test_country_select_lists_every_country_in_the_admin_language(language, spain):
    with translation.override(language):
        expected = LazySelect(choices=countries).render("country", "ES", renderer=DJANGO)
        ours = widgets.LazySelect(choices=countries)
        first = ours.render("country", "ES", renderer=DJANGO)
        # The second rendering (Wagtail's packed template) reuses the choices read once.
        second = ours.render("country", "FR", renderer=DJANGO)
    assert first == expected
    assert f'<option value="ES" selected>{spain}</option>' in first
    assert first.count("<option ") == len(countries) > 240
    assert second.count(" selected>") == 1 and '<option value="FR" selected>' in second


def test_widgets_keep_the_class_names_wagtail_names_fields_after():
    for ours, theirs in [
        (widgets.LazySelect, LazySelect),
        (widgets.Select, forms.Select),
        (widgets.CheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    ]:
        assert issubclass(ours, theirs) and ours.__name__ == theirs.__name__


@pytest.mark.django_db
def test_model_choices_are_read_in_one_query_for_both_renderings():
    _homes, _directories = builders.site_tree(languages=("en",))
    housing = builders.theme("housing", "Housing & land")
    builders.theme("water", "Water")
    field = forms.ModelMultipleChoiceField(
        Theme.objects.order_by("key"), widget=widgets.CheckboxSelectMultiple
    )
    stock = forms.ModelMultipleChoiceField(
        Theme.objects.order_by("key"), widget=forms.CheckboxSelectMultiple
    )
    expected = stock.widget.render("themes", [housing.pk], {"id": "id_themes"}, DJANGO)
    with CaptureQueriesContext(connection) as queries:
        first = field.widget.render("themes", [housing.pk], {"id": "id_themes"}, DJANGO)
        second = field.widget.render("themes", [housing.pk], {"id": "id_themes"}, DJANGO)
    assert first == second == expected
    assert "Housing &amp; land</label>" in first and "checked" in first
    assert len(queries) == 1


@pytest.mark.django_db
def test_select_of_model_choices_keeps_the_empty_choice_and_the_selected_one():
    _homes, _directories = builders.site_tree(languages=("en",))
    builders.pillar("governance", "Governance", 1)
    second = builders.pillar("participation", "Participation", 2)
    queryset = FrameworkPillar.objects.order_by("number")
    stock = forms.ModelChoiceField(queryset, widget=forms.Select)
    ours = forms.ModelChoiceField(queryset, widget=widgets.Select)
    for value in (None, second.pk):
        expected = stock.widget.render("pillar", value, {"id": "id_pillar"}, DJANGO)
        assert ours.widget.render("pillar", value, {"id": "id_pillar"}, DJANGO) == expected
    assert '<option value="">---------</option>' in expected
    assert f'<option value="{second.pk}" selected>Participation</option>' in expected


# The profile's edit view, as the secretariat uses it.


@pytest.fixture
def secretariat_client(client):
    builders.site_tree(languages=("en", "fr"))
    ensure_roles()
    user = get_user_model().objects.create_user("secretariat", "s@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def terms():
    return {
        "themes": [builders.theme("housing", "Housing"), builders.theme("water", "Water")],
        "rights": [builders.right("city", "Right to the city", 1)],
        "pillars": [builders.pillar("governance", "Governance", 1)],
    }


def edit_form(response):
    return response.context["form"]


def stock_rendering(bound_field, html):
    """The bound field as Django's own widget renders it through Django's templates, with
    the description the panel gave it in the page ``html`` (as ``BoundField.as_widget``)."""
    # A select carries it after its name; each box of a checkbox list after its value.
    described = re.search(
        rf'name="{bound_field.html_name}"(?: value="[^"]*")? aria-describedby="([^"]+)"', html
    )
    ours = bound_field.field.widget
    stock_class = {
        widgets.LazySelect: LazySelect,
        widgets.CheckboxSelectMultiple: forms.CheckboxSelectMultiple,
    }[type(ours)]
    stock = stock_class(attrs=ours.attrs)
    stock.choices = bound_field.field.choices
    attrs = {"aria-describedby": described.group(1)} if described else {}
    attrs = bound_field.build_widget_attrs(attrs, stock)
    attrs.setdefault("id", bound_field.auto_id)
    return stock.render(bound_field.html_name, bound_field.value(), attrs, DJANGO)


@pytest.mark.django_db
@pytest.mark.parametrize("language, spain", [("en", "Spain"), ("fr", "Espagne")])
def test_profile_edit_view_renders_choices_as_django_would(
    secretariat_client, terms, language, spain
):
    preferences = UserProfile.get_for_user(secretariat_client.user)
    preferences.preferred_language = language
    preferences.save()
    directory = CityIndexPage.objects.get(locale__language_code="en")
    profile = builders.profile(
        directory,
        "Sevilla",
        country="ES",
        themes=[terms["themes"][1]],
        rights=terms["rights"],
        pillars=terms["pillars"],
    )
    response = secretariat_client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    form = edit_form(response)
    with translation.override(language):  # the editor's admin language
        for name in ("country", "themes", "charter_rights", "framework_pillars"):
            assert stock_rendering(form[name], html) in html, name
    assert f'<option value="ES" selected>{spain}</option>' in html
    assert "w-field--lazy_select" in html and "w-field--checkbox_select_multiple" in html
    water, housing = terms["themes"][1], terms["themes"][0]
    assert f'value="{water.pk}" id="id_themes_1" checked>' in str(form["themes"])
    assert f'value="{housing.pk}" id="id_themes_0">' in str(form["themes"])


@pytest.mark.django_db
def test_refused_edit_keeps_the_choices_the_editor_made(secretariat_client, terms):
    directory = CityIndexPage.objects.get(locale__language_code="en")
    profile = builders.profile(directory, "Sevilla", country="ES", themes=[terms["themes"][1]])
    url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    housing = terms["themes"][0]
    data = form_data(profile, country="PT", latitude="123", longitude="2")
    data["themes"] = [housing.pk]
    data["charter_rights"] = [terms["rights"][0].pk]
    response = secretariat_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "less than or equal to 90" in response.content.decode()
    form = edit_form(response)
    html = response.content.decode()
    for name in ("country", "themes", "charter_rights", "framework_pillars"):
        assert stock_rendering(form[name], html) in html, name
    assert '<option value="PT" selected>Portugal</option>' in str(form["country"])
    themes = str(form["themes"])
    assert f'value="{housing.pk}" id="id_themes_0" checked>' in themes
    assert f'value="{terms["themes"][1].pk}" id="id_themes_1">' in themes  # no longer checked
    assert "checked" in str(form["charter_rights"])
    saved = CityProfilePage.objects.get(pk=profile.pk)
    assert (saved.country.code, list(saved.themes.all())) == ("ES", [terms["themes"][1]])
