"""Fixed vocabularies of a member profile.

These change only with the campaign's statutes, so they are choices with
stable keys (used in filters and imports) and translated labels, not snippets.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberType(models.TextChoices):
    GOVERNMENT = "government", _("Local or regional government")
    PARTNER = "civil-society partner", _("Civil-society partner")


class GovernmentType(models.TextChoices):
    CITY = "city", _("City or municipality")
    METROPOLITAN = "metropolitan area", _("Metropolitan area")
    REGION = "province/region", _("Province or region")
    ASSOCIATION = "association of local governments", _("Association of local governments")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """UCLG's world regions."""

    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia-pacific", _("Asia-Pacific")
    EURASIA = "eurasia", _("Eurasia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin-america", _("Latin America")
    MIDDLE_EAST = "middle-east-west-asia", _("Middle East & West Asia")
    NORTH_AMERICA = "north-america", _("North America")


class PopulationBand(models.TextChoices):
    UNDER_50K = "under-50k", _("Under 50,000")
    FROM_50K = "50k-250k", _("50,000 – 250,000")
    FROM_250K = "250k-1m", _("250,000 – 1 million")
    OVER_1M = "over-1m", _("Over 1 million")
