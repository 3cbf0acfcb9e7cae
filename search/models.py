from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedWord(models.Model):
    """A word of the published initiatives' and members' texts or of the vocabulary: what
    "Did you mean …?" proposes (search/suggest.py). Kept lower-case, accents as written."""

    word = models.CharField(_("word"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self):
        return self.word
