"""RSS and Atom feeds of one language's stories, narrowed by the index's filters.

``/en/stories/feed/`` (RSS 2.0) and ``/en/stories/feed/atom/``; the same query
string as the index (``?theme=housing``) gives a feed of that selection.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .listing import FEED_SIZE, filtered_stories


class StoriesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.language = index.locale.language_code

    def get_object(self, request, *args, **kwargs):
        form, valid, stories = filtered_stories(self.index, request.GET)
        if not valid:
            raise Http404(_("This feed has no such filter."))
        self.request = request
        return list(stories[:FEED_SIZE])

    def title(self):
        return _("Stories · Human Rights Cities")

    def description(self):
        return self.index.introduction or _(
            "News from the campaign 10, 100, 1000 Human Rights Cities and Territories by 2030."
        )

    def link(self):
        return self.index.get_url(self.request)

    def items(self, stories):
        return stories

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.standfirst

    def item_link(self, story):
        return story.get_url(self.request)

    def item_author_name(self, story):
        return story.byline or None

    def item_pubdate(self, story):
        return story.published_at()

    def item_updateddate(self, story):
        return story.last_published_at


class StoriesAtomFeed(StoriesRssFeed):
    feed_type = Atom1Feed
    subtitle = StoriesRssFeed.description
