"""Small builders for profile tests: fast pages without the publish workflow."""

import datetime
import itertools

from wagtail.models import Locale, Page, Site

from cityprofiles.models import CityIndexPage, CityProfilePage
from home.models import HomePage
from taxonomies.models import CharterRight, FrameworkPillar, Theme, Wave

_counter = itertools.count()


def site_tree(languages=("en", "fr", "es", "ar")):
    """Locales, a home page and a members directory per language."""
    root = Page.get_first_root_node()
    for placeholder in root.get_children().filter(content_type__model="page"):
        placeholder.delete()
    homes, directories = {}, {}
    source_home = source_directory = None
    for code in languages:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        if source_home is None:
            home = HomePage(title="Home", slug="home", locale=locale)
            root.add_child(instance=home)
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
            )
            directory = CityIndexPage(title="Members", slug="cities", locale=locale)
            home.add_child(instance=directory)
            source_home, source_directory = home, directory
        else:
            home = source_home.copy_for_translation(locale)
            home.save_revision().publish()
            directory = source_directory.copy_for_translation(locale)
            directory.save_revision().publish()
        homes[code], directories[code] = home, directory
    return homes, directories


def wave(number, year=None, slogan="", launch=None):
    locale = Locale.get_default()
    year = year or 2021 + number
    return Wave.objects.create(
        locale=locale,
        key=f"wave-{number}",
        number=number,
        year=year,
        slogan=slogan,
        launch_date=launch or datetime.date(year, 10, 10),
    )


def term(model, key, name, **extra):
    return model.objects.create(locale=Locale.get_default(), key=key, name=name, **extra)


def theme(key, name):
    return term(Theme, key, name)


def right(key, name, number):
    return term(CharterRight, key, name, number=number)


def pillar(key, name, number):
    return term(FrameworkPillar, key, name, number=number)


def profile(
    directory,
    title=None,
    *,
    country="ES",
    region="europe",
    wave=None,
    themes=(),
    rights=(),
    pillars=(),
    live=True,
    **fields,
):
    title = title or f"Member {next(_counter)}"
    page = CityProfilePage(
        title=title,
        country=country,
        region=region,
        wave=wave,
        live=live,
        locale=directory.locale,
        **fields,
    )
    page.themes = list(themes)
    page.charter_rights = list(rights)
    page.framework_pillars = list(pillars)
    directory.add_child(instance=page)
    return page


def translate(page, code, **fields):
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def video_embed(url, width=960):
    """A video the embeds finder already knows, so that no test asks the video site."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    return Embed.objects.create(
        hash=get_embed_hash(url, width, None),
        url=url,
        max_width=width,
        type="video",
        html='<iframe title="Demo video"></iframe>',
        width=width,
        height=540,
        provider_name="YouTube",
        thumbnail_url="",
    )
