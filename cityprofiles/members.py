"""Creating and updating member profiles from rows of data (imports, demo, applications).

A row is validated by ``MemberRowForm`` (the same rules as the admin form) and
applied by ``apply_member``, which matches an existing profile on its stable
``member_key`` and publishes a new revision only when something changed, so
importing the same file twice changes nothing.
"""

import datetime

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, Max, Min, When
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from taxonomies.models import CharterRight, FrameworkPillar, Theme, Wave

from .choices import GovernmentType, MemberType, PopulationBand, Region
from .models import CityIndexPage, CityProfilePage, derive_member_key

# Columns of the member spreadsheet, in order (members.csv plus the profile fields).
COLUMNS = [
    "key",
    "name",
    "country",
    "region",
    "year_joined",
    "member_type",
    "government_type",
    "source",
    "language",
    "wave",
    "joined_on",
    "leader_name",
    "leader_title",
    "term_start",
    "term_end",
    "population_band",
    "latitude",
    "longitude",
    "website",
    "summary",
    "themes",
    "rights",
    "pillars",
]
REQUIRED_COLUMNS = {"name", "member_type"}
LIST_SEPARATOR = ";"

# Profile fields set straight from the cleaned row.
PLAIN_FIELDS = [
    "member_type",
    "government_type",
    "region",
    "joined_on",
    "leader_name",
    "leader_title",
    "term_start",
    "term_end",
    "population_band",
    "latitude",
    "longitude",
    "website",
    "summary",
]
TERM_FIELDS = {"themes": Theme, "rights": CharterRight, "pillars": FrameworkPillar}
PAGE_RELATIONS = {"themes": "themes", "rights": "charter_rights", "pillars": "framework_pillars"}


def _choice_from_text(choices, text):
    """Accept a choice's key or its English label (as the spreadsheet has them), whatever the
    case and whatever language the person importing uses."""
    text = (text or "").strip()
    if not text:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        for value, label in choices:
            if text.casefold() in {value.casefold(), str(label).casefold()}:
                return value
    return None


