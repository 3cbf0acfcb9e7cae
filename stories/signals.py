from django.db.models.signals import post_save


def _grant_new_index(sender, instance, created, raw=False, **kwargs):
    """A stories index made later (a new language's translation) is the role's too."""
    if not created or raw:
        return
    from cityteams.roles import communications_group, grant_story_index

    group = communications_group()
    if group is not None:
        grant_story_index(group, instance)


def connect():
    from .models import StoryIndexPage

    post_save.connect(_grant_new_index, sender=StoryIndexPage, dispatch_uid="stories-new-index")
