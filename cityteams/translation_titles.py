"""Translations do not carry their source's draft titles along.

Upstream gap (Wagtail 8.0.1's ``Page.copy``, used by copy-for-translation, and
wagtail-localize 1.14.5's ``TranslationSource``): both copy the source page's row, whose
``draft_title`` is the title of its latest *draft*. A new translation of a live page with
a draft thus got that draft title as its own, and its history ("Created", "Copied for
translation from …", naming the draft titles of the source's parent and of the target
parent too), the site history report and its first revision showed the source's drafts
to whoever edits the translation: the translators, for every city.

``connect()`` (from cityteams/apps.py) gives a page being created its own title as draft
title, a translation source its live title, and names the pages a page log entry's data
refers to (a copy's or a move's source and destination) by their live titles.

Delete this module when a translation made from a page with a draft shows none of the
draft's title (cityteams/tests/test_admin_leaks.py says whether it does).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import pre_save
from wagtail.models import Page, PageLogEntry


def new_page_has_no_draft_yet(sender, instance, **kwargs):
    """A page being created holds its own content: its draft title is its title (a copy
    brought the source's draft title along)."""
    if isinstance(instance, Page) and instance._state.adding and instance.title:
        instance.draft_title = instance.title


def source_with_live_title(sender, instance, **kwargs):
    content = json.loads(instance.content_json)
    if isinstance(content, dict) and "draft_title" in content and "title" in content:
        content["draft_title"] = content["title"]
        instance.content_json = json.dumps(content, cls=DjangoJSONEncoder)


def log_names_other_pages_by_live_title(sender, instance, **kwargs):
    """A copy's or move's log entry names the source and destination parents; by their
    draft titles upstream, read by whoever may see the page's history."""
    data = instance.data if isinstance(instance.data, dict) else {}
    referred = {
        key: data[key]["id"]
        for key in ("source", "destination")  # pages, in copy, alias and move entries
        if isinstance(data.get(key), dict) and "id" in data[key] and "title" in data[key]
    }
    titles = dict(Page.objects.filter(pk__in=referred.values()).values_list("pk", "title"))
    for key, page_id in referred.items():
        if page_id in titles:
            data[key] = {**data[key], "title": titles[page_id]}


def connect():
    from wagtail_localize.models import TranslationSource

    pre_save.connect(new_page_has_no_draft_yet, dispatch_uid="new-page-has-no-draft-yet")
    pre_save.connect(
        source_with_live_title, sender=TranslationSource, dispatch_uid="source-live-title"
    )
    pre_save.connect(
        log_names_other_pages_by_live_title, sender=PageLogEntry, dispatch_uid="log-live-titles"
    )
