"""Wagtail's search app (``wagtail.search``) without its own save and delete handlers.

modelsearch connects, for every indexed model, a ``post_save`` handler that queues
``modelsearch.tasks.insert_or_update_object_task`` and a ``post_delete`` handler. Both only
write through the aliases that auto-update, and none of ours does (site/search_backends.py:
search/indexing.py writes each object through its own language's alias), so every save
queued a task that did nothing. This app config is Wagtail's, listed in INSTALLED_APPS in its
place, and takes those two handlers off again once it has connected them: its own
``ready()`` runs after our ``search`` app's, too late for that app to do it.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.search.apps import WagtailSearchAppConfig


def any_alias_auto_updates():
    return any(alias.get("AUTO_UPDATE", True) for alias in settings.WAGTAILSEARCH_BACKENDS.values())


class WagtailSearchWithoutAutoUpdate(WagtailSearchAppConfig):
    def ready(self):
        super().ready()
        if any_alias_auto_updates():
            return
        # Imported here: modelsearch's handlers module defines a task, which needs the apps.
        from modelsearch import index, signal_handlers

        for model in index.get_indexed_models():
            post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
            post_delete.disconnect(signal_handlers.post_delete_signal_handler, sender=model)
