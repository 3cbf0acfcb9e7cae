from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_member_spreadsheet_urls():
    return [
        path(
            "members/spreadsheet/",
            admin_views.MemberSpreadsheetView.as_view(),
            name="cityprofiles_member_spreadsheet",
        ),
        path(
            "members/spreadsheet/export.<str:fmt>",
            admin_views.export_view,
            name="cityprofiles_member_export",
        ),
    ]


class MemberSpreadsheetMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_use_member_spreadsheet(request.user)


@hooks.register("register_settings_menu_item")
def register_member_spreadsheet_menu_item():
    return MemberSpreadsheetMenuItem(
        _("Member spreadsheet"),
        reverse("cityprofiles_member_spreadsheet"),
        name="member-spreadsheet",
        icon_name="table",
        order=50,  # first: the secretariat's everyday task, before site configuration
    )


@hooks.register("register_permissions")
def register_member_spreadsheet_permission():
    """Lets administrators grant "add city profile" (the right to import members) and the
    secretariat's field permissions to a group in Settings → Groups; Wagtail lists only the
    permissions registered here."""
    return Permission.objects.filter(
        content_type__app_label="cityprofiles",
        codename__in=["add_cityprofilepage", "edit_membership_facts", "edit_promotion_fields"],
    )


@hooks.register("register_admin_viewset")
def register_member_chooser():
    # Also the widget of every link to a member (StoryMember, HomeFeaturedMember).
    from .chooser import member_chooser_viewset

    return member_chooser_viewset
