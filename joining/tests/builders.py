"""A small site for joining tests: four languages, the current wave, two themes, a join page
in every language; and what a complete application posts."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cityprofiles.tests import builders
from cityteams.roles import SECRETARIAT, ensure_roles
from joining.models import Application, ApplicationEvent, JoinPage
from taxonomies.models import Theme

LANGUAGES = ("en", "fr", "es", "ar")
SLOGANS = {
    "en": "Strengthening Local Public Services for Just and Caring Cities",
    "fr": "Renforcer les services publics locaux pour des villes justes et bienveillantes",
}


def translate_snippet(obj, code, **fields):
    translation = obj.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def join_site(languages=LANGUAGES):
    homes, directories = builders.site_tree(languages=languages)
    wave = builders.wave(4, year=2025, slogan=SLOGANS["en"], launch=datetime.date(2025, 12, 10))
    wave.application_deadline = datetime.date(2026, 6, 25)
    wave.save()
    if "fr" in languages:
        translate_snippet(wave, "fr", slogan=SLOGANS["fr"])
    housing = builders.theme("housing", "Housing")
    water = builders.theme("water", "Water")
    if "fr" in languages:
        translate_snippet(housing, "fr", name="Logement")
    source = JoinPage(
        title="Join the campaign", slug="join-the-campaign", locale=homes["en"].locale
    )
    homes["en"].add_child(instance=source)
    source.save_revision().publish()
    pages = {"en": source}
    for code in languages:
        if code != "en":
            page = source.copy_for_translation(Locale.objects.get(language_code=code))
            page.title = f"Join ({code})"
            page.save_revision().publish()
            pages[code] = page
    return SimpleNamespace(
        homes=homes, directories=directories, wave=wave, themes=[housing, water], pages=pages
    )


def url(code):
    return f"/{code}/join-the-campaign/"


def application_data(initiatives=1, **overrides):
    data = {
        "government_name": "Ville de Test",
        "member_type": "government",
        "government_type": "city",
        "country": "FR",
        "region": "europe",
        "population_band": "50k-250k",
        "leader_name": "Camille Martin",
        "leader_title": "Maire",
        "term_start": "2020",
        "term_end": "2026",
        "why_essential": "Parce que la commune est au plus près des habitants.",
        "why_framework": "Les droits humains donnent un cadre commun.",
        "expectations": "Échanger avec les autres villes.",
        "themes": ["housing"],
        "focal_name": "Dominique Durand",
        "focal_position": "Chargée de mission",
        "focal_email": "focal@ville-de-test.example.org",
        "consent_to_publish": "on",
        "website": "",
        "initiatives-TOTAL_FORMS": "5",
        "initiatives-INITIAL_FORMS": "0",
        "initiatives-MIN_NUM_FORMS": "0",
        "initiatives-MAX_NUM_FORMS": "5",
    }
    for number in range(initiatives):
        data[f"initiatives-{number}-title"] = f"Maison des droits {number + 1}"
        data[f"initiatives-{number}-description"] = "Accueil et conseil juridique gratuits."
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def application(wave=None, themes=(), initiatives=2, **fields):
    """An application as the public form stores it, without going through the form."""
    values = {
        "government_name": "Ville de Test",
        "member_type": "government",
        "government_type": "city",
        "country": "FR",
        "region": "europe",
        "population_band": "50k-250k",
        "leader_name": "Camille Martin",
        "leader_title": "Maire",
        "term_start": 2020,
        "term_end": 2026,
        "why_essential": "Parce que la commune est au plus près des habitants.\n\nEt du quotidien.",
        "why_framework": "Les droits humains donnent un cadre commun.",
        "expectations": "Échanger avec les autres villes.",
        "focal_name": "Dominique Durand",
        "focal_position": "Chargée de mission",
        "focal_email": "focal@ville-de-test.example.org",
        "consent_to_publish": True,
        "language": "fr",
        "wave": wave,
    }
    values.update(fields)
    created = Application.objects.create(**values)
    created.themes.set(themes)
    for number in range(initiatives):
        created.initiatives.create(
            title=f"Maison des droits {number + 1}",
            description="Accueil et conseil juridique gratuits.",
            sort_order=number,
        )
    created.record(ApplicationEvent.Action.CREATED)
    return created


def secretariat_user(username="secretariat"):
    ensure_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw-123456789")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def default_theme(key):
    return Theme.objects.get(key=key, locale=Locale.get_default())
