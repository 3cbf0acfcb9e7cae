"""Terms a page links to, shown in the reader's language.

Pages link to the default-language row of a term (the choosers offer only those, and
wagtail-localize does not remap many-to-many links), so that row is every term's source;
a page shows the row of the reader's language where the term is translated, else that
source (``TaxonomyQuerySet.in_locale``). Pages follow home/fallback.py instead.
"""


def localized(model, locale, source_rows):
    """The rows of ``model`` in ``locale`` matching ``source_rows``, one query.

    ``source_rows`` is a page's relation: a database queryset for a page read from its
    table, but modelcluster's in-memory ``FakeQuerySet`` for a page read from a revision
    (previews, drafts, history). Only ``values_list(..., flat=True)`` means the same on
    both: a subquery on the first, a list on the second. ``values()`` gives dicts in memory,
    which a filter cannot take, and a draft's preview then failed."""
    return list(
        model.objects.in_locale(locale).filter(
            translation_key__in=source_rows.values_list("translation_key", flat=True)
        )
    )
