"""The secretariat's review in the admin: the list (with its CSV and Excel export), one
application, and the decisions. Everything here needs ``joining.review_application``, which
only the Secretariat group (and superusers) hold; decisions are POST only."""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import IndexView, InspectView

from cityprofiles.exporter import safe_text

from . import review
from .forms import DeclineForm, EraseForm
from .models import REVIEW_PERMISSION, Application, ApplicationStatus


class ReviewPermissionHelper(PermissionHelper):
    """Listing, inspecting and exporting need the review permission. Nobody creates, edits or
    deletes an application in the admin: it is the applicant's own words, decided on by the
    actions below."""

    def user_can_list(self, user):
        return user.has_perm(REVIEW_PERMISSION)

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and user.has_perm(REVIEW_PERMISSION)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CountryFilter(SimpleListFilter):
    """Only the countries that applications come from (not all 249), by name."""

    title = gettext_lazy("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = set(
            Application.objects.exclude(country="").values_list("country", flat=True).order_by()
        )
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


def spreadsheet_safe(value, export_format):
    """Text a spreadsheet would run as a formula (= + - @ tab CR) gets a leading apostrophe.

    Wagtail's export only keeps cells starting with "=" from being formulas in Excel files,
    and escapes nothing in CSV, so every text cell is neutralised here, in both formats."""
    if not isinstance(value, str):
        return value
    if export_format == "xlsx":
        # Control characters cannot be stored in a workbook at all.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return safe_text(value)


class ApplicationIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            # Django's admin answers this with a redirect; wagtail-modeladmin would give a 500.
            messages.error(request, _("That filter is not known. Showing every application."))
            return redirect(self.url_helper.index_url)

    def get_filters(self, request):
        specs, has_filters, remaining, distinct = super().get_filters(request)
        if remaining:
            # Only the declared filters: a free lookup such as
            # ?events__user__password__startswith= would be an oracle on any related data.
            raise IncorrectLookupParameters(sorted(remaining))
        return specs, has_filters, remaining, distinct

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        empty = self.model_admin.get_empty_value_display()
        # An empty cell, not the list's "-" (which a spreadsheet would read as a formula).
        return {field: "" if value == empty else value for field, value in row.items()}

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value, export_format)

    def get_heading(self, queryset, field):
        # The field's own name ("Local leader's name"), not modeladmin's Title Case of it.
        heading = self.model_admin.export_headings.get(field) or label_for_field(
            field, model=self.model, model_admin=self.model_admin
        )
        return capfirst(str(heading))


class ApplicationInspectView(InspectView):
    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return value

    def get_context_data(self, **kwargs):
        application = self.instance
        context = super().get_context_data(**kwargs)
        is_open = application.status in review.OPEN
        context.update(
            {
                "application": application,
                "initiatives": application.initiatives.all(),
                "events": application.events.select_related("user"),
                "can_take_into_review": application.status == ApplicationStatus.NEW,
                "can_decide": is_open,
                "can_erase": application.personal_data_erased_at is None,
                "erase_url": reverse("joining_erase", args=[application.pk]),
                "review_url": reverse("joining_take_into_review", args=[application.pk]),
                "accept_url": reverse("joining_accept", args=[application.pk]),
                "decline_url": reverse("joining_decline", args=[application.pk]),
                "profile_url": (
                    reverse("wagtailadmin_pages:edit", args=[application.profile_id])
                    if application.profile_id
                    else None
                ),
            }
        )
        return context


def reviewers_only(view):
    @wraps(view)
    def wrapped(request, pk):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return view(request, pk)

    return wrapped


def _back_to(application_pk):
    return redirect("joining_application_modeladmin_inspect", application_pk)


@reviewers_only
@require_POST
def take_into_review_view(request, pk):
    get_object_or_404(Application, pk=pk)
    application, changed = review.take_into_review(pk, request.user)
    if changed:
        messages.success(request, _("“%(name)s” is now in review.") % {"name": application})
    return _back_to(pk)


@reviewers_only
@require_POST
def accept_view(request, pk):
    get_object_or_404(Application, pk=pk)
    try:
        application, created = review.accept(pk, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return _back_to(pk)
    if created:
        messages.success(
            request,
            _(
                "“%(name)s” is accepted: its draft profile and initiatives are ready for review, "
                "and %(email)s can now edit them."
            )
            % {"name": application, "email": application.focal_email},
        )
    else:
        messages.info(request, _("“%(name)s” was already accepted.") % {"name": application})
    return _back_to(pk)


@reviewers_only
def decline_view(request, pk):
    application = get_object_or_404(Application, pk=pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application, changed = review.decline(pk, request.user, form.cleaned_data["reason"])
        except review.ReviewError as error:
            messages.error(request, str(error))
        else:
            if changed:
                messages.success(request, _("“%(name)s” is declined.") % {"name": application})
        return _back_to(pk)
    return TemplateResponse(
        request,
        "joining/admin/decline.html",
        {"form": form, "application": application, "page_title": _("Decline an application")},
    )


@reviewers_only
def erase_view(request, pk):
    """A confirmation page (GET), then the erasure (POST)."""
    application = get_object_or_404(Application, pk=pk)
    # Bound on every POST: the note is optional, so an empty POST is a valid request.
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        application, erased = review.erase_personal_data(
            pk, request.user, note=form.cleaned_data["note"]
        )
        if erased:
            messages.success(
                request,
                _("The focal point's personal data in “%(name)s” is erased.")
                % {"name": application},
            )
        else:
            messages.info(request, _("That personal data was already erased."))
        return _back_to(pk)
    return TemplateResponse(
        request,
        "joining/admin/erase.html",
        {
            "form": form,
            "application": application,
            "is_open": application.status in review.OPEN,
            "has_editor_account": application.profile_id is not None,
            "page_title": _("Erase personal data"),
        },
    )
