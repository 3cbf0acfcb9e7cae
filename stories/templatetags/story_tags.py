from django import template

from ..listing import home_stories

register = template.Library()


@register.inclusion_tag("stories/includes/home_stories.html", takes_context=True)
def stories_for_home(context, home):
    """The featured and latest stories of the home page's language, with the stories index."""
    from ..models import StoryIndexPage

    featured, latest = home_stories(home.locale)
    index = StoryIndexPage.objects.child_of(home).live().first()
    request = context.get("request")
    return {
        "featured": featured,
        "latest": latest,
        "index_url": index.get_url(request) if index else None,
        "request": request,
    }
