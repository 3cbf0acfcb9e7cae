"""The addresses benchmarks/load.py's visitors ask for, sampled from the database itself:
live profiles, the directory and the search filtered by real theme and region keys, words
that occur in the initiatives' titles, and the stories when that app is installed.

Profiles, stories and the directory are a few hundred pages visited again and again, as
popular pages are. The searches are a long tail: every word with every facet value, and
every theme × region × status, in every language (thousands of addresses, shuffled), so
that most searches in a run are asked for the first time and miss the page cache."""

import random
import re
from urllib.parse import urlencode

from django.apps import apps

from benchmarks.traffic import Mix

LANGUAGES = ["en", "fr", "es", "ar"]
# Visitors by kind, as a share of requests: profiles and search are most of the traffic.
WEIGHTS = {
    "profile": 30,
    "directory + filters": 15,
    "search: text + facets": 20,
    "search: facets only": 15,
    "story": 15,
    "stories index": 5,
}
WORD = re.compile(r"[^\W\d_]{5,}")


def search_words(language, limit=None):
    """Words of five letters or more from the initiatives' titles in ``language``."""
    from initiatives.models import InitiativePage

    titles = (
        InitiativePage.objects.live()
        .filter(locale__language_code=language)
        .values_list("title", flat=True)
        .distinct()[:500]
    )
    words = sorted({word.lower() for title in titles for word in WORD.findall(title)})
    return words[:limit]


def query(path, **params):
    return f"{path}?{urlencode(params)}"


def story_addresses(rng, count):
    """(story pages, stories index pages), or None when there are no stories to visit."""
    if not apps.is_installed("stories"):
        return None
    from stories.models import StoryIndexPage, StoryPage

    stories = list(StoryPage.objects.live().public().specific()[:count])
    indexes = list(StoryIndexPage.objects.live().public())
    if not stories or not indexes:
        return None
    index_paths = [index.url for index in indexes]
    index_paths += [f"{path}?page=2" for path in index_paths]
    return [story.url for story in stories], index_paths


def sample_mix(seed=2030, profiles=300):
    """A Mix of addresses in every language, and a note on what was left out."""
    from cityprofiles.choices import Region
    from cityprofiles.models import CityIndexPage, CityProfilePage
    from home.translated_addresses import search_address
    from initiatives.models import InitiativeStatus
    from taxonomies.models import Theme

    rng = random.Random(seed)
    mix = Mix()
    notes = []
    ids = list(CityProfilePage.objects.live().values_list("pk", flat=True))
    chosen = rng.sample(ids, min(profiles, len(ids)))
    mix.add(
        "profile",
        [page.url for page in CityProfilePage.objects.filter(pk__in=chosen)],
        WEIGHTS["profile"],
    )

    themes = sorted(set(Theme.objects.values_list("key", flat=True)))
    regions = list(Region.values)
    statuses = list(InitiativeStatus.values)
    directories = {
        page.locale.language_code: page.url
        for page in CityIndexPage.objects.live().select_related("locale")
    }
    directory, text, facets = [], [], []
    facet_values = [("theme", themes), ("region", regions), ("status", statuses)]
    for language in LANGUAGES:
        if language in directories:
            for _ in range(40):
                filters = {"region": rng.choice(regions), "theme": rng.choice(themes)}
                if rng.random() < 0.3:
                    filters.pop("theme")
                directory.append(query(directories[language], **filters))
        search = search_address(language)
        words = search_words(language) or search_words("en")
        text += [
            query(search, q=word, **{name: value})
            for word in words
            for name, values in facet_values
            for value in values
        ]
        facets += [
            query(search, theme=theme, region=region, **({"status": status} if status else {}))
            for theme in themes
            for region in regions
            for status in [None, *statuses]
        ]
    rng.shuffle(text)
    rng.shuffle(facets)
    mix.add("directory + filters", directory, WEIGHTS["directory + filters"])
    mix.add("search: text + facets", text, WEIGHTS["search: text + facets"])
    mix.add("search: facets only", facets, WEIGHTS["search: facets only"])

    stories = story_addresses(rng, count=200)
    if stories is None:
        notes.append(
            "Stories left out: the stories app is not installed or has no live stories "
            "in this database."
        )
    else:
        mix.add("story", stories[0], WEIGHTS["story"])
        mix.add("stories index", stories[1], WEIGHTS["stories index"])
    return mix, notes
