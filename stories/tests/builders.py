"""Builders for story tests: a stories index per language and stories linked to pages."""

import datetime
import itertools

from django.utils import timezone

from stories.models import StoryIndexPage, StoryInitiative, StoryMember, StoryPage

_counter = itertools.count()


def story_indexes(homes):
    """One stories index under each language's home page, translations of the first."""
    indexes = {}
    source = None
    for code, home in homes.items():
        if source is None:
            source = StoryIndexPage(title="Stories", slug="stories", locale=home.locale)
            home.add_child(instance=source)
            source.save_revision().publish()
            indexes[code] = source
        else:
            index = source.copy_for_translation(home.locale)
            index.title = f"Stories ({code})"
            index.save_revision().publish()
            indexes[code] = index
    return indexes


def story(
    index,
    title=None,
    *,
    date=None,
    themes=(),
    waves=(),
    members=(),
    initiatives=(),
    live=True,
    **fields,
):
    number = next(_counter)
    title = title or f"Story {number}"
    page = StoryPage(
        title=title,
        standfirst=fields.pop("standfirst", f"What happened in story {number}."),
        date=date or timezone.localdate() - datetime.timedelta(days=number % 30),
        locale=index.locale,
        live=live,
        **fields,
    )
    page.themes = list(themes)
    page.waves = list(waves)
    page.member_links = [StoryMember(profile=profile) for profile in members]
    page.initiative_links = [StoryInitiative(initiative=item) for item in initiatives]
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def translate_story(page, code, **fields):
    from wagtail.models import Locale

    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
