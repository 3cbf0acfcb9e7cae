"""Which stories a page shows, each list resolved in a fixed number of queries.

Stories link to members, initiatives, themes and waves through rows that may belong
to any language tree (wagtail-localize copies the links as they are), so every
match is made on a stable key: a page's translation_key, a term's key.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cityprofiles.choices import Region
from cityprofiles.models import CityProfilePage
from home import fallback, privacy, renditions
from home.addresses import clean_query, filter_chips
from home.process_copies import kept_per_version
from initiatives.models import InitiativePage
from taxonomies.models import Theme, Wave, terms_by_translation_key
from taxonomies.terms import localized

from .models import CARD_FILTER, HERO_FILTER, StoryInitiative, StoryMember, StoryPage

PAGE_SIZE = 12
RELATED_COUNT = 4
FEED_SIZE = 20


def live_stories(locale):
    return (
        StoryPage.objects.live()
        .exclude(privacy.private_q())
        .filter(locale=locale)
        .order_by("-date", "-first_published_at", "-pk")
    )


def with_card_images(stories):
    """Attach ``card_image`` (a rendition or None) to each story: two queries for any number.
    A card shows no body: it is left unread (a story's body is its longest column)."""
    stories = list(
        stories.defer("body").prefetch_related(
            Prefetch(
                "hero_image", queryset=get_image_model().objects.prefetch_renditions(CARD_FILTER)
            )
        )
    )
    for story in stories:
        story.card_image = renditions.rendition(story.hero_image, CARD_FILTER)
    return stories


def readable_stories(locale, about):
    """The live stories ``about`` selects (a subquery of story ids), each once: in ``locale``
    where translated, else in its source language (home/fallback.py)."""
    published = privacy.public(StoryPage.objects.live()).filter(pk__in=about)
    return fallback.readable(published, locale).order_by("-date", "-first_published_at", "-pk")


def in_reader_site(stories, locale, request):
    return fallback.in_reader_language(stories, locale.language_code, request)


def _members_in_stories():
    """Translation keys of every member a story (any, even a draft's last published rows)
    links to, read once per process and catalogue version, which every story's
    publication, unpublication or change raises: most members are in none, and their
    profile need not ask for its stories (3 of a profile's 7 queries, a third of its time)."""

    def load():
        return frozenset(StoryMember.objects.values_list("profile__translation_key", flat=True))

    return kept_per_version("members in stories", ("catalogue",), load)


def stories_about_member(profile, locale=None, request=None, limit=RELATED_COUNT):
    locale = locale or profile.locale
    if profile.translation_key not in _members_in_stories():
        return []
    about = StoryMember.objects.filter(profile__translation_key=profile.translation_key)
    stories = with_card_images(readable_stories(locale, about.values("page_id"))[:limit])
    return in_reader_site(stories, locale, request)


def stories_about_initiative(initiative, locale=None, request=None, limit=RELATED_COUNT):
    locale = locale or initiative.locale
    about = StoryInitiative.objects.filter(initiative__translation_key=initiative.translation_key)
    stories = with_card_images(readable_stories(locale, about.values("page_id"))[:limit])
    return in_reader_site(stories, locale, request)


def home_stories(locale, latest=3):
    """The newest featured story and the latest others, for the home page."""
    stories = live_stories(locale)
    featured = with_card_images(stories.filter(featured=True)[:1])
    featured = featured[0] if featured else None
    others = stories.exclude(pk=featured.pk) if featured else stories
    return featured, with_card_images(others[:latest])


class StoryFilterForm(forms.Form):
    """Validates the stories index's query string. Unknown values are errors, never ORM input."""

    theme = forms.ChoiceField(required=False, label=_("Theme"))
    wave = forms.ChoiceField(required=False, label=_("Wave"))
    region = forms.ChoiceField(
        required=False, label=_("UCLG region"), choices=[("", "")] + Region.choices
    )
    city = forms.ChoiceField(required=False, label=_("Member"))
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, *args, themes, waves, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "")] + [(t.key, t.name) for t in themes]
        self.fields["wave"].choices = [("", "")] + [(w.key, str(w)) for w in waves]
        self.fields["city"].choices = [("", "")] + members


FILTERS = ["theme", "wave", "region", "city"]


def members_with_stories(index):
    """(member_key, name in the index's language) for every member a live story is about,
    read once per process and catalogue version (500 members at 1,000: 13 ms a request)."""
    return kept_per_version(
        ("members with stories", index.pk),
        ("catalogue",),
        lambda: _read_members_with_stories(index),
    )


def _read_members_with_stories(index):
    linked = (
        StoryMember.objects.filter(
            page__in=privacy.public(StoryPage.objects.child_of(index).live())
        )
        .values_list("profile__translation_key", "profile__member_key", "profile__title")
        .distinct()
    )
    linked = list(linked)
    names = dict(
        CityProfilePage.objects.filter(
            locale=index.locale, translation_key__in=[key for key, _m, _t in linked]
        ).values_list("translation_key", "title")
    )
    members = {member_key: names.get(key, title) for key, member_key, title in linked}
    return sorted(members.items(), key=lambda item: item[1].casefold())


