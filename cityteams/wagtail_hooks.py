from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_guards, localize_guard, review_outcome, views
from .my_city import my_city
from .panels import MyCityPanel, MyCitySummaryItem, SecretariatPanel
from .roles import SECRETARIAT


@hooks.register("register_admin_urls")
def register_admin_urls():
    # The guarded wagtail-localize views take the upstream URLs (ours are registered
    # first because this app comes before wagtail_localize in INSTALLED_APPS).
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            localize_guard.GuardedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_guard.GuardedSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize_guard.GuardedUpdateTranslationsView.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", admin_guards.convert_to_alias),
        path(
            "localize/translate/<int:translation_id>/disable/",
            localize_guard.stop_translation,
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            localize_guard.edit_override,
        ),
        path("localize/reports/translations/", admin_guards.translations_report()),
        path(
            "localize/reports/translations/results/",
            admin_guards.translations_report(results_only=True),
        ),
        path("cityteams/onboard/<int:page_id>/", views.onboard_view, name="cityteams_onboard"),
        path(
            "cityteams/onboard/<int:page_id>/resend/<int:user_id>/",
            views.resend_invitation_view,
            name="cityteams_resend_invitation",
        ),
    ]


@hooks.register("construct_page_chooser_queryset")
def hide_other_members_drafts_from_the_chooser(pages, request):
    return admin_guards.page_chooser_queryset(pages, request)


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's restart
def refuse_restarting_other_cities_translations(request, page):
    localize_guard.refuse_restart_by_others(request, page)


@hooks.register("after_edit_page")
def say_what_the_review_did(request, page):
    review_outcome.say_what_the_review_did(request, page)


@hooks.register("before_move_page")
def refuse_moves_without_permission(request, page, destination):
    admin_guards.refuse_move_without_permission(request, page, destination)


@hooks.register("construct_admin_api", order=100)  # after wagtail.images and wagtail.documents
def only_choosable_media_in_the_admin_api(router):
    router.register_endpoint("pages", admin_guards.GuardedPagesAdminAPIViewSet)
    router.register_endpoint("images", admin_guards.ChoosableImagesAPIViewSet)
    router.register_endpoint("documents", admin_guards.ChoosableDocumentsAPIViewSet)


@hooks.register("register_page_header_buttons")
def onboard_button(page, user, view_name=None, next_url=None):
    if page.specific_class.__name__ == "CityProfilePage" and user.has_perm(
        views.ONBOARD_PERMISSION
    ):
        yield Button(
            _("Onboard a city editor"),
            reverse("cityteams_onboard", args=[page.pk]),
            icon_name="group",
            priority=66,
        )


@hooks.register("construct_homepage_panels")
def add_secretariat_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(name=SECRETARIAT).exists():
        panels.append(SecretariatPanel())


@hooks.register("construct_homepage_panels")
def add_my_city_panel(request, panels):
    if my_city(request):
        panels.append(MyCityPanel())


def _is_city_editor_only(user):
    return not (user.is_superuser or user.groups.filter(name=SECRETARIAT).exists())


# After Wagtail's own items (order 0), so that its page count is there to be replaced.
@hooks.register("construct_homepage_summary_items", order=100)
def city_summary_for_city_editors(request, items):
    from wagtail.admin.site_summary import PagesSummaryItem

    if my_city(request) and _is_city_editor_only(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
        items.insert(0, MyCitySummaryItem(request))
