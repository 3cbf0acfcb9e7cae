"""Keep the search index up to date, each object in the configuration of its language.

Every database backend alias writes to the same index table, one row per
object, so whichever alias writes last decides which language's stemming a
page gets. The backends' own auto-update is therefore off (settings), and this
module indexes each object through the alias of its locale: a French page
through ``lang-fr`` (French stemming), an Arabic page through ``lang-ar``, and
objects without a language (images, documents) through ``default``.

The write is background work (``search.tasks.index_saved``, run by the worker): a save
only queues the object's app label, model name and key, in the same transaction as the
save, and the task reads the stored row once the change is committed. Removing a deleted
object stays in the request: there is no row left to read, and the removal is one DELETE
done in the delete's own transaction (rolled back with it).
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from wagtail.search.backends import get_search_backend

from home.freshness import EDITING_FIELDS


def backend_name_for(language_code):
    alias = f"lang-{language_code}"
    return alias if alias in settings.WAGTAILSEARCH_BACKENDS else "default"


def backend_for(language_code):
    return get_search_backend(backend_name_for(language_code))


def _language_of(instance):
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return None
    from wagtail.models import Locale

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def index_object(instance):
    """Index one object through the backend of its language (one row, right stemming)."""
    indexed = index.class_is_indexed(type(instance))
    if not indexed:
        return
    prepared = index.get_indexed_instance(instance)
    if prepared is None:
        return
    backend_for(_language_of(instance)).add(prepared)
    if getattr(instance, "summary", None) is not None and _is_published(instance):
        from .suggest import remember

        remember(instance.title, instance.summary)


def _is_published(instance):
    """Live and outside every private section: only such words may be proposed."""
    manager = type(instance)._default_manager
    if not hasattr(manager, "live"):
        return True
    return manager.filter(pk=instance.pk).live().public().exists()


def remove_object(instance):
    for name in settings.WAGTAILSEARCH_BACKENDS:
        get_search_backend(name).delete(instance)


# What saving a draft, locking or commenting writes to a page's row (Wagtail autosaves every
# few seconds while an editor types): nothing any index holds, the draft's text stays in its
# revision. The same fields freshness ignores: a save that changes nothing public must not
# be indexed either, since indexing a page raises the catalogue and bans the listings.
DRAFT_FIELDS = EDITING_FIELDS


def index_stored(app_label, model_name, pk):
    """Index the stored row of one object, not an object in memory: saving a draft revision
    saves the page row with only some fields updated while the instance holds the draft's
    text, which must not become searchable before it is published. Returns the row, or None
    when it was deleted since (its removal from the index was done by the delete)."""
    model = apps.get_model(app_label, model_name)
    stored = model._default_manager.filter(pk=pk).first()
    if stored is not None:
        index_object(stored)
    return stored


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return
    from .tasks import index_saved  # here: the task's module imports this one

    index_saved.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def _on_delete(sender, instance, **kwargs):
    remove_object(instance)


def connect():
    for model in index.get_indexed_models():
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-index-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"search-unindex-{model._meta.label}"
        )
