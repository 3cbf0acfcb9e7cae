"""The names of the stable keys in the reader's language, for the open-data downloads'
label columns (``theme_labels`` beside ``themes``…).

One query per vocabulary, whatever the number of rows. A term not yet translated keeps
its default-language name (``in_locale``), so a label cell is never empty while its key
is set.
"""

from django.utils import translation
from django_countries.fields import Country

from cityprofiles.choices import GovernmentType, MemberType, PopulationBand, Region
from initiatives.models import InitiativeStatus
from taxonomies.models import (
    CharterRight,
    FrameworkPillar,
    RightsHolderGroup,
    SustainableDevelopmentGoal,
    Theme,
    Wave,
)

VOCABULARIES = {
    "themes": Theme,
    "rights": CharterRight,
    "pillars": FrameworkPillar,
    "sdgs": SustainableDevelopmentGoal,
    "rights_holder_groups": RightsHolderGroup,
}
CHOICES = {
    "region": Region,
    "status": InitiativeStatus,
    "member_type": MemberType,
    "government_type": GovernmentType,
    "population_band": PopulationBand,
}


class Labels:
    """Key → name in ``language``, read once for a whole download."""

    def __init__(self, locale, vocabularies=tuple(VOCABULARIES)):
        self.language = locale.language_code
        with translation.override(self.language):
            self.terms = {
                name: {term.key: str(term) for term in VOCABULARIES[name].objects.in_locale(locale)}
                for name in vocabularies
            }
            self.waves = {wave.key: str(wave) for wave in Wave.objects.in_locale(locale)}
            self.choices = {
                name: {key: str(label) for key, label in choices.choices}
                for name, choices in CHOICES.items()
            }

    def term(self, vocabulary, key):
        return self.terms[vocabulary].get(key, key) if key else None

    def terms_of(self, vocabulary, keys):
        return [self.term(vocabulary, key) for key in keys]

    def choice(self, name, key):
        return self.choices[name].get(key, key) if key else None

    def wave(self, key):
        return self.waves.get(key, key) if key else None

    def country(self, code):
        if not code:
            return None
        with translation.override(self.language):
            return str(Country(code).name) or code
