"""The translation status report: for each page and term, which languages exist, which are
missing, which are out of date. Filterable by city and page type; exportable as CSV."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from .status import (
    CURRENT,
    DRAFT,
    MISSING,
    OUTDATED,
    SOURCE,
    STATUS_LABELS,
    languages,
    page_rows,
    snippet_rows,
    summary,
)

PAGE_TYPE_LABELS = {
    "homepage": gettext_lazy("Home page"),
    "standardpage": gettext_lazy("Standard page"),
    "cityindexpage": gettext_lazy("Members directory"),
    "cityprofilepage": gettext_lazy("City profile"),
    "initiativepage": gettext_lazy("Initiative"),
    "terms": gettext_lazy("Taxonomy terms"),
}


class ReportFilters(forms.Form):
    page_type = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Type"),
        choices=[("", gettext_lazy("All"))] + list(PAGE_TYPE_LABELS.items()),
    )
    city = forms.SlugField(required=False, allow_unicode=True, label=gettext_lazy("Member key"))
    status = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All"))] + list(STATUS_LABELS.items()),
    )


def report_rows(filters):
    page_type = filters.get("page_type") or None
    if page_type == "terms":
        rows = snippet_rows()
    else:
        rows = page_rows(page_type=page_type, city_key=filters.get("city") or None)
        if not page_type and not filters.get("city"):
            rows += snippet_rows()
    if filters.get("status"):
        rows = [row for row in rows if filters["status"] in row.statuses.values()]
    return rows


def translation_report(request):
    from cityteams.admin_guards import can_follow_translations

    if not can_follow_translations(request.user):
        raise PermissionDenied
    form = ReportFilters(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = report_rows(filters)
    if not request.user.is_superuser:
        # Translators follow every city's public pages; unpublished and private ones
        # stay their city's (and the secretariat's, who may edit them).
        from cityteams.admin_guards import hidden_page_ids

        hidden = set(hidden_page_ids(request.user).values_list("pk", flat=True))
        rows = [
            row for row in rows if not (isinstance(row.source, Page) and row.source.pk in hidden)
        ]
    # Every language some page is translated into: English too once a member wrote in
    # another language (its own language's cell says "Source").
    targets = [code for code in languages() if any(code in row.statuses for row in rows)] or [
        code for code in languages()[1:]
    ]
    if request.GET.get("export") == "csv":
        return export_csv(rows, targets)
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    counts = summary(rows)
    return TemplateResponse(
        request,
        "translations/report.html",
        {
            "form": form,
            "rows": [
                (row, PAGE_TYPE_LABELS.get(row.kind, row.kind), row.status_list(targets))
                for row in page.object_list
            ],
            "page_obj": page,
            "targets": targets,
            "summary": [
                (code, [counts[code][status] for status in (CURRENT, OUTDATED, DRAFT, MISSING)])
                for code in targets
                if code in counts
            ],
            "page_title": _("Translation status"),
        },
    )


def export_csv(rows, targets):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["type", "title", "city", *targets])
    for row in rows:
        title = getattr(row.source, "title", None) or str(row.source)
        if title[:1] in ("=", "+", "-", "@", "\t", "\r"):
            title = "'" + title  # never a formula in a spreadsheet
        cells = [SOURCE if c == row.language else row.statuses.get(c, "") for c in targets]
        writer.writerow([row.kind, title, row.city, *cells])
    return response
