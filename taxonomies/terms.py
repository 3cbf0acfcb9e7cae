"""Terms a page links to, shown in the reader's language.

Pages link to the default-language row of a term (the choosers offer only those, and
wagtail-localize does not remap many-to-many links), so that row is every term's source;
a page shows the row of the reader's language where the term is translated, else that
source (``TaxonomyQuerySet.in_locale``). Pages follow home/fallback.py instead.

The vocabularies are small (a few dozen rows each) and change only through "term changed",
which raises the catalogue's version (home/freshness.py): each process keeps them per
version, and a page's links cost one query for all its vocabularies, none for a wave.
"""

from django.db.models import IntegerField, QuerySet, Value

from home.process_copies import kept_per_version


def _terms(model, locale):
    """({translation key: row in ``locale``, else the source}, {pk: translation key}) of
    every term of ``model``, read once per process and catalogue version."""

    def load():
        by_key = {term.translation_key: term for term in model.objects.in_locale(locale)}
        return by_key, dict(model.objects.values_list("pk", "translation_key"))

    return kept_per_version(("terms", model._meta.label, locale.pk), ("catalogue",), load)


def by_pk(model, locale, pks):
    """The rows of ``model`` in ``locale`` for the source rows ``pks``; no query."""
    by_key, keys = _terms(model, locale)
    return [by_key[keys[pk]] for pk in pks if pk in keys and keys[pk] in by_key]


def linked(locale, relations):
    """``relations``: {model: a page's relation to it} → {model: the related rows in
    ``locale``}, with one query for them all.

    A relation is a database queryset for a page read from its table, but modelcluster's
    in-memory ``FakeQuerySet`` for a page read from a revision (previews, drafts, history).
    Only ``values_list(..., flat=True)`` means the same on both: a query on the first, a list
    on the second (``values()`` gives dicts in memory, and a draft's preview then failed)."""
    models = list(relations)
    keys = {model: set() for model in models}
    stored = []
    for number, model in enumerate(models):
        found = relations[model].values_list("translation_key", flat=True)
        if isinstance(found, QuerySet):
            # Which vocabulary each key is from, for the one query of them all.
            tagged = found.order_by().annotate(
                vocabulary=Value(number, output_field=IntegerField())
            )
            stored.append(tagged.values_list("vocabulary", "translation_key"))
        else:
            keys[model].update(found)
    if stored:
        first, *others = stored
        for number, key in first.union(*others, all=True) if others else first:
            keys[models[number]].add(key)
    rows = {}
    for model in models:
        by_key, _pks = _terms(model, locale)
        rows[model] = [by_key[key] for key in keys[model] if key in by_key]
    return rows


def localized(model, locale, source_rows):
    """The rows of ``model`` in ``locale`` matching ``source_rows`` (a relation, as in
    ``linked``); one query at most."""
    return linked(locale, {model: source_rows})[model]
