"""The member spreadsheet in the Wagtail admin: upload to check or import, download to edit.

A file of more than ``MEMBER_IMPORT_QUEUE_ABOVE`` rows is checked in the request (its errors
shown at once) and imported by the background worker (cityprofiles/tasks.py).

Only people who may add member profiles (``cityprofiles.add_cityprofilepage``)
see it, since an import creates profiles anywhere in the members directory.
"""

from pathlib import Path

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .exporter import CONTENT_TYPES, write_members
from .importer import FORMATS, MAX_FILE_BYTES, check_members, import_members
from .tasks import queue_import

PERMISSIONS = ["wagtailadmin.access_admin", "cityprofiles.add_cityprofilepage"]

DRY_RUN, IMPORT = "dry-run", "import"
ACTION_LABELS = {
    True: {
        "created": _("Would be created"),
        "updated": _("Would be updated"),
        "unchanged": _("No change"),
    },
    False: {"created": _("Created"), "updated": _("Updated"), "unchanged": _("No change")},
}


def can_use_member_spreadsheet(user):
    return user.is_authenticated and user.has_perms(PERMISSIONS)


def refuse(request):
    """A 403 in the admin's own look (the admin's usual answer is a redirect home, which
    would hide from a script that the request was refused)."""
    return TemplateResponse(
        request,
        "cityprofiles/admin/refused.html",
        {"page_title": _("Member spreadsheet"), "header_icon": "table"},
        status=403,
    )


class MemberSpreadsheetForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "A .csv file in UTF-8 or an Excel .xlsx file of at most 10 MB, with one member per "
            "row and the column names in the first row. To start from the current list, use "
            "one of the export buttons above."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FORMATS)}),
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (DRY_RUN, _("Check only: show what would change and save nothing")),
            (IMPORT, _("Import: save the changes (only if every row is correct)")),
        ],
        initial=DRY_RUN,
        widget=forms.RadioSelect,
    )
    publish = forms.BooleanField(
        label=_("Publish the changes"),
        required=False,
        initial=True,
        help_text=_("Untick to save new and changed profiles as drafts for review."),
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if Path(upload.name).suffix.lower() not in FORMATS:
            raise forms.ValidationError(
                _("“%(name)s” is not a .csv or .xlsx file."), params={"name": upload.name}
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files."),
                params={"size": MAX_FILE_BYTES // (1024 * 1024)},
            )
        return upload


class MemberSpreadsheetView(WagtailAdminTemplateMixin, FormView):
    form_class = MemberSpreadsheetForm
    template_name = "cityprofiles/admin/member_spreadsheet.html"
    page_title = _("Member spreadsheet")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_use_member_spreadsheet(request.user):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def form_valid(self, form):
        dry_run = form.cleaned_data["mode"] == DRY_RUN
        upload = form.cleaned_data["spreadsheet"]
        if not dry_run:
            # A large file would keep the request waiting (and time out): check it here, so
            # that its errors are shown at once, and let the worker import it.
            report, count = check_members(
                upload,
                filename=upload.name,
                publish=form.cleaned_data["publish"],
                user=self.request.user,
            )
            if count > settings.MEMBER_IMPORT_QUEUE_ABOVE:
                return self.queue(form, upload, report, count)
        report = import_members(
            upload,
            filename=upload.name,
            dry_run=dry_run,
            publish=form.cleaned_data["publish"],
            user=self.request.user,
        )
        labels = ACTION_LABELS[dry_run]
        outcomes = [(outcome, labels[outcome.action]) for outcome in report.rows]
        return self.render_to_response(
            self.get_context_data(form=form, report=report, outcomes=outcomes)
        )

    def queue(self, form, upload, report, count):
        if report.ok:
            queue_import(upload, publish=form.cleaned_data["publish"], user=self.request.user)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                outcomes=[],
                queued=count if report.ok else None,
                tasks_url=(
                    reverse("background_tasks:index")
                    if self.request.user.has_perm("background.view_taskrecord")
                    else None
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_links"] = [
            (reverse("cityprofiles_member_export", args=["csv"]), _("Export (CSV)")),
            (reverse("cityprofiles_member_export", args=["xlsx"]), _("Export (Excel)")),
        ]
        return context


def export_view(request, fmt):
    if not can_use_member_spreadsheet(request.user):
        return refuse(request)
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    filename = f"members-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_members(response, fmt)
    return response