def filtered_stories(index, query):
    """The form, whether it is valid, and the index's stories matching it, newest first."""
    locale = index.locale
    themes = sorted(
        terms_by_translation_key(Theme, locale).values(), key=lambda t: t.name.casefold()
    )
    waves = sorted(terms_by_translation_key(Wave, locale).values(), key=lambda w: w.key)
    form = StoryFilterForm(query, themes=themes, waves=waves, members=members_with_stories(index))
    if not form.is_valid():
        return form, False, StoryPage.objects.none()
    stories = privacy.public(StoryPage.objects.child_of(index).live())
    data = form.cleaned_data
    if data["theme"]:
        stories = stories.filter(themes__key=data["theme"])
    if data["wave"]:
        stories = stories.filter(waves__key=data["wave"])
    about_members = StoryMember.objects.all()
    if data["region"]:
        about_members = about_members.filter(profile__region=data["region"])
    if data["city"]:
        about_members = about_members.filter(profile__member_key=data["city"])
    if data["region"] or data["city"]:
        stories = stories.filter(pk__in=about_members.values("page_id"))
    return form, True, stories.order_by("-date", "-first_published_at", "-pk")


def index_context(index, request):
    form, valid, stories = filtered_stories(index, request.GET)
    query = clean_query(request.GET)
    feed_query = f"?{query.urlencode()}" if query else ""
    context = {
        "filter_form": form,
        "querystring": query.urlencode(),
        "rss_url": index.get_url(request) + index.reverse_subpage("rss_feed") + feed_query,
        "atom_url": index.get_url(request) + index.reverse_subpage("atom_feed") + feed_query,
    }
    if not valid:
        context.update({"filter_errors": form.errors, "stories_page": None, "status": 404})
        return context
    paginator = Paginator(stories, PAGE_SIZE)
    stories_page = paginator.get_page(form.cleaned_data.get("page") or 1)
    stories_page.object_list = with_card_images(stories_page.object_list)
    active = {name: form.cleaned_data[name] for name in FILTERS if form.cleaned_data[name]}
    context.update(
        {
            "stories_page": stories_page,
            "active_filters": active,
            "chips": story_chips(form, query),
            "result_count": paginator.count,
            "noindex": bool(active) or stories_page.number > 1,
        }
    )
    return context


def _in_language(keys, model, locale, request, codes):
    """The pages of the translation ``keys``, in that order, each in ``locale`` where it is
    translated and live, else its source; marked, with their address in the reader's site."""
    versions = {}
    for page in privacy.public(model.objects.live()).filter(translation_key__in=keys):
        versions.setdefault(page.translation_key, []).append(page)
    shown = []
    for key in dict.fromkeys(keys):
        page = fallback.pick(versions.get(key, []), locale.pk)
        if page is not None:
            shown.append(page)
    return fallback.in_reader_language(shown, locale.language_code, request, codes)


def story_index_for(story, locale):
    """The stories index of the reader's language (the parent, unless the story is shown
    in another language's site), else the story's own."""
    parent = story.get_parent().specific
    if parent.locale_id == locale.pk:
        return parent
    translated = parent.get_translation_or_none(locale)
    return translated.specific if translated is not None and translated.live else parent


def story_context(story, request, reader_locale=None):
    locale = reader_locale or story.locale
    codes = fallback.language_codes()
    member_keys = [
        link.profile.translation_key
        for link in story.member_links.select_related("profile").order_by("sort_order")
    ]
    initiative_keys = [
        link.initiative.translation_key
        for link in story.initiative_links.select_related("initiative").order_by("sort_order")
    ]
    index = story_index_for(story, locale)
    more = with_card_images(
        StoryPage.objects.child_of(index)
        .live()
        .exclude(privacy.private_q())
        .exclude(translation_key=story.translation_key)
        .order_by("-date", "-first_published_at", "-pk")[:3]
    )
    return {
        "reading": fallback.reading(story, reader_locale),
        "hero": renditions.rendition(story.hero_image, HERO_FILTER),
        "members": _in_language(member_keys, CityProfilePage, locale, request, codes),
        "initiatives": _in_language(initiative_keys, InitiativePage, locale, request, codes),
        "themes": sorted(
            localized(Theme, locale, story.themes.all()), key=lambda t: t.name.casefold()
        ),
        "waves": sorted(localized(Wave, locale, story.waves.all()), key=lambda w: w.key),
        "more_stories": more,
        "index": index,
        "rss_url": index.get_url(request) + index.reverse_subpage("rss_feed"),
        "atom_url": index.get_url(request) + index.reverse_subpage("atom_feed"),
    }


def story_chips(form, query):
    """The active filters as removable chips, in the order of the filter form."""
    chosen = []
    for name in FILTERS:
        value = form.cleaned_data.get(name)
        if value:
            field = form.fields[name]
            chosen.append((name, value, field.label, dict(field.choices).get(value, value)))
    return filter_chips(query, chosen)
