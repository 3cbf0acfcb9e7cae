from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_views
from .forms import ApplicationForm
from .models import Application
from .views import unsaved_application


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = _("Applications to join")
    menu_icon = "form"
    menu_order = 250
    permission_helper_class = admin_views.ReviewPermissionHelper
    index_view_class = admin_views.ApplicationIndexView
    inspect_view_class = admin_views.ApplicationInspectView
    inspect_view_enabled = True
    inspect_template_name = "joining/admin/inspect.html"
    # Decisions are recorded by the application's own events, shown when inspecting it.
    history_view_enabled = False
    list_display = ("government_name", "country", "region", "wave", "status", "submitted_at")
    list_filter = ("status", "wave", "region", admin_views.CountryFilter, "language")
    search_fields = ("government_name", "leader_name", "focal_name", "focal_email")
    list_per_page = 50
    # Everything the applicant answered, framed by what the site recorded about it.
    inspect_view_fields = [
        "status",
        "submitted_at",
        "language",
        "wave",
        *ApplicationForm.Meta.fields,
        "confirmation_sent",
        "decline_reason",
        "personal_data_erased_at",
    ]
    list_export = [
        "government_name",
        "get_member_type_display",
        "get_government_type_display",
        "country_name",
        "get_region_display",
        "get_population_band_display",
        "leader_name",
        "leader_title",
        "term_start",
        "term_end",
        "why_essential",
        "why_framework",
        "expectations",
        "initiatives_text",
        "themes_text",
        "focal_name",
        "focal_position",
        "focal_email",
        "consent_to_publish",
        "language",
        "wave",
        "submitted_at",
        "get_status_display",
        "decline_reason",
    ]
    export_headings = {
        "get_member_type_display": _("member type"),
        "get_government_type_display": _("type of government"),
        "country_name": _("country"),
        "get_region_display": _("UCLG region"),
        "get_population_band_display": _("population"),
        "initiatives_text": _("key initiatives"),
        "themes_text": _("themes of interest"),
        "get_status_display": _("status"),
    }
    export_filename = "applications"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("wave")
            .prefetch_related("initiatives", "themes")
        )

    def country_name(self, obj):
        return obj.country.name if obj.country else ""

    def initiatives_text(self, obj):
        return "\n".join(f"{i.title}: {i.description}" for i in obj.initiatives.all())

    def themes_text(self, obj):
        return "; ".join(sorted(theme.name for theme in obj.themes.all()))


modeladmin_register(ApplicationAdmin)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "joining/application/<int:pk>/review/",
            admin_views.take_into_review_view,
            name="joining_take_into_review",
        ),
        path(
            "joining/application/<int:pk>/accept/", admin_views.accept_view, name="joining_accept"
        ),
        path(
            "joining/application/<int:pk>/decline/",
            admin_views.decline_view,
            name="joining_decline",
        ),
        path("joining/application/<int:pk>/erase/", admin_views.erase_view, name="joining_erase"),
    ]


@hooks.register("answer_during_database_outage")
def application_kept_during_database_outage(request):
    """A join-form POST while the database is away gets its form back, filled in
    (home/database_outage.py)."""
    return unsaved_application(request)
