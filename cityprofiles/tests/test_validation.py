"""The profile form tells editors what to fix."""

import pytest
from django.core.exceptions import ValidationError

from cityprofiles.models import CityProfilePage
from cityprofiles.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    _homes, directories = builders.site_tree(languages=("en", "fr"))
    return directories["en"]


def errors_of(page):
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict


def new_profile(directory, **fields):
    values = {
        "title": "Rouen",
        "slug": "rouen",
        "country": "FR",
        "region": "europe",
        "locale": directory.locale,
        "path": "x",
        "depth": 4,
    }
    values.update(fields)
    return CityProfilePage(**values)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"latitude": "95", "longitude": "1"}, "latitude", "less than or equal to 90"),
        ({"latitude": "45", "longitude": "-181"}, "longitude", "greater than or equal to -180"),
        ({"latitude": "45"}, "longitude", "Give both latitude and longitude"),
        ({"population_band": "a-billion"}, "population_band", "not a valid choice"),
        ({"term_start": 2027, "term_end": 2023}, "term_end", "cannot end before it starts"),
        ({"country": ""}, "country", "Choose the country"),
        ({"region": "atlantis"}, "region", "not a valid choice"),
    ],
)
def test_invalid_facts_are_explained(directory, fields, field, message):
    errors = errors_of(new_profile(directory, **fields))
    assert any(message in text for text in errors[field]), errors


def test_a_second_profile_for_the_same_city_in_the_same_country_is_refused(directory):
    builders.profile(directory, "Rouen", country="FR", slug="rouen-fr")
    errors = errors_of(new_profile(directory, title="ROUEN", slug="rouen-2"))
    assert "already has a profile" in errors["title"][0]
    # Same name in another country is a different member.
    new_profile(
        directory, title="Rouen", slug="rouen-ca", country="CA", region="north-america"
    ).full_clean()


def test_translation_of_a_profile_is_not_a_duplicate(directory):
    page = builders.profile(directory, "Rouen", country="FR", slug="rouen-fr")
    translation = builders.translate(page, "fr")
    translation.full_clean()


def test_member_key_is_derived_from_name_and_country(directory):
    page = builders.profile(directory, "Sant Pere de Ribes", country="ES", slug="spr")
    assert page.member_key == "sant-pere-de-ribes-es"
    korean = builders.profile(directory, "광주", country="KR", slug="gwangju")
    assert korean.member_key == "광주-kr"


def test_spreadsheet_labels_are_read_in_english_whatever_the_admin_language(directory):
    from django.utils import translation

    from cityprofiles.members import MemberRowForm

    row = {
        "name": "Irbid",
        "country": "JO",
        "region": "Middle East & West Asia",
        "member_type": "Local or regional government",
        "population_band": "Under 50,000",
    }
    with translation.override("fr"):
        form = MemberRowForm(row)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["region"] == "middle-east-west-asia"
    assert form.cleaned_data["member_type"] == "government"
