"""Where a taxonomy term is used, so that deleting a term in use can be refused.

Foreign keys to terms are PROTECTed in the database, but many-to-many links
would be silently removed; the admin asks here first and says what uses the term.
"""

from django.utils.text import capfirst


def uses_of(term, limit=5):
    """Return (count, examples) of the objects that link to ``term``."""
    count = 0
    examples = []
    for relation in term._meta.related_objects:
        if not (relation.one_to_many or relation.many_to_many):
            continue
        related = getattr(term, relation.get_accessor_name(), None)
        if related is None:
            continue
        queryset = related.all()
        found = queryset.count()
        if found:
            count += found
            label = capfirst(relation.related_model._meta.verbose_name)
            examples += [f"{label}: {obj}" for obj in queryset[: max(0, limit - len(examples))]]
    return count, examples