class MemberRowForm(forms.Form):
    key = forms.SlugField(required=False, max_length=120, allow_unicode=True)
    name = forms.CharField(max_length=255)
    country = forms.CharField(required=False, max_length=60)
    region = forms.CharField(required=False, max_length=60)
    year_joined = forms.IntegerField(required=False, min_value=2022, max_value=2100)
    member_type = forms.CharField(max_length=60)
    government_type = forms.CharField(required=False, max_length=60)
    source = forms.CharField(required=False, max_length=255)
    language = forms.CharField(required=False, max_length=10)
    wave = forms.SlugField(required=False, max_length=50)
    joined_on = forms.DateField(required=False)
    leader_name = forms.CharField(required=False, max_length=255)
    leader_title = forms.CharField(required=False, max_length=255)
    term_start = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    term_end = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    population_band = forms.CharField(required=False, max_length=60)
    latitude = forms.DecimalField(required=False, min_value=-90, max_value=90, decimal_places=5)
    longitude = forms.DecimalField(required=False, min_value=-180, max_value=180, decimal_places=5)
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    summary = forms.CharField(required=False, max_length=500)
    themes = forms.CharField(required=False)
    rights = forms.CharField(required=False)
    pillars = forms.CharField(required=False)

    def clean_country(self):
        text = self.cleaned_data["country"].strip()
        if not text:
            return ""
        code = countries.by_name(text) or (text.upper() if text.upper() in dict(countries) else "")
        if not code:
            raise forms.ValidationError(
                _("Unknown country “%(value)s”: use a two-letter ISO code such as ES."),
                params={"value": text},
            )
        return code

    def _clean_choice(self, name, choices, what):
        value = _choice_from_text(choices, self.cleaned_data[name])
        if value is None:
            allowed = ", ".join(value for value, _label in choices)
            raise forms.ValidationError(
                _("Unknown %(what)s “%(value)s”. Use one of: %(allowed)s."),
                params={"what": what, "value": self.cleaned_data[name], "allowed": allowed},
            )
        return value

    def clean_region(self):
        return self._clean_choice("region", Region.choices, _("region"))

    def clean_member_type(self):
        return self._clean_choice("member_type", MemberType.choices, _("member type"))

    def clean_government_type(self):
        return self._clean_choice(
            "government_type", GovernmentType.choices, _("type of government")
        )

    def clean_population_band(self):
        return self._clean_choice("population_band", PopulationBand.choices, _("population band"))

    def clean_language(self):
        code = (
            self.cleaned_data["language"] or ""
        ).strip().lower() or Locale.get_default().language_code
        if not Locale.objects.filter(language_code=code).exists():
            raise forms.ValidationError(_("Unknown language “%(value)s”."), params={"value": code})
        return code

    def clean_wave(self):
        key = self.cleaned_data["wave"]
        if key and not Wave.objects.filter(key=key).exists():
            raise forms.ValidationError(_("Unknown wave “%(value)s”."), params={"value": key})
        return key

    def _clean_terms(self, name):
        keys = [k.strip() for k in self.cleaned_data[name].split(LIST_SEPARATOR) if k.strip()]
        model = TERM_FIELDS[name]
        known = set(model.objects.filter(key__in=keys).values_list("key", flat=True))
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown %(what)s: %(keys)s."),
                params={"what": model._meta.verbose_name_plural, "keys": ", ".join(unknown)},
            )
        return sorted(set(keys))

    def clean_themes(self):
        return self._clean_terms("themes")

    def clean_rights(self):
        return self._clean_terms("rights")

    def clean_pillars(self):
        return self._clean_terms("pillars")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["member_type"] == MemberType.GOVERNMENT and not data.get("country"):
            self.add_error("country", _("A local or regional government needs its country."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if (
            data.get("term_start")
            and data.get("term_end")
            and data["term_end"] < data["term_start"]
        ):
            self.add_error("term_end", _("The term of office cannot end before it starts."))
        if not data.get("wave") and data.get("year_joined"):
            wave = Wave.objects.filter(year=data["year_joined"]).order_by("number").first()
            data["wave"] = wave.key if wave else ""
        data["key"] = data.get("key") or derive_member_key(data["name"], data.get("country", ""))
        return data


def _default_wave_ids():
    default = Locale.get_default()
    return {w.key: w.pk for w in Wave.objects.filter(locale=default)}


def _term_ids(model, keys):
    default = Locale.get_default()
    return set(model.objects.filter(locale=default, key__in=keys).values_list("pk", flat=True))


def directory_for(locale):
    directory = CityIndexPage.objects.filter(locale=locale).first()
    if directory is None:
        raise LookupError(
            f"There is no members directory in '{locale.language_code}'. Create it (or run "
            f"`manage.py load_demo`) before importing members."
        )
    return directory


def one_profile_per_member(profiles, default=None):
    """``profiles`` (profile pages, as ``CityProfilePage`` or, cheaper to group, as Wagtail's
    ``Page``) grouped by member (``translation_key``), with ``chosen``: the id of the
    member's default-language profile where there is one, else of its first profile (its source
    language: a member that joined in French has no English profile until it is translated),
    and ``languages``: how many of ``profiles`` it has. One grouped query, usable as a subquery
    (``.values("chosen")``)."""
    default = default or Locale.get_default()
    return (
        profiles.order_by()
        .values("translation_key")
        .annotate(
            chosen=Coalesce(Max(Case(When(locale_id=default.pk, then="id"))), Min("id")),
            languages=Count("id"),
        )
    )


def member_profiles(profiles, default=None):
    """One profile of each member among ``profiles`` (see ``one_profile_per_member``)."""
    chosen = one_profile_per_member(profiles, default).values("chosen")
    return CityProfilePage.objects.filter(pk__in=chosen)


def find_profile(member_key, locale):
    return CityProfilePage.objects.filter(member_key=member_key, locale=locale).first()


@transaction.atomic
def apply_member(data, *, publish=True, user=None, wave_ids=None):
    """Create or update the profile described by a cleaned row.

    Returns ``(page, status)`` where status is "created", "updated" or "unchanged".
    """
    locale = Locale.objects.get(language_code=data["language"])
    wave_ids = wave_ids if wave_ids is not None else _default_wave_ids()
    page = find_profile(data["key"], locale)
    status = "unchanged"
    if page is None:
        # The same member may already exist in another language: join its translations.
        other = CityProfilePage.objects.filter(member_key=data["key"]).first()
        page = CityProfilePage(member_key=data["key"], locale=locale)
        if other is not None:
            page.translation_key = other.translation_key
        status = "created"
    values = {field: data.get(field) for field in PLAIN_FIELDS}
    values["government_type"] = values["government_type"] or ""
    values["region"] = values["region"] or ""
    values["population_band"] = values["population_band"] or ""
    values["leader_name"] = values["leader_name"] or ""
    values["leader_title"] = values["leader_title"] or ""
    values["website"] = values["website"] or ""
    values["summary"] = values["summary"] or ""
    values["title"] = data["name"]
    values["country"] = data.get("country") or ""
    values["wave_id"] = wave_ids.get(data.get("wave") or "")
    terms = {
        relation: _term_ids(TERM_FIELDS[column], data.get(column) or [])
        for column, relation in PAGE_RELATIONS.items()
    }
    if status == "unchanged":
        if not publish and page.has_unpublished_changes:
            # Without publishing, the working copy is the latest draft, not the live page:
            # compare with it and build on it, or every import would add a revision.
            page = page.get_latest_revision_as_object()
        current = {name: getattr(page, name) for name in values}
        current["country"] = str(page.country or "")
        current_terms = {
            relation: {term.pk for term in getattr(page, relation).all()}
            for relation in PAGE_RELATIONS.values()
        }
        if _same(current, values) and current_terms == terms:
            return page, "unchanged"
        status = "updated"
    for name, value in values.items():
        setattr(page, name, value)
    for column, relation in PAGE_RELATIONS.items():
        # Assigning objects (not ids) works on unsaved pages too (modelcluster).
        setattr(page, relation, list(TERM_FIELDS[column].objects.filter(pk__in=terms[relation])))
    if status == "created":
        from django.utils.text import slugify

        page.slug = slugify(data["key"], allow_unicode=True)[:255]
        # A page is live from its creation unless told otherwise (as Wagtail's create view does).
        page.live = publish
        directory_for(locale).add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return page, status


def _same(current, wanted):
    for name, value in wanted.items():
        have = current.get(name)
        if isinstance(have, datetime.date) or isinstance(value, datetime.date):
            if have != value:
                return False
        elif have is None and value in ("", None):
            continue
        elif str(have if have is not None else "") != str(value if value is not None else ""):
            if name in {"latitude", "longitude"} and have is not None and value is not None:
                if float(have) == float(value):
                    continue
            return False
    return True
