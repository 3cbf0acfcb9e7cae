"""Demo content: the campaign's four waves, in every language."""

import datetime

from wagtail.models import Locale

from .models import Wave

WAVES = [
    {
        "key": "wave-1",
        "number": 1,
        "year": 2022,
        "launch_date": datetime.date(2022, 10, 10),
        "slogan": {
            "en": "The pioneers: 10 cities and territories",
            "fr": "Les pionnières : 10 villes et territoires",
            "es": "Las pioneras: 10 ciudades y territorios",
            "ar": "الروّاد: 10 مدن وأقاليم",
        },
    },
    {
        "key": "wave-2",
        "number": 2,
        "year": 2023,
        "launch_date": datetime.date(2023, 10, 10),
        "slogan": {
            "en": "Towards 100 Human Rights Cities",
            "fr": "Vers 100 villes des droits humains",
            "es": "Hacia 100 ciudades de derechos humanos",
        },
    },
    {
        "key": "wave-3",
        "number": 3,
        "year": 2024,
        "launch_date": datetime.date(2024, 10, 10),
        "slogan": {
            "en": "100 governments united for human rights",
            "fr": "100 gouvernements unis pour les droits humains",
            "es": "100 gobiernos unidos por los derechos humanos",
        },
    },
    {
        "key": "wave-4",
        "number": 4,
        "year": 2025,
        "launch_date": datetime.date(2025, 12, 10),
        "application_deadline": datetime.date(2026, 6, 25),
        "slogan": {
            "en": "Strengthening Local Public Services for Just and Caring Cities",
            "fr": "Renforcer les services publics locaux pour des villes justes et solidaires",
            "es": "Fortalecer los servicios públicos locales para ciudades justas y cuidadoras",
            "ar": "تعزيز الخدمات العامة المحلية من أجل مدن عادلة ومُراعية",
        },
        "description": {
            "en": "The fourth wave invites local and regional governments to join on the way "
            "to the UCLG Congress in Tangier (June 2026).",
            "fr": "La quatrième vague invite les gouvernements locaux et régionaux à rejoindre "
            "la campagne en route vers le Congrès de CGLU à Tanger (juin 2026).",
            "es": "La cuarta ola invita a los gobiernos locales y regionales a sumarse camino "
            "del Congreso de CGLU en Tánger (junio de 2026).",
        },
    },
]


def load(out):
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    created = 0
    for data in WAVES:
        source = Wave.objects.filter(key=data["key"], locale=default).first()
        if source is None:
            source = Wave.objects.create(
                locale=default,
                key=data["key"],
                number=data["number"],
                year=data["year"],
                launch_date=data["launch_date"],
                application_deadline=data.get("application_deadline"),
                slogan=data["slogan"]["en"],
                description=data.get("description", {}).get("en", ""),
            )
            created += 1
        for code, slogan in data["slogan"].items():
            locale = locales.get(code)
            if locale is None or locale.pk == default.pk or source.has_translation(locale):
                continue
            translation = source.copy_for_translation(locale)
            translation.slogan = slogan
            translation.description = data.get("description", {}).get(code, "")
            translation.save()
            created += 1
    out(f"waves: {created} created")
