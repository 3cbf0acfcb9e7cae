"""The search's query string, validated. Nothing from the request reaches the ORM unchecked."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .query import clean_query

SORTS = [("relevance", _("Relevance")), ("newest", _("Newest")), ("az", _("A–Z"))]
FORMATS = ["html", "csv", "json"]
MAX_VALUES_PER_FACET = 20
# A vocabulary term the reader took off the query: "theme:housing", "member:123".
TERM_TOKEN = re.compile(r"(theme|right|pillar|sdg|group|region|country|member):[\w-]{1,64}")


class TermTokensField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return bool(TERM_TOKEN.fullmatch(value))


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=10_000, strip=True)
    sort = forms.ChoiceField(required=False, choices=SORTS)
    page = forms.CharField(required=False, max_length=12)
    format = forms.ChoiceField(required=False, choices=[(f, f) for f in FORMATS])
    plain = TermTokensField(required=False)

    def __init__(self, data, *, facets):
        super().__init__(data)
        # NUL and other control characters are removed by clean_query, not refused.
        self.fields["q"].validators = []
        self.facets = facets
        for facet in facets:
            self.fields[facet.name] = forms.MultipleChoiceField(
                required=False, choices=facet.choices, label=facet.label
            )

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q", ""))

    def clean(self):
        data = super().clean()
        for facet in self.facets:
            if len(data.get(facet.name) or []) > MAX_VALUES_PER_FACET:
                self.add_error(facet.name, _("Too many values."))
        if len(data.get("plain") or []) > MAX_VALUES_PER_FACET:
            self.add_error("plain", _("Too many values."))
        return data

    @property
    def selected(self):
        """{facet name: [values]} of the valid, non-empty filters."""
        return {
            facet.name: self.cleaned_data[facet.name]
            for facet in self.facets
            if self.cleaned_data.get(facet.name)
        }
